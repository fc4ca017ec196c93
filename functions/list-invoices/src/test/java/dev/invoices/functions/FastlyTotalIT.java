package dev.invoices.functions;

import dev.invoices.config.Dependencies;
import dev.invoices.config.ServiceConfig;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceItemMapper;
import dev.invoices.store.InvoiceStore;
import dev.invoices.store.InvoiceTable;
import dev.invoices.testing.ApiEvents;
import dev.invoices.testing.ApiResponse;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.LocalDynamoDb;
import dev.invoices.testing.RequestCounter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fastly's {@code meta.total} with a date filter, through the list function's real entry point on the local engine:
 * exact, from the counter item's billing months plus at most two edge months counted by Query, so its requests do
 * not grow with the customer's invoices; exact under concurrent writes; and exact, by Query, for a counter item
 * written before months were counted.
 */
class FastlyTotalIT {
    private static final String SECRET = "test-cursor-secret-0123456789abcdef0123456789";
    private static final Instant EPOCH = Instant.parse("2023-01-01T00:00:00Z");
    private static final AtomicInteger CUSTOMERS = new AtomicInteger();

    private static final RequestCounter REQUESTS = new RequestCounter();
    private static InvoiceStore store;
    private static ListInvoicesHandler handler;
    private static DynamoDbClient dynamoDb;
    private static String table;

    @BeforeAll
    static void createTable() {
        Dependencies counted = LocalDynamoDb.dependencies(Clock.systemUTC(), REQUESTS);
        table = counted.config().tableName();
        dynamoDb = counted.dynamoDb();
        store = new InvoiceStore(dynamoDb, table);
        handler = new ListInvoicesHandler(new Dependencies(
                new ServiceConfig(table, counted.config().region(), Optional.of(SECRET), false), dynamoDb,
                counted.clock()));
    }

    /** Every date range the test asks about: month-aligned, cutting through months, open on either side. */
    private static final List<String[]> RANGES = List.of(
            new String[]{"2023-01-01T00:00:00Z", "2023-04-01T00:00:00Z"},
            new String[]{"2023-01-15T00:00:00Z", "2023-03-10T12:00:00Z"},
            new String[]{"2023-02-03T00:00:00Z", "2023-02-20T00:00:00Z"},
            new String[]{"2023-03-31T23:59:59Z", null},
            new String[]{null, "2023-02-14T00:00:00Z"},
            new String[]{"2022-06-01T00:00:00Z", "2022-07-01T00:00:00Z"});

    @Test
    void aDateFilteredTotal_isExact_andItsRequestsDoNotGrowWithTheInvoices() {
        Map<Integer, List<String>> requestsAtOneADay = new HashMap<>();
        for (int perDay : List.of(1, 6)) {
            // given: a customer with an invoice (or six) starting each day for four months
            String customer = newCustomer();
            List<Invoice> seeded = new ArrayList<>();
            for (int day = 0; day < 120; day++) {
                for (int n = 0; n < perDay; n++) {
                    Invoice invoice = InvoiceFixtures.simple(customer + "-" + day + "-" + n, customer,
                            InvoiceStatus.FINALIZED, EPOCH.plus(Duration.ofDays(day)).plusSeconds(n));
                    assertTrue(store.create(invoice));
                    seeded.add(invoice);
                }
            }

            for (String[] range : RANGES) {
                // when
                REQUESTS.reset();
                ApiResponse response = fastly(customer, range);

                // then: the total is the brute-force count, and the requests are the same at either size
                assertEquals(200, response.status(), response.body());
                assertEquals(BigDecimal.valueOf(matching(seeded, range)), meta(response).get("total"),
                        perDay + " a day, " + String.join(" .. ", String.valueOf(range[0]), String.valueOf(range[1])));
                long queries = REQUESTS.operations().stream().filter("Query"::equals).count();
                long reads = REQUESTS.operations().stream().filter("GetItem"::equals).count();
                assertEquals(1, reads, REQUESTS.operations().toString());
                assertTrue(queries <= 3, "the page and at most two edge months: " + REQUESTS.operations());
                int which = RANGES.indexOf(range);
                if (perDay == 1) {
                    requestsAtOneADay.put(which, REQUESTS.operations());
                } else {
                    assertEquals(requestsAtOneADay.get(which), REQUESTS.operations(), "six times the invoices");
                }
            }
        }
    }

    @Test
    void theTotals_stayExact_underConcurrentCreatesAndMovesAcrossMonths() throws Exception {
        // given: twelve invoices, one a month
        String customer = newCustomer();
        List<Invoice> initial = IntStream.range(0, 12).mapToObj(month -> InvoiceFixtures.simple(
                customer + "-m" + month, customer, InvoiceStatus.DRAFT,
                EPOCH.atOffset(ZoneOffset.UTC).plusMonths(month).plusDays(9).toInstant())).toList();
        initial.forEach(invoice -> assertTrue(store.create(invoice)));

        // when: at once, 40 creates spread over the year, and each of the twelve moved (import --replace) to
        // another month, some of them to another customer
        String other = newCustomer();
        ConcurrentLinkedQueue<Invoice> now = new ConcurrentLinkedQueue<>();
        List<Runnable> writes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Invoice created = InvoiceFixtures.simple(customer + "-c" + i, customer, InvoiceStatus.FINALIZED,
                    EPOCH.plus(Duration.ofDays(i * 9L)));
            writes.add(() -> {
                assertTrue(store.create(created));
                now.add(created);
            });
        }
        for (Invoice invoice : initial) {
            int month = Integer.parseInt(invoice.id().substring(invoice.id().lastIndexOf('m') + 1));
            String owner = month % 3 == 0 ? other : customer;
            Invoice moved = InvoiceFixtures.simple(invoice.id(), owner, InvoiceStatus.DRAFT,
                    EPOCH.atOffset(ZoneOffset.UTC).plusMonths((month + 5) % 12).plusDays(20).toInstant());
            writes.add(() -> {
                assertEquals(InvoiceStore.WriteResult.WRITTEN, store.write(List.of(new InvoiceStore.Overwrite(
                        moved, invoice.customerId(), invoice.startTimestamp())), Optional.empty()));
                now.add(moved);
            });
        }
        runAtOnce(writes);

        // then: for both customers and every range, the total is what a brute-force count of the writes gives
        for (String owner : List.of(customer, other)) {
            List<Invoice> theirs = now.stream().filter(invoice -> invoice.customerId().equals(owner)).toList();
            for (String[] range : RANGES) {
                assertEquals(BigDecimal.valueOf(matching(theirs, range)), meta(fastly(owner, range)).get("total"),
                        owner + " " + String.valueOf(range[0]) + " .. " + String.valueOf(range[1]));
            }
            assertEquals(theirs.size(), store.invoiceCount(owner));
        }
    }

    @Test
    void aCounterItemWithoutMonths_writtenBeforeMonthsWereCounted_isStillExact_byQuery() {
        // given: invoices written as an older version wrote them: the invoice items and the total alone
        String customer = newCustomer();
        List<Invoice> seeded = IntStream.range(0, 30).mapToObj(day -> InvoiceFixtures.simple(customer + "-" + day,
                customer, InvoiceStatus.FINALIZED, EPOCH.plus(Duration.ofDays(day * 3L)))).toList();
        for (Invoice invoice : seeded) {
            dynamoDb.putItem(put -> put.tableName(table).item(InvoiceItemMapper.toItem(invoice)));
        }
        dynamoDb.updateItem(update -> update.tableName(table)
                .key(Map.of(InvoiceTable.PK, AttributeValue.fromS(InvoiceTable.customerPk(customer))))
                .updateExpression("ADD #count :n").expressionAttributeNames(Map.of("#count", InvoiceTable.INVOICE_COUNT))
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Integer.toString(seeded.size())))));
        // and one more written now, which counts its month
        Invoice added = InvoiceFixtures.simple(customer + "-new", customer, InvoiceStatus.DRAFT,
                Instant.parse("2023-02-10T00:00:00Z"));
        assertTrue(store.create(added));
        List<Invoice> all = new ArrayList<>(seeded);
        all.add(added);

        // when / then
        for (String[] range : RANGES) {
            assertEquals(BigDecimal.valueOf(matching(all, range)), meta(fastly(customer, range)).get("total"));
        }
    }

    // ---- helpers ----

    private static long matching(List<Invoice> invoices, String[] range) {
        Instant from = range[0] == null ? Instant.MIN : Instant.parse(range[0]);
        Instant before = range[1] == null ? Instant.MAX : Instant.parse(range[1]);
        return invoices.stream().filter(invoice -> !invoice.startTimestamp().isBefore(from)
                && invoice.startTimestamp().isBefore(before)).count();
    }

    private static ApiResponse fastly(String customer, String[] range) {
        Map<String, String> query = new HashMap<>(Map.of("customer_id", customer, "limit", "5"));
        if (range[0] != null) {
            query.put("billing_start_date", range[0]);
        }
        if (range[1] != null) {
            query.put("billing_end_date", range[1]);
        }
        return ApiEvents.load("list-invoices-fastly.json").query(query).invoke(handler);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> meta(ApiResponse response) {
        return (Map<String, Object>) response.json().get("meta");
    }

    private static void runAtOnce(List<Runnable> writes) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(writes.size())) {
            List<Future<?>> done = new ArrayList<>();
            for (Runnable write : writes) {
                done.add(threads.submit(() -> {
                    start.await();
                    write.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        }
    }

    private static String newCustomer() {
        return "tot-" + CUSTOMERS.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
    }
}
