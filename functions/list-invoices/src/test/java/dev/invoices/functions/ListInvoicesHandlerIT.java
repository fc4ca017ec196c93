package dev.invoices.functions;

import dev.invoices.config.Dependencies;
import dev.invoices.config.ServiceConfig;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.ApiEvents;
import dev.invoices.testing.ApiResponse;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.LocalDynamoDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration test: the list function's real entry point with the events of {@code events/}, on DynamoDB
 * Local with the table of {@code template.yaml}. Each test seeds its own customers, so tests share one table.
 */
class ListInvoicesHandlerIT {
    private static final String SECRET = "test-cursor-secret-0123456789abcdef0123456789";
    private static final int LIMIT = 10;
    private static final Instant EPOCH = Instant.parse("2023-01-01T00:00:00Z");
    private static final AtomicInteger CUSTOMERS = new AtomicInteger();

    private static InvoiceStore store;
    /** The other writer of the race test: its own client, so that its calls are not intercepted. */
    private static InvoiceStore racer;
    private static ListInvoicesHandler handler;

    @BeforeAll
    static void createTable() {
        Dependencies dependencies = LocalDynamoDb.dependencies(Map.of("CURSOR_SECRET", SECRET));
        store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());
        handler = new ListInvoicesHandler(dependencies);
    }

    static Stream<Arguments> walks() {
        List<Arguments> cases = new ArrayList<>();
        for (int count : new int[]{0, 1, LIMIT - 1, LIMIT, LIMIT + 1, 2 * LIMIT, 257}) {
            for (String sort : new String[]{"date_asc", "date_desc"}) {
                cases.add(Arguments.of(count, sort, null));
                cases.add(Arguments.of(count, sort, "finalized"));
                cases.add(Arguments.of(count, sort, "DRAFT,void"));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} invoices, sort={1}, status={2}")
    @MethodSource("walks")
    void walkingEveryPage_returnsEachMatchingInvoiceOnceInOrder(int count, String sort, String status) {
        // given
        String customer = newCustomer();
        List<Invoice> seeded = seed(customer, count);
        Set<InvoiceStatus> statuses = status == null ? Set.of() : statusesOf(status);
        List<String> expected = expectedIds(seeded, i -> statuses.isEmpty() || statuses.contains(i.status()),
                sort.equals("date_desc"));

        // when
        List<List<String>> pages = walk(customer, params("sort", sort, "status", status));

        // then
        assertPagesAre(expected, pages);
    }

    @ParameterizedTest(name = "status={0}, sort={1}")
    @CsvSource({"'FINALIZED,VOID', date_asc", "'FINALIZED,VOID', date_desc", "'draft,void', date_asc",
            "'draft,void', date_desc"})
    void anInvoiceVoidedBetweenTheQueriesOfTwoRequestedStatuses_isListedOnce_asItsNewerVersion(String status,
                                                                                                  String sort) {
        // given: the invoice is voided by another writer right after the first status's Query has read it
        String customer = newCustomer();
        InvoiceStatus before = status.startsWith("draft") ? InvoiceStatus.DRAFT : InvoiceStatus.FINALIZED;
        List<Invoice> seeded = IntStream.range(0, 5).mapToObj(i -> InvoiceFixtures.simple(customer + "-" + i,
                customer, before, EPOCH.plus(Duration.ofDays(i)))).toList();
        Invoice target = seeded.get(2);
        AtomicBoolean voided = new AtomicBoolean();
        ExecutionInterceptor voidAfterFirstQuery = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest && voided.compareAndSet(false, true)) {
                    assertTrue(racer.replace(target.voided(EPOCH, "raced"), target.version()));
                }
            }
        };
        Dependencies intercepted = LocalDynamoDb.dependencies(Clock.systemUTC(), voidAfterFirstQuery);
        racer = new InvoiceStore(LocalDynamoDb.client(), intercepted.config().tableName());
        seeded.forEach(invoice -> assertTrue(racer.create(invoice)));
        ListInvoicesHandler racing = new ListInvoicesHandler(new Dependencies(ServiceConfig.from(Map.of(
                ServiceConfig.TABLE_NAME, intercepted.config().tableName(), ServiceConfig.CURSOR_SECRET, SECRET,
                ServiceConfig.AUTHORIZATION, "off")), intercepted.dynamoDb(), intercepted.clock()));

        // when
        ApiResponse response = ApiEvents.load("list-invoices.json").pathParameter("customer_id", customer)
                .query(params("status", status, "sort", sort, "limit", "100")).invoke(racing);

        // then: five invoices, each once, the raced one as VOID (version + 1)
        assertEquals(200, response.status(), response.body());
        assertTrue(voided.get());
        List<String> expected = seeded.stream().map(Invoice::id).toList();
        assertEquals(sort.equals("date_desc") ? expected.reversed() : expected, ids(response));
        Map<String, Object> raced = response.data().stream().filter(i -> target.id().equals(i.get("id")))
                .findFirst().orElseThrow();
        assertEquals("VOID", raced.get("status"));
        assertEquals(BigDecimal.valueOf(target.version() + 1), raced.get("version"));
    }

    @Test
    void aDateRange_returnsExactlyThePeriodsStartingInIt_inclusiveStartExclusiveEnd() {
        // given: one invoice a day; the range covers days 10..19 exactly
        String customer = newCustomer();
        List<Invoice> seeded = seed(customer, 40);
        Instant from = EPOCH.plus(Duration.ofDays(10));
        Instant before = EPOCH.plus(Duration.ofDays(20));
        List<String> expected = expectedIds(seeded,
                i -> !i.startTimestamp().isBefore(from) && i.startTimestamp().isBefore(before), false);

        // when
        List<List<String>> pages = walk(customer,
                params("starting_on", from.toString(), "ending_before", before.toString(), "limit", "3"));

        // then
        assertEquals(expected.size(), pages.stream().mapToInt(List::size).sum());
        assertEquals(expected, pages.stream().flatMap(List::stream).toList());
        assertEquals(4, pages.size(), "3 + 3 + 3 + 1 invoices, no trailing empty page");
    }

    @Test
    void aFilterThatRemovesMostInvoices_stillFillsPagesAndEndsWithoutAnEmptyPage() {
        // given: 300 invoices, of which only every 50th is VOID
        String customer = newCustomer();
        List<Invoice> seeded = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            seeded.add(put(InvoiceFixtures.simple(customer + "-" + i, customer,
                    i % 50 == 0 ? InvoiceStatus.VOID : InvoiceStatus.FINALIZED, EPOCH.plus(Duration.ofHours(i)))));
        }

        // when
        List<List<String>> pages = walk(customer, params("status", "VOID", "limit", "4"));

        // then
        assertPagesAre(expectedIds(seeded, i -> i.status() == InvoiceStatus.VOID, false), pages);
        assertEquals(List.of(4, 2), pages.stream().map(List::size).toList());
    }

    @Test
    void invoicesWithTheSamePeriodStart_areOrderedById() {
        // given
        String customer = newCustomer();
        for (String id : List.of("b", "c", "a")) {
            put(InvoiceFixtures.simple(customer + "-" + id, customer, InvoiceStatus.FINALIZED, EPOCH));
        }

        // when
        List<List<String>> asc = walk(customer, params("limit", "2"));
        List<List<String>> desc = walk(customer, params("limit", "2", "sort", "date_desc"));

        // then
        assertEquals(List.of(List.of(customer + "-a", customer + "-b"), List.of(customer + "-c")), asc);
        assertEquals(List.of(List.of(customer + "-c", customer + "-b"), List.of(customer + "-a")), desc);
    }

    @Test
    void invoicesAddedWhileWalking_neverRepeatOrSkipTheOthers() {
        // given
        String customer = newCustomer();
        List<Invoice> seeded = seed(customer, 25);
        ApiResponse first = list(customer, params("limit", "10"));
        String cursor = (String) first.json().get("next_page");

        // when: one invoice lands before the cursor's position, one after it
        put(InvoiceFixtures.simple(customer + "-early", customer, InvoiceStatus.DRAFT, EPOCH.minus(Duration.ofDays(1))));
        put(InvoiceFixtures.simple(customer + "-late", customer, InvoiceStatus.DRAFT, EPOCH.plus(Duration.ofDays(90))));
        List<String> seen = new ArrayList<>(ids(first));
        seen.addAll(walkFrom(customer, params("limit", "10"), cursor).stream().flatMap(List::stream).toList());

        // then
        List<String> expected = new ArrayList<>(expectedIds(seeded, i -> true, false));
        expected.add(customer + "-late");
        assertEquals(expected, seen);
    }

    @Test
    void theLimitMayChangeBetweenPages() {
        // given
        String customer = newCustomer();
        List<Invoice> seeded = seed(customer, 12);
        ApiResponse first = list(customer, params("limit", "5"));

        // when
        ApiResponse second = list(customer, params("limit", "100", "next_page", (String) first.json().get("next_page")));

        // then
        List<String> all = new ArrayList<>(ids(first));
        all.addAll(ids(second));
        assertEquals(expectedIds(seeded, i -> true, false), all);
        assertNull(second.json().get("next_page"));
    }

    @Test
    void anEmptyNextPage_countsAsTheFirstPage() {
        String customer = newCustomer();
        seed(customer, 3);

        ApiResponse response = list(customer, params("next_page", ""));

        assertEquals(200, response.status());
        assertEquals(3, response.data().size());
    }

    @Test
    void theDefaultPageSize_is25() {
        String customer = newCustomer();
        seed(customer, 26);

        ApiResponse response = list(customer, Map.of());

        assertEquals(25, response.data().size());
        assertNotNull(response.json().get("next_page"));
    }

    @Test
    void theSampleEvent_listsTheCustomersInvoicesNewestFirst() {
        // given: events/list-invoices.json asks for acme-corp, limit=10, sort=date_desc
        List<Invoice> seeded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seeded.add(put(InvoiceFixtures.simple("sample-list-" + i, "acme-corp", InvoiceStatus.FINALIZED,
                    EPOCH.plus(Duration.ofDays(31L * i)))));
        }

        // when
        ApiResponse response = ApiEvents.load("list-invoices.json").invoke(handler);

        // then
        assertEquals(200, response.status());
        assertEquals("application/json", response.header("content-type"));
        assertEquals("no-store", response.header("cache-control"));
        List<String> ids = ids(response);
        assertEquals(expectedIds(seeded, i -> true, true), ids.stream().filter(id -> id.startsWith("sample-list-")).toList());
    }

    // ---- cursors ----

    @Test
    void aTamperedCursor_isRejected() {
        String customer = newCustomer();
        seed(customer, 15);
        String cursor = (String) list(customer, params("limit", "5")).json().get("next_page");

        for (int i = 0; i < cursor.length(); i += 7) {
            char replacement = cursor.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
            assertInvalidCursor(list(customer, params("limit", "5", "next_page", tampered)));
        }
    }

    @Test
    void aCursorFromAnotherCustomer_isRejected() {
        String mine = newCustomer();
        String theirs = newCustomer();
        seed(mine, 15);
        seed(theirs, 15);
        String theirCursor = (String) list(theirs, params("limit", "5")).json().get("next_page");

        assertInvalidCursor(list(mine, params("limit", "5", "next_page", theirCursor)));
    }

    @Test
    void aCursorFromAnotherQuery_isRejected() {
        String customer = newCustomer();
        seed(customer, 30);
        String cursor = (String) list(customer, params("limit", "2", "status", "FINALIZED")).json().get("next_page");

        assertInvalidCursor(list(customer, params("next_page", cursor)));
        assertInvalidCursor(list(customer, params("next_page", cursor, "status", "DRAFT")));
        assertInvalidCursor(list(customer, params("next_page", cursor, "status", "FINALIZED", "sort", "date_desc")));
        assertInvalidCursor(list(customer, params("next_page", cursor, "status", "FINALIZED",
                "starting_on", "2020-01-01T00:00:00Z")));
        // the same query, in other letter case and with another limit, is the same query
        assertEquals(200, list(customer, params("next_page", cursor, "status", "finalized", "limit", "3")).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "null", "{}", "eyJwayI6IklOVk9JQ0UjMSJ9", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "a+b/c==", "%00", "next page", "ünïcödé", "../../etc/passwd"})
    void garbageCursors_areRejected(String garbage) {
        assertInvalidCursor(list(newCustomer(), params("next_page", garbage)));
    }

    @Test
    void aHugeCursor_isRejected() {
        assertInvalidCursor(list(newCustomer(), params("next_page", "A".repeat(10_000))));
    }

    // ---- parameters ----

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("limit", "0"), Arguments.of("limit", "101"), Arguments.of("limit", "-1"),
                Arguments.of("limit", "abc"), Arguments.of("limit", "1.5"), Arguments.of("limit", ""),
                Arguments.of("limit", "99999999999999999999"), Arguments.of("limit", "1e2"),
                Arguments.of("sort", "newest"), Arguments.of("sort", "DATE_ASC"), Arguments.of("sort", ""),
                Arguments.of("status", "PAID"), Arguments.of("status", "DRAFT,"), Arguments.of("status", ""),
                Arguments.of("status", "DRAFT;VOID"), Arguments.of("status", "f\u0131nal\u0131zed"),
                Arguments.of("status", "\uFB01nalized"),
                Arguments.of("starting_on", "yesterday"), Arguments.of("starting_on", "2024-13-01T00:00:00Z"),
                Arguments.of("starting_on", "2024-01-01"), Arguments.of("ending_before", "2024-01-01T00:00:00"),
                Arguments.of("ending_before", "1700000000"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badParameters")
    void aBadParameter_isA400NamingTheField(String field, String value) {
        ApiResponse response = list(newCustomer(), params(field, value));

        response.assertProblem(400, "invalid_request");
        assertEquals(List.of(field), response.errorFields());
    }

    @Test
    void anEndBeforeTheStart_isA400OnEndingBefore() {
        ApiResponse response = list(newCustomer(),
                params("starting_on", "2024-02-01T00:00:00Z", "ending_before", "2024-02-01T00:00:00Z"));

        response.assertProblem(400, "invalid_request");
        assertEquals(List.of("ending_before"), response.errorFields());
    }

    @Test
    void severalBadParameters_areReportedTogether() {
        ApiResponse response = list(newCustomer(), params("limit", "0", "sort", "x", "status", "y"));

        response.assertProblem(400, "invalid_request");
        assertEquals(List.of("limit", "status", "sort"), response.errorFields());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a#b", "a/b", "..", "-leading-dash", "with space", "x\u0000y", "ÿ"})
    void aBadCustomerId_isA400NamingTheField(String customerId) {
        ApiResponse response = ApiEvents.load("list-invoices.json").pathParameter("customer_id", customerId)
                .query(Map.of()).invoke(handler);

        response.assertProblem(400, "invalid_request");
        assertEquals(List.of("customer_id"), response.errorFields());
    }

    @Test
    void aTooLongCustomerId_isA400() {
        ApiResponse response = ApiEvents.load("list-invoices.json").pathParameter("customer_id", "c".repeat(10_000))
                .query(Map.of()).invoke(handler);

        response.assertProblem(400, "invalid_request");
        assertFalse(response.body().contains("ccccc"), "the input is not echoed");
    }

    @Test
    void anotherMethod_isA405WithAllow() {
        ApiResponse response = ApiEvents.load("list-invoices.json").method("DELETE").invoke(handler);

        response.assertProblem(405, "method_not_allowed");
        assertEquals("GET", response.header("allow"));
    }

    // ---- helpers ----

    private static String newCustomer() {
        return "cust-" + CUSTOMERS.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** {@code count} invoices, one a day, statuses in rotation; ids sort against their dates on purpose. */
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

    private static List<String> expectedIds(List<Invoice> seeded, Predicate<Invoice> matches, boolean descending) {
        Comparator<Invoice> order = Comparator.comparing(Invoice::startTimestamp).thenComparing(Invoice::id);
        return seeded.stream().filter(matches).sorted(descending ? order.reversed() : order).map(Invoice::id).toList();
    }

    private static Set<InvoiceStatus> statusesOf(String text) {
        return Stream.of(text.split(",")).map(s -> InvoiceStatus.parse(s).orElseThrow())
                .collect(Collectors.toSet());
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        if (!map.containsKey("limit")) {
            map.put("limit", String.valueOf(LIMIT));
        }
        return map;
    }

    private static ApiResponse list(String customer, Map<String, String> query) {
        return ApiEvents.load("list-invoices.json").pathParameter("customer_id", customer).query(query).invoke(handler);
    }

    private static List<List<String>> walk(String customer, Map<String, String> query) {
        return walkFrom(customer, query, null);
    }

    /** Follows next_page from {@code cursor} (or the first page) to the end; fails on a runaway walk. */
    private static List<List<String>> walkFrom(String customer, Map<String, String> query, String cursor) {
        List<List<String>> pages = new ArrayList<>();
        do {
            Map<String, String> page = new HashMap<>(query);
            page.put("next_page", cursor);
            ApiResponse response = list(customer, page);
            assertEquals(200, response.status(), response.body());
            pages.add(ids(response));
            cursor = (String) response.json().get("next_page");
            assertTrue(pages.size() < 1_000, "the walk ends");
        } while (cursor != null);
        return pages;
    }

    private static List<String> ids(ApiResponse response) {
        return response.data().stream().map(invoice -> (String) invoice.get("id")).toList();
    }

    /** Full pages of LIMIT, then the rest; exactly one empty page when nothing matches, none otherwise. */
    private static void assertPagesAre(List<String> expected, List<List<String>> pages) {
        assertEquals(expected, pages.stream().flatMap(List::stream).toList());
        int limit = pages.getFirst().size() == 0 ? LIMIT : Math.max(pages.getFirst().size(), 1);
        int expectedPages = Math.max(1, (expected.size() + limit - 1) / limit);
        assertEquals(expectedPages, pages.size(), "pages: " + pages.stream().map(List::size).toList());
        for (int i = 0; i < pages.size() - 1; i++) {
            assertEquals(limit, pages.get(i).size(), "page " + i + " is full");
        }
    }

    private static void assertInvalidCursor(ApiResponse response) {
        response.assertProblem(400, "invalid_cursor");
    }

}
