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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authorization of {@code POST /v1/invoices/regenerate} with authorization required (SECURITY.md): no token is
 * 401, a token without {@code invoices:write} or without a customer is 403, another customer's invoice is a 404
 * byte for byte the same as an id that does not exist, with no replacement created, {@code invoices:admin}
 * regenerates any customer's invoice, and idempotency keys never cross from one caller to another.
 */
class RegenerateInvoiceAuthorizationIT {
    private static final String A = "cus_regen_auth_a";
    private static final String B = "cus_regen_auth_b";
    private static final Instant NOW = Instant.parse("2025-07-01T10:00:00Z");
    private static final Instant PERIOD = Instant.parse("2025-05-01T00:00:00Z");
    private static final AtomicInteger IDS = new AtomicInteger();

    private static Dependencies dependencies;
    private static InvoiceStore store;
    private static RegenerateInvoiceHandler handler;

    @BeforeAll
    static void createTable() {
        Dependencies local = LocalDynamoDb.dependencies(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
        dependencies = new Dependencies(local.config().withAuthorizationRequired(true), local.dynamoDb(),
                local.clock());
        store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());
        handler = new RegenerateInvoiceHandler(dependencies);
    }

    /** A voided invoice without a replacement: what a regeneration replaces. */
    private static Invoice seed(String customerId) {
        Invoice invoice = InvoiceFixtures.simple("inv_ra_%04d".formatted(IDS.incrementAndGet()), customerId,
                InvoiceStatus.VOID, PERIOD);
        assertTrue(store.create(invoice));
        return invoice;
    }

    private static StoreSnapshot snapshot(Invoice... seeded) {
        return StoreSnapshot.of(dependencies.dynamoDb(), dependencies.config().tableName(), List.of(seeded));
    }

    private static ApiEvents regenerate(String invoiceId, String key) {
        return ApiEvents.load("regenerate-invoice.json").body("{\"id\": \"" + invoiceId + "\"}")
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

    /** Asserts a 201 that replaced {@code old}: the link is stored and the replacement is the same customer's. */
    private static void assertReplaced(Invoice old, ApiResponse response) {
        assertEquals(201, response.status(), response.body());
        String replacementId = (String) ((Map<?, ?>) response.json().get("data")).get("id");
        assertEquals("/v1/customers/" + old.customerId() + "/invoices/" + replacementId, response.header("location"));
        assertEquals(replacementId, store.get(old.id()).orElseThrow().replacedByInvoiceId());
        Invoice replacement = store.get(replacementId).orElseThrow();
        assertEquals(old.customerId(), replacement.customerId());
        assertEquals(old.id(), replacement.regeneratedFromInvoiceId());
    }

    @Test
    void noAuthorizer_is401WithBearerChallenge_andChangesNothing() {
        Invoice invoice = seed(A);
        StoreSnapshot before = snapshot(invoice);

        ApiResponse response = regenerate(invoice.id(), null).invoke(handler);

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
                Arguments.of("write scope, customer_id a/b", claim("a/b"), List.of(Authorization.WRITE)),
                Arguments.of("write scope, customer_id of 65 characters", claim("c".repeat(65)),
                        List.of(Authorization.WRITE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensThatMayNotWrite")
    void aTokenThatMayNotWrite_is403_andCreatesNothing(String label, Map<String, String> claims,
                                                       List<String> scopes) {
        // given
        Invoice invoice = seed(A);
        StoreSnapshot before = snapshot(invoice);

        // when: with and without an idempotency key
        ApiResponse withoutKey = regenerate(invoice.id(), null).authorizer(claims, scopes).invoke(handler);
        ApiResponse withKey = regenerate(invoice.id(), "k-403").authorizer(claims, scopes).invoke(handler);

        // then
        withoutKey.assertProblem(403, "forbidden");
        withKey.assertProblem(403, "forbidden");
        before.assertUnchanged(label);
    }

    @Test
    void customerA_regeneratingItsOwnInvoice_is201() {
        Invoice invoice = seed(A);

        ApiResponse response = as(regenerate(invoice.id(), null), A).invoke(handler);

        assertReplaced(invoice, response);
    }

    @Test
    void customerA_regeneratingCustomerBsInvoice_is404IdenticalToAnUnknownId_andNothingIsCreated() {
        // given
        Invoice theirs = seed(B);
        StoreSnapshot before = snapshot(theirs);

        // when
        ApiResponse probing = as(regenerate(theirs.id(), null), A).invoke(handler);
        ApiResponse unknown = as(regenerate("inv_ra_none", null), A).invoke(handler);

        // then
        probing.assertProblem(404, "not_found");
        assertEquals(unknown.status(), probing.status());
        assertEquals(unknown.headers(), probing.headers());
        assertEquals(unknown.body(), probing.body());
        before.assertUnchanged("A regenerates B");
    }

    @Test
    void customerA_onCustomerBsReplacedInvoice_is404_not409_soTheReplacementIdDoesNotLeak() {
        // given: B's invoice already regenerated; a 409 already_regenerated would name the replacement
        Invoice theirs = seed(B);
        assertReplaced(theirs, as(regenerate(theirs.id(), null), B).invoke(handler));

        // when
        ApiResponse probing = as(regenerate(theirs.id(), null), A).invoke(handler);

        // then
        probing.assertProblem(404, "not_found");
        assertEquals(as(regenerate("inv_ra_none", null), A).invoke(handler).body(), probing.body());
    }

    @Test
    void admin_regeneratesAnyCustomersInvoice() {
        Invoice theirs = seed(B);

        ApiResponse response = asAdmin(regenerate(theirs.id(), null)).invoke(handler);

        assertReplaced(theirs, response);
    }

    @Test
    void aKeyUsedByB_isNotReplayedToA_whoGets404AndNotBsReplacement() {
        // given: B regenerates its invoice with key K; the stored answer holds B's new invoice
        Invoice theirs = seed(B);
        String key = "shared-key-" + theirs.id();
        ApiResponse first = as(regenerate(theirs.id(), key), B).invoke(handler);
        assertReplaced(theirs, first);
        Invoice afterB = store.get(theirs.id()).orElseThrow();

        // when: A sends the very same key and body
        ApiResponse second = as(regenerate(theirs.id(), key), A).invoke(handler);

        // then
        second.assertProblem(404, "not_found");
        assertNull(second.header("idempotent-replayed"));
        assertEquals(afterB, store.get(theirs.id()).orElseThrow());
    }

    @Test
    void aKeyUsedByAOnBsInvoice_doesNotStopB_whoseRequestIsNotAReplay() {
        // given: A's 404 is stored under A's scope
        Invoice theirs = seed(B);
        String key = "shared-key-" + theirs.id();
        as(regenerate(theirs.id(), key), A).invoke(handler).assertProblem(404, "not_found");

        // when
        ApiResponse response = as(regenerate(theirs.id(), key), B).invoke(handler);

        // then
        assertReplaced(theirs, response);
        assertNull(response.header("idempotent-replayed"));
    }

    @Test
    void aKeyUsedByACustomer_isNotReplayedToAdmin() {
        Invoice first = seed(B);
        Invoice second = seed(B);
        String key = "admin-key-" + first.id();
        assertReplaced(first, as(regenerate(first.id(), key), B).invoke(handler));

        ApiResponse admin = asAdmin(regenerate(second.id(), key)).invoke(handler);

        assertReplaced(second, admin);
        assertNull(admin.header("idempotent-replayed"));
    }

    @Test
    void theSameCustomer_replaysItsOwnKey() {
        Invoice invoice = seed(A);
        String key = "own-key-" + invoice.id();
        ApiResponse first = as(regenerate(invoice.id(), key), A).invoke(handler);
        assertReplaced(invoice, first);

        ApiResponse again = as(regenerate(invoice.id(), key), A).invoke(handler);

        assertEquals(201, again.status());
        assertEquals(first.body(), again.body());
        assertEquals("true", again.header("idempotent-replayed"));
        assertNotNull(again.header("location"));
    }
}
