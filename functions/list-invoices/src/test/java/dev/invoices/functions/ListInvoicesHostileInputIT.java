package dev.invoices.functions;

import dev.invoices.config.Dependencies;
import dev.invoices.http.Authorization;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.ApiEvents;
import dev.invoices.testing.ApiResponse;
import dev.invoices.testing.HostileInputs;
import dev.invoices.testing.HostileInputs.Case;
import dev.invoices.testing.HostileInputs.Expected;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.LocalDynamoDb;
import dev.invoices.testing.StoreSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.invoices.testing.Claims.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input through the list function's real entry point ({@code events/list-invoices.json}), with
 * authorization on and the customer's own read token, as in AWS: the path's {@code customer_id} and every query
 * parameter ({@code limit}, {@code status}, {@code starting_on}, {@code ending_before}, {@code sort},
 * {@code next_page}) × every bad shape of {@link HostileInputs}, plus real cursors tampered with or used for
 * another customer or query. Each case: exact status, code and fields, no internals, the store unchanged.
 */
class ListInvoicesHostileInputIT {
    private static final String SECRET = "test-cursor-secret-0123456789abcdef0123456789";
    private static final String CUSTOMER = "cus_hostile_list";
    private static final String OTHER = "cus_hostile_other";
    private static final Instant PERIOD = Instant.parse("2025-03-01T00:00:00Z");

    private static ListInvoicesHandler handler;
    private static StoreSnapshot snapshot;
    /** The first page's cursor of CUSTOMER's list with limit=1 and no filters. */
    private static String cursor;
    /** The same, for OTHER. */
    private static String othersCursor;

    /** A case and the request it sends: path customer id and query parameters. */
    record Probe(Case hostile, String customerId, Map<String, String> query) {
        @Override
        public String toString() {
            return hostile.toString();
        }
    }

    @BeforeAll
    static void seed() {
        Dependencies local = LocalDynamoDb.dependencies(Map.of("CURSOR_SECRET", SECRET));
        Dependencies dependencies = new Dependencies(local.config().withAuthorizationRequired(true),
                local.dynamoDb(), local.clock());
        InvoiceStore store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());
        List<Invoice> seeded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seeded.add(InvoiceFixtures.simple("inv_list_" + i, CUSTOMER, InvoiceStatus.values()[i],
                    PERIOD.plusSeconds(86_400L * i)));
            seeded.add(InvoiceFixtures.simple("inv_other_" + i, OTHER, InvoiceStatus.values()[i],
                    PERIOD.plusSeconds(86_400L * i)));
        }
        seeded.forEach(invoice -> assertTrue(store.create(invoice)));
        handler = new ListInvoicesHandler(dependencies);
        cursor = firstCursor(CUSTOMER);
        othersCursor = firstCursor(OTHER);
        snapshot = StoreSnapshot.of(dependencies.dynamoDb(), dependencies.config().tableName(), seeded);
    }

    private static String firstCursor(String customer) {
        ApiResponse first = request(customer, Map.of("limit", "1"), customer).invoke(handler);
        assertEquals(200, first.status(), first.body());
        String next = (String) first.json().get("next_page");
        assertNotNull(next);
        return next;
    }

    private static ApiEvents request(String customerId, Map<String, String> query, String tokenCustomer) {
        return ApiEvents.load("list-invoices.json")
                .pathParameter("customer_id", customerId)
                .query(query)
                .authorizer(claim(tokenCustomer), List.of(Authorization.READ));
    }

    private static Map<String, String> query(String... pairs) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.put(pairs[i], pairs[i + 1]);
        }
        return query;
    }

    static Stream<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        for (Case hostile : HostileInputs.badIds("customer_id")) {
            probes.add(new Probe(hostile.in("customer_id"), hostile.value(), Map.of()));
        }
        for (Case hostile : HostileInputs.badLimits()) {
            probes.add(new Probe(hostile.in("limit"), CUSTOMER, query("limit", hostile.value())));
        }
        for (Case hostile : HostileInputs.badStatuses()) {
            probes.add(new Probe(hostile.in("status"), CUSTOMER, query("status", hostile.value())));
        }
        for (String field : List.of("starting_on", "ending_before")) {
            for (Case hostile : HostileInputs.badDates(field)) {
                probes.add(new Probe(hostile.in(field), CUSTOMER, query(field, hostile.value())));
            }
        }
        probes.add(new Probe(new Case("ending_before equal to starting_on", "2025-01-01T00:00:00Z",
                Expected.invalid("ending_before")), CUSTOMER,
                query("starting_on", "2025-01-01T00:00:00Z", "ending_before", "2025-01-01T00:00:00Z")));
        probes.add(new Probe(new Case("ending_before before starting_on", "2024-12-31T23:59:59.999999999Z",
                Expected.invalid("ending_before")), CUSTOMER,
                query("starting_on", "2025-01-01T00:00:00Z", "ending_before", "2024-12-31T23:59:59.999999999Z")));
        probes.add(new Probe(new Case("same instant written with two offsets", "2025-01-01T01:00:00+01:00",
                Expected.invalid("ending_before")), CUSTOMER,
                query("starting_on", "2025-01-01T00:00:00Z", "ending_before", "2025-01-01T01:00:00+01:00")));
        for (Case hostile : HostileInputs.badSorts()) {
            probes.add(new Probe(hostile.in("sort"), CUSTOMER, query("sort", hostile.value())));
        }
        for (Case hostile : HostileInputs.badCursors()) {
            probes.add(new Probe(hostile.in("next_page"), CUSTOMER, query("next_page", hostile.value())));
        }
        probes.add(new Probe(new Case("every parameter bad at once", "0",
                Expected.invalid("customer_id", "limit", "status", "starting_on", "ending_before", "sort")),
                "a#b", query("limit", "0", "status", "PAID", "starting_on", "yesterday", "ending_before", "today",
                "sort", "random", "next_page", "garbage!")));
        probes.add(new Probe(new Case("bad parameters and a bad cursor: the parameters are reported", "garbage!",
                Expected.invalid("limit")), CUSTOMER, query("limit", "-1", "next_page", "garbage!")));
        return probes.stream();
    }

    /** Real cursors altered, or used for another customer or another query: all 400 invalid_cursor. */
    static Stream<Probe> cursorProbes() {
        List<Probe> probes = new ArrayList<>();
        for (Case hostile : HostileInputs.tamperedCursors(cursor)) {
            probes.add(new Probe(hostile.in("next_page"), CUSTOMER, query("limit", "1", "next_page", hostile.value())));
        }
        Expected invalidCursor = Expected.invalidCursor();
        probes.add(new Probe(new Case("next_page: another customer's cursor", othersCursor, invalidCursor),
                CUSTOMER, query("limit", "1", "next_page", othersCursor)));
        probes.add(new Probe(new Case("next_page: the cursor with sort=date_desc", cursor, invalidCursor),
                CUSTOMER, query("limit", "1", "sort", "date_desc", "next_page", cursor)));
        probes.add(new Probe(new Case("next_page: the cursor with a status filter", cursor, invalidCursor),
                CUSTOMER, query("limit", "1", "status", "DRAFT", "next_page", cursor)));
        probes.add(new Probe(new Case("next_page: the cursor with starting_on", cursor, invalidCursor),
                CUSTOMER, query("limit", "1", "starting_on", "2020-01-01T00:00:00Z", "next_page", cursor)));
        probes.add(new Probe(new Case("next_page: the cursor with ending_before", cursor, invalidCursor),
                CUSTOMER, query("limit", "1", "ending_before", "2030-01-01T00:00:00Z", "next_page", cursor)));
        return probes.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void aHostileParameter_getsItsExactProblem_andChangesNothing(Probe probe) {
        // given
        ApiEvents event = request(probe.customerId(), probe.query(), CUSTOMER);

        // when
        ApiResponse response = event.invoke(handler);

        // then
        HostileInputs.assertAnswer(probe.hostile(), response);
        snapshot.assertUnchanged(probe.hostile().label());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cursorProbes")
    void aTamperedOrForeignCursor_isInvalidCursor_andChangesNothing(Probe probe) {
        // given
        ApiEvents event = request(probe.customerId(), probe.query(), CUSTOMER);

        // when
        ApiResponse response = event.invoke(handler);

        // then
        HostileInputs.assertAnswer(probe.hostile(), response);
        snapshot.assertUnchanged(probe.hostile().label());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongMethods")
    void anotherMethod_isA405WithAllow(Case hostile) {
        ApiResponse response = request(CUSTOMER, Map.of(), CUSTOMER).method(hostile.value()).invoke(handler);

        HostileInputs.assertAnswer(hostile, response);
        assertEquals("GET", response.header("allow"));
        snapshot.assertUnchanged(hostile.label());
    }

    static Stream<Case> wrongMethods() {
        return HostileInputs.wrongMethods("GET").stream();
    }

    @Test
    void everyInvalidCursorAnswer_isTheSameBody_soProbingTeachesNothing() {
        // when
        List<String> bodies = Stream.concat(HostileInputs.badCursors().stream().map(c -> c.value()),
                        HostileInputs.tamperedCursors(cursor).stream().map(c -> c.value()))
                .map(value -> request(CUSTOMER, query("limit", "1", "next_page", value), CUSTOMER).invoke(handler).body())
                .distinct().toList();

        // then
        assertEquals(1, bodies.size(), bodies.toString());
    }

    @Test
    void theControls_succeed_soEveryCaseFailsOnlyForItsOwnInput() {
        // the real cursor under its own query, also with another limit (cursors are not bound to limit)
        assertEquals(200, request(CUSTOMER, query("limit", "1", "next_page", cursor), CUSTOMER).invoke(handler).status());
        assertEquals(200, request(CUSTOMER, query("limit", "2", "next_page", cursor), CUSTOMER).invoke(handler).status());
        // an empty next_page is the first page; unknown parameters are ignored
        assertEquals(3, request(CUSTOMER, query("next_page", ""), CUSTOMER).invoke(handler).data().size());
        assertEquals(3, request(CUSTOMER, query("foo", "${jndi:x}"), CUSTOMER).invoke(handler).data().size());
        // boundaries that are valid
        assertEquals(1, request(CUSTOMER, query("limit", "1"), CUSTOMER).invoke(handler).data().size());
        assertEquals(3, request(CUSTOMER, query("limit", "100", "status", " draft ,FINALIZED,void"), CUSTOMER)
                .invoke(handler).data().size());
        assertEquals(3, request(CUSTOMER, query("starting_on", "0001-01-01T00:00:00Z",
                "ending_before", "9999-12-31T23:59:59.999999999Z"), CUSTOMER).invoke(handler).data().size());
    }

    @Test
    void aCustomerIdInTheQuery_isIgnored_thePathDecides() {
        // when: the customer's token, its own path, and another customer named in the query string
        ApiResponse response = request(CUSTOMER, query("customer_id", OTHER), CUSTOMER).invoke(handler);

        // then: the customer's own invoices only
        assertEquals(200, response.status(), response.body());
        assertEquals(List.of(CUSTOMER, CUSTOMER, CUSTOMER),
                response.data().stream().map(invoice -> invoice.get("customer_id")).toList());
    }

    @Test
    void noHostileInput_producesA5xx() {
        // when: every case, one after the other
        List<String> failures = new ArrayList<>();
        Stream.concat(probes(), cursorProbes()).forEach(probe -> {
            ApiResponse response = request(probe.customerId(), probe.query(), CUSTOMER).invoke(handler);
            if (response.status() >= 500) {
                failures.add(probe.hostile().label() + " → " + response.status());
            }
        });

        // then
        assertEquals(List.of(), failures);
        snapshot.assertUnchanged("after every case");
    }
}
