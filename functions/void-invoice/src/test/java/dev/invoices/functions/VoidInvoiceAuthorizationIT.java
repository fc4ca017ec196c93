package dev.invoices.functions;

import dev.invoices.config.Dependencies;
import dev.invoices.http.Authorization;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.ApiEvents;
import dev.invoices.testing.ApiResponse;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.LocalDynamoDb;
import dev.invoices.testing.StoreSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authorization of {@code POST /v1/invoices/void} with authorization required (SECURITY.md): no token is 401, a
 * token without {@code invoices:write} or without a customer is 403, another customer's invoice is a 404 byte
 * for byte the same as an id that does not exist and stays unchanged, {@code invoices:admin} voids any
 * customer's invoice, and idempotency keys never cross from one caller to another.
 */
class VoidInvoiceAuthorizationIT {
    private static final String A = "cus_void_auth_a";
    private static final String B = "cus_void_auth_b";
    private static final Instant NOW = Instant.parse("2025-07-01T10:00:00Z");
    private static final Instant PERIOD = Instant.parse("2025-05-01T00:00:00Z");
    private static final AtomicInteger IDS = new AtomicInteger();

    private static Dependencies dependencies;
    private static InvoiceStore store;
    private static VoidInvoiceHandler handler;

    @BeforeAll
    static void createTable() {
        Dependencies local = LocalDynamoDb.dependencies(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
        dependencies = new Dependencies(local.config().withAuthorizationRequired(true), local.dynamoDb(),
                local.clock());
        store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());
        handler = new VoidInvoiceHandler(dependencies);
    }

    private static Invoice seed(String customerId) {
        Invoice invoice = InvoiceFixtures.simple("inv_va_%04d".formatted(IDS.incrementAndGet()), customerId,
                InvoiceStatus.FINALIZED, PERIOD);
        assertTrue(store.create(invoice));
        return invoice;
    }

    private static StoreSnapshot snapshot(Invoice... seeded) {
        return StoreSnapshot.of(dependencies.dynamoDb(), dependencies.config().tableName(), List.of(seeded));
    }

    private static ApiEvents voidRequest(String invoiceId, String key) {
        return ApiEvents.load("void-invoice.json").body("{\"id\": \"" + invoiceId + "\", \"reason\": \"auth\"}")
                .header("idempotency-key", key);
    }

    private static Map<String, String> claim(String customerId) {
        Map<String, String> claims = new HashMap<>(Map.of("sub", "user-1"));
        if (customerId != null) {
            claims.put(Authorization.CUSTOMER_CLAIM, customerId);
        }
        return claims;
    }

    private static ApiEvents as(ApiEvents event, String customerId) {
        return event.authorizer(claim(customerId), List.of(Authorization.WRITE));
    }

    private static ApiEvents asAdmin(ApiEvents event) {
        return event.authorizer(claim(null), List.of(Authorization.ADMIN));
    }

    @Test
    void noAuthorizer_is401WithBearerChallenge_andChangesNothing() {
        Invoice invoice = seed(A);
        StoreSnapshot before = snapshot(invoice);

        ApiResponse response = voidRequest(invoice.id(), null).invoke(handler);

        response.assertProblem(401, "unauthorized");
        assertEquals("Bearer", response.header("www-authenticate"));
        before.assertUnchanged("401");
    }

    static Stream<Arguments> tokensThatMayNotWrite() {
        return Stream.of(
                Arguments.of("read scope only", claim(A), List.of(Authorization.READ)),
                Arguments.of("no scope at all", claim(A), List.of()),
                Arguments.of("write scope in upper case", claim(A), List.of("INVOICES:WRITE")),
                Arguments.of("write scope, no customer_id claim", claim(null), List.of(Authorization.WRITE)),
                Arguments.of("write scope, empty customer_id", claim(""), List.of(Authorization.WRITE)),
                Arguments.of("write scope, customer_id INVOICE#x", claim("INVOICE#x"), List.of(Authorization.WRITE)),
                Arguments.of("write scope, customer_id of 65 characters", claim("c".repeat(65)),
                        List.of(Authorization.WRITE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensThatMayNotWrite")
    void aTokenThatMayNotWrite_is403_andChangesNothing(String label, Map<String, String> claims,
                                                       List<String> scopes) {
        // given
        Invoice invoice = seed(A);
        StoreSnapshot before = snapshot(invoice);

        // when: with and without an idempotency key
        ApiResponse withoutKey = voidRequest(invoice.id(), null).authorizer(claims, scopes).invoke(handler);
        ApiResponse withKey = voidRequest(invoice.id(), "k-403").authorizer(claims, scopes).invoke(handler);

        // then
        withoutKey.assertProblem(403, "forbidden");
        withKey.assertProblem(403, "forbidden");
        before.assertUnchanged(label);
    }

    @Test
    void customerA_voidingItsOwnInvoice_is200() {
        Invoice invoice = seed(A);

        ApiResponse response = as(voidRequest(invoice.id(), null), A).invoke(handler);

        assertEquals(200, response.status(), response.body());
        assertEquals(InvoiceStatus.VOID, store.get(invoice.id()).orElseThrow().status());
    }

    @Test
    void customerA_voidingCustomerBsInvoice_is404IdenticalToAnUnknownId_andBsInvoiceIsUnchanged() {
        // given
        Invoice theirs = seed(B);
        StoreSnapshot before = snapshot(theirs);

        // when
        ApiResponse probing = as(voidRequest(theirs.id(), null), A).invoke(handler);
        ApiResponse unknown = as(voidRequest("inv_va_none", null), A).invoke(handler);

        // then
        probing.assertProblem(404, "not_found");
        assertEquals(unknown.status(), probing.status());
        assertEquals(unknown.headers(), probing.headers());
        assertEquals(unknown.body(), probing.body());
        before.assertUnchanged("A voids B");
    }

    @Test
    void customerA_voidingCustomerBsInvoiceWithAKey_is404_andBsInvoiceIsUnchanged() {
        Invoice theirs = seed(B);

        ApiResponse probing = as(voidRequest(theirs.id(), "probe-1"), A).invoke(handler);

        probing.assertProblem(404, "not_found");
        assertEquals(theirs, store.get(theirs.id()).orElseThrow());
    }

    @Test
    void admin_voidsAnyCustomersInvoice() {
        Invoice theirs = seed(B);

        ApiResponse response = asAdmin(voidRequest(theirs.id(), null)).invoke(handler);

        assertEquals(200, response.status(), response.body());
        Invoice stored = store.get(theirs.id()).orElseThrow();
        assertEquals(theirs.voided(NOW, "auth"), stored);
        assertEquals(B, stored.customerId());
    }

    @Test
    void aKeyUsedByB_isNotReplayedToA_whoGets404AndNotBsInvoice() {
        // given: B voids its invoice with key K; the answer (B's whole invoice) is stored under B's scope
        Invoice theirs = seed(B);
        String key = "shared-key-" + theirs.id();
        ApiResponse first = as(voidRequest(theirs.id(), key), B).invoke(handler);
        assertEquals(200, first.status(), first.body());
        Invoice afterB = store.get(theirs.id()).orElseThrow();

        // when: A sends the very same key and body
        ApiResponse second = as(voidRequest(theirs.id(), key), A).invoke(handler);

        // then: no replay of B's answer, B's invoice not touched again
        second.assertProblem(404, "not_found");
        assertNull(second.header("idempotent-replayed"));
        assertEquals(afterB, store.get(theirs.id()).orElseThrow());
    }

    @Test
    void aKeyUsedByAOnBsInvoice_doesNotStopB_whoseRequestIsNotAReplay() {
        // given: A probes B's invoice with key K and gets a 404, which is stored under A's scope
        Invoice theirs = seed(B);
        String key = "shared-key-" + theirs.id();
        as(voidRequest(theirs.id(), key), A).invoke(handler).assertProblem(404, "not_found");

        // when: B sends the same key and body
        ApiResponse response = as(voidRequest(theirs.id(), key), B).invoke(handler);

        // then: B's own request runs
        assertEquals(200, response.status(), response.body());
        assertNull(response.header("idempotent-replayed"));
        assertEquals(InvoiceStatus.VOID, store.get(theirs.id()).orElseThrow().status());
    }

    @Test
    void aKeyUsedByACustomer_isNotReplayedToAdmin_andTheOtherWayRound() {
        // given: B uses key K on its own invoice
        Invoice first = seed(B);
        Invoice second = seed(B);
        String key = "admin-key-" + first.id();
        assertEquals(200, as(voidRequest(first.id(), key), B).invoke(handler).status());

        // when: the admin uses K with another body, then B uses another key the admin used
        ApiResponse admin = asAdmin(voidRequest(second.id(), key)).invoke(handler);

        // then: no idempotency_key_reused across scopes: the admin's request runs
        assertEquals(200, admin.status(), admin.body());
        assertNull(admin.header("idempotent-replayed"));
        assertEquals(InvoiceStatus.VOID, store.get(second.id()).orElseThrow().status());
    }

    @Test
    void theSameCustomer_replaysItsOwnKey() {
        // control: the key does work within one caller, so the tests above prove scoping, not a broken replay
        Invoice invoice = seed(A);
        String key = "own-key-" + invoice.id();
        ApiResponse first = as(voidRequest(invoice.id(), key), A).invoke(handler);

        ApiResponse again = as(voidRequest(invoice.id(), key), A).invoke(handler);

        assertEquals(first.status(), again.status());
        assertEquals(first.body(), again.body());
        assertEquals("true", again.header("idempotent-replayed"));
    }
}
