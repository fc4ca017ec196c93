package dev.invoices.functions;

import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.testing.ApiResponse;
import dev.invoices.testing.CommandRouteAuthorization;
import dev.invoices.testing.StoreSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Authorization of {@code POST /v1/invoices/regenerate} with authorization required (SECURITY.md): no token is
 * 401, a token without {@code invoices:write} or without a customer is 403, another customer's invoice is a 404
 * byte for byte the same as an id that does not exist, with no replacement created, {@code invoices:admin}
 * regenerates any customer's invoice, and idempotency keys never cross from one caller to another.
 */
class RegenerateInvoiceAuthorizationIT extends CommandRouteAuthorization {
    private static final String A = "cus_regen_auth_a";
    private static final String B = "cus_regen_auth_b";

    /** Seeds voided invoices without a replacement: what a regeneration replaces. */
    RegenerateInvoiceAuthorizationIT() {
        super(new RouteUnderTest(RegenerateInvoiceHandler::new, "regenerate-invoice.json",
                id -> "{\"id\": \"" + id + "\"}", A, InvoiceStatus.VOID, "inv_ra_"));
    }

    /** Asserts a 201 that replaced {@code old}: the link is stored and the replacement is the same customer's. */
    private void assertReplaced(Invoice old, ApiResponse response) {
        assertEquals(201, response.status(), response.body());
        String replacementId = (String) ((Map<?, ?>) response.json().get("data")).get("id");
        assertEquals("/v1/customers/" + old.customerId() + "/invoices/" + replacementId, response.header("location"));
        assertEquals(replacementId, store.get(old.id()).orElseThrow().replacedByInvoiceId());
        Invoice replacement = store.get(replacementId).orElseThrow();
        assertEquals(old.customerId(), replacement.customerId());
        assertEquals(old.id(), replacement.regeneratedFromInvoiceId());
    }

    static Stream<Arguments> tokensThatMayNotWrite() {
        return tokensThatMayNotWriteFor(A, "a/b");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensThatMayNotWrite")
    void aTokenThatMayNotWrite_is403_andCreatesNothing(String label, Map<String, String> claims,
                                                       List<String> scopes) {
        // given
        Invoice invoice = seed(A);
        StoreSnapshot before = snapshot(invoice);

        // when: with and without an idempotency key
        ApiResponse withoutKey = request(invoice.id(), null).authorizer(claims, scopes).invoke(handler);
        ApiResponse withKey = request(invoice.id(), "k-403").authorizer(claims, scopes).invoke(handler);

        // then
        withoutKey.assertProblem(403, "forbidden");
        withKey.assertProblem(403, "forbidden");
        before.assertUnchanged(label);
    }

    @Test
    void customerA_regeneratingItsOwnInvoice_is201() {
        Invoice invoice = seed(A);

        ApiResponse response = as(request(invoice.id(), null), A).invoke(handler);

        assertReplaced(invoice, response);
    }

    @Test
    void customerA_regeneratingCustomerBsInvoice_is404IdenticalToAnUnknownId_andNothingIsCreated() {
        // given
        Invoice theirs = seed(B);
        StoreSnapshot before = snapshot(theirs);

        // when
        ApiResponse probing = as(request(theirs.id(), null), A).invoke(handler);
        ApiResponse unknown = as(request("inv_ra_none", null), A).invoke(handler);

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
        assertReplaced(theirs, as(request(theirs.id(), null), B).invoke(handler));

        // when
        ApiResponse probing = as(request(theirs.id(), null), A).invoke(handler);

        // then
        probing.assertProblem(404, "not_found");
        assertEquals(as(request("inv_ra_none", null), A).invoke(handler).body(), probing.body());
    }

    @Test
    void admin_regeneratesAnyCustomersInvoice() {
        Invoice theirs = seed(B);

        ApiResponse response = asAdmin(request(theirs.id(), null)).invoke(handler);

        assertReplaced(theirs, response);
    }

    @Test
    void aKeyUsedByB_isNotReplayedToA_whoGets404AndNotBsReplacement() {
        // given: B regenerates its invoice with key K; the stored answer holds B's new invoice
        Invoice theirs = seed(B);
        String key = "shared-key-" + theirs.id();
        ApiResponse first = as(request(theirs.id(), key), B).invoke(handler);
        assertReplaced(theirs, first);
        Invoice afterB = store.get(theirs.id()).orElseThrow();

        // when: A sends the very same key and body
        ApiResponse second = as(request(theirs.id(), key), A).invoke(handler);

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
        as(request(theirs.id(), key), A).invoke(handler).assertProblem(404, "not_found");

        // when
        ApiResponse response = as(request(theirs.id(), key), B).invoke(handler);

        // then
        assertReplaced(theirs, response);
        assertNull(response.header("idempotent-replayed"));
    }

    @Test
    void aKeyUsedByACustomer_isNotReplayedToAdmin() {
        Invoice first = seed(B);
        Invoice second = seed(B);
        String key = "admin-key-" + first.id();
        assertReplaced(first, as(request(first.id(), key), B).invoke(handler));

        ApiResponse admin = asAdmin(request(second.id(), key)).invoke(handler);

        assertReplaced(second, admin);
        assertNull(admin.header("idempotent-replayed"));
    }

    @Test
    void theSameCustomer_replaysItsOwnKey() {
        Invoice invoice = seed(A);
        String key = "own-key-" + invoice.id();
        ApiResponse first = as(request(invoice.id(), key), A).invoke(handler);
        assertReplaced(invoice, first);

        ApiResponse again = as(request(invoice.id(), key), A).invoke(handler);

        assertEquals(201, again.status());
        assertEquals(first.body(), again.body());
        assertEquals("true", again.header("idempotent-replayed"));
        assertNotNull(again.header("location"));
    }
}
