package dev.invoices.functions;

import dev.invoices.config.Dependencies;
import dev.invoices.config.ServiceConfig;
import dev.invoices.json.InvoiceJson;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.ApiEvents;
import dev.invoices.testing.ApiResponse;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.LocalDynamoDb;
import dev.invoices.testing.RepositoryFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static dev.invoices.testing.Claims.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration test: the list function's dialect routes (Fastly billing v3, Northflank) through the real entry
 * point with the {@code events/} files, on the local DynamoDB engine. Shapes are asserted as whole bodies; every response
 * is also checked against {@code openapi.yaml} by {@link ApiEvents}.
 */
class DialectListIT {
    private static final String SECRET = "test-cursor-secret-0123456789abcdef0123456789";
    private static final Instant EPOCH = Instant.parse("2023-01-01T00:00:00Z");
    private static final AtomicInteger CUSTOMERS = new AtomicInteger();

    private static InvoiceStore store;
    private static ListInvoicesHandler handler;
    private static ListInvoicesHandler authorizingHandler;

    @BeforeAll
    static void createTables() {
        Dependencies open = LocalDynamoDb.dependencies(Map.of("CURSOR_SECRET", SECRET));
        store = new InvoiceStore(open.dynamoDb(), open.config().tableName());
        handler = new ListInvoicesHandler(open);
        Dependencies authorizing = new Dependencies(
                ServiceConfig.from(Map.of("TABLE_NAME", open.config().tableName(),
                        "CURSOR_SECRET", SECRET, "AUTHORIZATION", "required")),
                open.dynamoDb(), open.clock());
        authorizingHandler = new ListInvoicesHandler(authorizing);
    }

    // ---- Fastly ----

    @Test
    void fastly_writesEachInvoiceInFastlysNames_andOmitsWhatIsAbsent() {
        // given: a finalized JPY invoice and a KWD draft without statement number, issue time or unit price
        String customer = newCustomer();
        put(resource("small-jpy.json", customer + "-jp", customer));
        put(resource("small-kwd.json", customer + "-kw", customer));

        // when
        ApiResponse response = fastly(customer, Map.of());

        // then: both started 2024-09-01; ties newest-first by id descending
        assertEquals(200, response.status(), response.body());
        assertEquals("{\"data\":["
                + "{\"invoice_id\":\"" + customer + "-kw\",\"customer_id\":\"" + customer + "\","
                + "\"currency_code\":\"KWD\",\"billing_start_date\":\"2024-09-01T00:00:00Z\","
                + "\"billing_end_date\":\"2024-10-01T00:00:00Z\",\"monthly_transaction_amount\":25.191,"
                + "\"transaction_line_items\":["
                + "{\"amount\":24.691,\"description\":\"Storage\",\"rate\":12.3455,\"units\":2},"
                + "{\"amount\":0.500,\"description\":\"Setup\",\"units\":1}]},"
                + "{\"invoice_id\":\"" + customer + "-jp\",\"customer_id\":\"" + customer + "\","
                + "\"statement_number\":\"JP0001\",\"currency_code\":\"JPY\","
                + "\"billing_start_date\":\"2024-09-01T00:00:00Z\",\"billing_end_date\":\"2024-10-01T00:00:00Z\","
                + "\"invoice_posted_on\":\"2024-10-01T00:00:00Z\",\"monthly_transaction_amount\":4125,"
                + "\"transaction_line_items\":[{\"amount\":3750,\"description\":\"Seats\",\"rate\":1250,\"units\":3}]}],"
                + "\"meta\":{\"limit\":100,\"sort\":\"billing_start_date\",\"total\":2}}", response.body());
    }

    @Test
    void fastly_namesTheSeedsLineItemFields() {
        // given: the fully populated USD invoice
        String customer = newCustomer();
        put(InvoiceFixtures.withId(InvoiceFixtures.full(), customer + "-full", customer));

        // when
        Map<String, Object> invoice = fastly(customer, Map.of()).data().getFirst();

        // then
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) invoice.get("transaction_line_items")).getFirst();
        assertEquals(List.of("ProductGroup", "ProductLine", "ProductName", "Region", "UsageType", "amount",
                "credit_coupon_code", "description", "units"), List.copyOf(first.keySet()));
        assertEquals(new BigDecimal("1569.68"), invoice.get("monthly_transaction_amount"));
    }

    @ParameterizedTest(name = "{0} invoices")
    @ValueSource(ints = {0, 1, 6, 7, 8, 14, 257})
    void fastly_walkingEveryPage_returnsEachInvoiceOnceNewestFirst_withAnExactTotalOnEveryPage(int count) {
        // given
        String customer = newCustomer();
        List<String> expected = newestFirst(seed(customer, count));

        // when
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            ApiResponse page = fastly(customer, query("limit", "7", "cursor", cursor));
            assertEquals(200, page.status(), page.body());
            Map<String, Object> meta = meta(page);
            assertEquals(new BigDecimal(count), meta.get("total"));
            assertEquals(new BigDecimal(7), meta.get("limit"));
            assertEquals("billing_start_date", meta.get("sort"));
            pages.add(fastlyIds(page));
            cursor = (String) meta.get("next_cursor");
            assertTrue(pages.size() < 100);
        } while (cursor != null);

        // then: full pages of 7, and the last page has no next_cursor at all
        assertEquals(expected, pages.stream().flatMap(List::stream).toList());
        assertEquals(Math.max(1, (count + 6) / 7), pages.size());
    }

    @Test
    void fastly_aDateRange_countsAndListsExactlyThePeriodsStartingInIt() {
        // given: one invoice a day; the range is days 10..19
        String customer = newCustomer();
        List<Invoice> seeded = seed(customer, 40);
        Instant from = EPOCH.plus(Duration.ofDays(10));
        Instant before = EPOCH.plus(Duration.ofDays(20));

        // when
        ApiResponse first = fastly(customer, query("billing_start_date", from.toString(),
                "billing_end_date", before.toString(), "limit", "4"));
        List<String> all = new ArrayList<>(fastlyIds(first));
        String cursor = (String) meta(first).get("next_cursor");
        while (cursor != null) {
            ApiResponse next = fastly(customer, query("billing_start_date", from.toString(),
                    "billing_end_date", before.toString(), "limit", "4", "cursor", cursor));
            assertEquals(new BigDecimal(10), meta(next).get("total"));
            all.addAll(fastlyIds(next));
            cursor = (String) meta(next).get("next_cursor");
        }

        // then
        assertEquals(new BigDecimal(10), meta(first).get("total"));
        assertEquals(newestFirst(seeded.stream().filter(i -> !i.startTimestamp().isBefore(from)
                && i.startTimestamp().isBefore(before)).toList()), all);
    }

    @Test
    void fastly_totalCountsOnlyCreatedInvoices_notAFailedCreateOfAnExistingId() {
        // given
        String customer = newCustomer();
        List<Invoice> seeded = seed(customer, 3);

        // when: the same id again, for this customer and for another
        assertFalse(store.create(seeded.getFirst()));
        assertFalse(store.create(InvoiceFixtures.withId(seeded.getFirst(), seeded.getFirst().id(), newCustomer())));

        // then
        assertEquals(new BigDecimal(3), meta(fastly(customer, Map.of())).get("total"));
        assertEquals(3, store.invoiceCount(customer));
    }

    @Test
    void fastly_badParameters_areOneProblemNamingEachField() {
        String customer = newCustomer();
        assertEquals(List.of("limit", "billing_start_date", "billing_end_date"),
                fastly(customer, query("limit", "201", "billing_start_date", "yesterday",
                        "billing_end_date", "2024-13-01T00:00:00Z")).assertProblem(400, "invalid_request").errorFields());
        assertEquals(List.of("limit"), fastly(customer, query("limit", "0")).assertProblem(400, "invalid_request")
                .errorFields());
        assertEquals(List.of("billing_end_date"), fastly(customer, query("billing_start_date", "2024-02-01T00:00:00Z",
                "billing_end_date", "2024-02-01T00:00:00Z")).assertProblem(400, "invalid_request").errorFields());
        fastly(customer, query("cursor", "not-a-cursor")).assertProblem(400, "invalid_cursor");
    }

    @Test
    void aCursor_opensOnlyOnTheRouteThatIssuedIt() {
        // given: more invoices than a page, so that every dialect hands out a cursor
        String customer = newCustomer();
        seed(customer, 5);
        String fastlyCursor = (String) meta(fastly(customer, query("limit", "2"))).get("next_cursor");
        String northflankCursor = (String) pagination(northflank(customer, query("per_page", "2"))).get("cursor");
        String canonicalCursor = (String) ApiEvents.load("list-invoices.json").pathParameter("customer_id", customer)
                .query(Map.of("limit", "2", "sort", "date_desc")).invoke(handler).json().get("next_page");

        // then: each works where it came from, and nowhere else
        assertEquals(200, fastly(customer, query("cursor", fastlyCursor)).status());
        assertEquals(200, northflank(customer, query("cursor", northflankCursor)).status());
        fastly(customer, query("cursor", canonicalCursor)).assertProblem(400, "invalid_cursor");
        fastly(customer, query("cursor", northflankCursor)).assertProblem(400, "invalid_cursor");
        northflank(customer, query("cursor", fastlyCursor)).assertProblem(400, "invalid_cursor");
        northflank(customer, query("cursor", canonicalCursor)).assertProblem(400, "invalid_cursor");
        ApiEvents.load("list-invoices.json").pathParameter("customer_id", customer)
                .query(Map.of("sort", "date_desc", "next_page", fastlyCursor)).invoke(handler)
                .assertProblem(400, "invalid_cursor");
    }

    // ---- the caller's customer ----

    @Test
    void withAuthorizationOff_theCustomerIdParameterIsRequired() {
        assertEquals(List.of("customer_id"), ApiEvents.load("list-invoices-fastly.json").query(Map.of())
                .invoke(handler).assertProblem(400, "invalid_request").errorFields());
        assertEquals(List.of("customer_id"), ApiEvents.load("list-invoices-northflank.json").query(Map.of())
                .invoke(handler).assertProblem(400, "invalid_request").errorFields());
        assertEquals(List.of("customer_id"), ApiEvents.load("list-invoices-fastly.json")
                .query(Map.of("customer_id", "bad id!")).invoke(handler).assertProblem(400, "invalid_request")
                .errorFields());
    }

    @Test
    void aCustomersToken_listsItsOwnInvoices_andAnotherCustomerIsNotFound() {
        // given
        String customer = newCustomer();
        String other = newCustomer();
        seed(customer, 2);
        seed(other, 1);

        // when
        ApiResponse own = ApiEvents.load("list-invoices-fastly.json").query(Map.of())
                .authorizer(claim(customer), List.of("invoices:read")).invoke(authorizingHandler);
        ApiResponse ownNorthflank = ApiEvents.load("list-invoices-northflank.json").query(Map.of())
                .authorizer(claim(customer), List.of("invoices:read")).invoke(authorizingHandler);
        ApiResponse foreign = ApiEvents.load("list-invoices-fastly.json").query(Map.of("customer_id", other))
                .authorizer(claim(customer), List.of("invoices:read")).invoke(authorizingHandler);

        // then
        assertEquals(new BigDecimal(2), meta(own).get("total"));
        assertEquals(new BigDecimal(2), pagination(ownNorthflank).get("count"));
        foreign.assertProblem(404, "not_found");
    }

    @Test
    void anAdmin_namesTheCustomer_andMustNameOne() {
        String customer = newCustomer();
        seed(customer, 3);
        ApiResponse named = ApiEvents.load("list-invoices-fastly.json").query(Map.of("customer_id", customer))
                .authorizer(claim(null), List.of("invoices:admin")).invoke(authorizingHandler);
        assertEquals(new BigDecimal(3), meta(named).get("total"));
        assertEquals(List.of("customer_id"), ApiEvents.load("list-invoices-northflank.json").query(Map.of())
                .authorizer(claim(null), List.of("invoices:admin")).invoke(authorizingHandler)
                .assertProblem(400, "invalid_request").errorFields());
        ApiEvents.load("list-invoices-fastly.json").query(Map.of("customer_id", customer)).invoke(authorizingHandler)
                .assertProblem(401, "unauthorized");
        ApiEvents.load("list-invoices-fastly.json").query(Map.of())
                .authorizer(claim(null), List.of("invoices:read")).invoke(authorizingHandler)
                .assertProblem(403, "forbidden");
    }

    @Test
    void anUnknownRouteKey_isRouteNotFound() {
        ApiEvents.load("list-invoices-fastly.json").routeKey("GET /billing/v2/invoices").invoke(handler)
                .assertProblem(404, "route_not_found");
    }

    @Test
    void everyListEventFile_isAnswered200() throws IOException {
        // given: the events' customer has invoices
        put(InvoiceFixtures.simple("evt-" + newCustomer(), "acme-corp", InvoiceStatus.FINALIZED, EPOCH));
        try (var files = Files.list(RepositoryFiles.path("events"))) {
            for (var file : files.filter(f -> f.getFileName().toString().startsWith("list-")).toList()) {
                ApiResponse response = ApiEvents.load(file.getFileName().toString()).invoke(handler);
                assertEquals(200, response.status(), file + ": " + response.body());
            }
        }
    }

    // ---- Northflank ----

    @Test
    void northflank_convertsToMinorUnitsOfEachCurrency_andUnixSeconds() {
        // given: USD (2 decimals, with tax), JPY (0, with tax), KWD (3, no tax), in three months
        String customer = newCustomer();
        put(shifted(InvoiceFixtures.withId(InvoiceFixtures.full(), customer + "-usd", customer), "2025-03-01T00:00:00Z",
                "2025-04-01T00:00:00.5Z"));
        put(shifted(resource("small-jpy.json", customer + "-jpy", customer), "2025-02-01T00:00:00Z",
                "2025-03-01T00:00:00Z"));
        put(shifted(resource("small-kwd.json", customer + "-kwd", customer), "2025-01-01T00:00:00Z",
                "2025-02-01T00:00:00Z"));

        // when
        ApiResponse response = northflank(customer, Map.of());

        // then: total 1569.68 USD with tax 87.40; 4125 JPY with tax 375; 25.191 KWD
        assertEquals(200, response.status(), response.body());
        assertEquals("{\"data\":{\"invoices\":["
                + "{\"id\":\"" + customer + "-usd\",\"period\":{\"start\":1740787200,\"end\":1743465600},"
                + "\"currency\":\"usd\",\"total\":156968,\"subTotal\":148228,\"paid\":false},"
                + "{\"id\":\"" + customer + "-jpy\",\"period\":{\"start\":1738368000,\"end\":1740787200},"
                + "\"currency\":\"jpy\",\"total\":4125,\"subTotal\":3750,\"paid\":true},"
                + "{\"id\":\"" + customer + "-kwd\",\"period\":{\"start\":1735689600,\"end\":1738368000},"
                + "\"currency\":\"kwd\",\"total\":25191,\"subTotal\":25191,\"paid\":false}]},"
                + "\"pagination\":{\"hasNextPage\":false,\"count\":3}}", response.body());
    }

    @Test
    void northflank_presentsStoredAmountsBeyondALong_exactly_ratherThanFailing() {
        // given: stored amounts that no longer fit a long in minor units (validation now refuses them on the
        // way in, but a stored invoice must still be served): a charge and a credit, in USD
        String customer = newCustomer();
        Invoice base = InvoiceFixtures.simple(customer + "-big", customer, InvoiceStatus.FINALIZED,
                Instant.parse("2025-02-01T00:00:00Z"));
        BigDecimal huge = new BigDecimal("100000000000000000000.00");
        put(base.withAmounts(base.subLineItems(), base.invoiceAdjustments(), huge, new BigDecimal("0.01"),
                huge.add(new BigDecimal("0.01"))));
        Invoice credit = InvoiceFixtures.simple(customer + "-credit", customer, InvoiceStatus.FINALIZED,
                Instant.parse("2025-01-01T00:00:00Z"));
        put(credit.withAmounts(credit.subLineItems(), credit.invoiceAdjustments(), huge.negate(),
                new BigDecimal("0.00"), huge.negate()));

        // when
        ApiResponse response = northflank(customer, Map.of());

        // then
        assertEquals(200, response.status(), response.body());
        assertEquals(List.of("10000000000000000000001", "10000000000000000000000", "-10000000000000000000000",
                "-10000000000000000000000"), response.body().lines().flatMap(line -> Pattern
                .compile("\"(?:total|subTotal)\":(-?[0-9]+)").matcher(line).results().map(m -> m.group(1))).toList());
    }

    @ParameterizedTest(name = "{0} invoices")
    @ValueSource(ints = {0, 1, 4, 5, 6, 10, 101})
    void northflank_pageNumbersAndCursors_walkTheSameInvoicesOnceNewestFirst(int count) {
        // given
        String customer = newCustomer();
        List<String> expected = newestFirst(seed(customer, count));

        // when: by cursor
        List<String> byCursor = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiResponse page = northflank(customer, query("per_page", "5", "cursor", cursor));
            Map<String, Object> pagination = pagination(page);
            byCursor.addAll(northflankIds(page));
            assertEquals(new BigDecimal(northflankIds(page).size()), pagination.get("count"));
            assertEquals(pagination.containsKey("cursor"), pagination.get("hasNextPage"));
            cursor = (String) pagination.get("cursor");
            pages++;
        } while (cursor != null);

        // and: by page number, one past the last page included
        List<String> byPage = new ArrayList<>();
        int lastPage = Math.max(1, (count + 4) / 5);
        for (int page = 1; page <= lastPage + 1; page++) {
            ApiResponse response = northflank(customer, query("per_page", "5", "page", String.valueOf(page)));
            assertEquals(page < lastPage, pagination(response).get("hasNextPage"), "page " + page);
            byPage.addAll(northflankIds(response));
        }

        // then
        assertEquals(expected, byCursor);
        assertEquals(expected, byPage);
        assertEquals(lastPage, pages);
    }

    @Test
    void northflank_theCursorWinsOverThePage_andAPagesCursorCarriesOn() {
        // given
        String customer = newCustomer();
        List<String> expected = newestFirst(seed(customer, 12));
        ApiResponse second = northflank(customer, query("per_page", "4", "page", "2"));
        String cursor = (String) pagination(second).get("cursor");

        // when
        ApiResponse third = northflank(customer, query("per_page", "4", "page", "1", "cursor", cursor));

        // then
        assertEquals(expected.subList(4, 8), northflankIds(second));
        assertEquals(expected.subList(8, 12), northflankIds(third));
        assertEquals(false, pagination(third).get("hasNextPage"));
        assertNull(pagination(third).get("cursor"));
    }

    @Test
    void northflank_badParameters_areOneProblemNamingEachField() {
        String customer = newCustomer();
        assertEquals(List.of("per_page", "page"), northflank(customer, query("per_page", "101", "page", "0"))
                .assertProblem(400, "invalid_request").errorFields());
        assertEquals(List.of("page"), northflank(customer, query("page", "101"))
                .assertProblem(400, "invalid_request").errorFields());
        assertEquals(List.of("per_page", "page"), northflank(customer, query("per_page", "ten", "page", "-1"))
                .assertProblem(400, "invalid_request").errorFields());
        assertEquals(List.of("per_page"), northflank(customer, query("per_page", "0"))
                .assertProblem(400, "invalid_request").errorFields());
    }

    // ---- helpers ----

    private static String newCustomer() {
        return "dia-" + CUSTOMERS.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
    }

    private static List<Invoice> seed(String customer, int count) {
        InvoiceStatus[] statuses = InvoiceStatus.values();
        return IntStream.range(0, count)
                .mapToObj(i -> put(InvoiceFixtures.simple(customer + "-" + (count - i), customer,
                        statuses[i % statuses.length], EPOCH.plus(Duration.ofDays(i)))))
                .toList();
    }

    private static Invoice put(Invoice invoice) {
        assertTrue(store.create(invoice), "seeded " + invoice.id());
        return invoice;
    }

    private static Invoice resource(String name, String id, String customer) {
        return InvoiceFixtures.withId(InvoiceJson.read(RepositoryFiles.read(
                "local/testing/src/main/resources/invoices/" + name)), id, customer);
    }

    private static Invoice shifted(Invoice invoice, String start, String end) {
        return new Invoice(invoice.id(), invoice.customerId(), invoice.statementNumber(), invoice.status(),
                invoice.paid(), invoice.currencyCode(), Instant.parse(start), Instant.parse(end), invoice.issuedAt(),
                invoice.planId(), invoice.planName(), invoice.planCustomFields(), invoice.subLineItems(),
                invoice.invoiceAdjustments(), invoice.subtotal(), invoice.tax(), invoice.total(),
                invoice.voidReason(), invoice.voidedAt(), invoice.regeneratedFromInvoiceId(),
                invoice.replacedByInvoiceId(), invoice.createdAt(), invoice.updatedAt(), invoice.version());
    }

    private static List<String> newestFirst(List<Invoice> invoices) {
        Comparator<Invoice> order = Comparator.comparing(Invoice::startTimestamp).thenComparing(Invoice::id);
        return invoices.stream().sorted(order.reversed()).map(Invoice::id).toList();
    }

    private static Map<String, String> query(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static ApiResponse fastly(String customer, Map<String, String> query) {
        Map<String, String> withCustomer = new HashMap<>(query);
        withCustomer.put("customer_id", customer);
        return ApiEvents.load("list-invoices-fastly.json").query(withCustomer).invoke(handler);
    }

    private static ApiResponse northflank(String customer, Map<String, String> query) {
        Map<String, String> withCustomer = new HashMap<>(query);
        withCustomer.put("customer_id", customer);
        return ApiEvents.load("list-invoices-northflank.json").query(withCustomer).invoke(handler);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> meta(ApiResponse response) {
        return (Map<String, Object>) response.json().get("meta");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pagination(ApiResponse response) {
        return (Map<String, Object>) response.json().get("pagination");
    }

    private static List<String> fastlyIds(ApiResponse response) {
        return response.data().stream().map(invoice -> (String) invoice.get("invoice_id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> northflankIds(ApiResponse response) {
        Map<String, Object> data = (Map<String, Object>) response.json().get("data");
        return ((List<Map<String, Object>>) data.get("invoices")).stream()
                .map(invoice -> (String) invoice.get("id")).toList();
    }
}
