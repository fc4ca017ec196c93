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
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Authorization of {@code POST /v1/invoices/void} with authorization required (SECURITY.md): no token is 401, a
 * token without {@code invoices:write} or without a customer is 403, another customer's invoice is a 404 byte
 * for byte the same as an id that does not exist and stays unchanged, {@code invoices:admin} voids any
 * customer's invoice, and idempotency keys never cross from one caller to another.
 */
class VoidInvoiceAuthorizationIT extends CommandRouteAuthorization {
    private static final String A = "cus_void_auth_a";
    private static final String B = "cus_void_auth_b";

    VoidInvoiceAuthorizationIT() {
        super(new RouteUnderTest(VoidInvoiceHandler::new, "void-invoice.json",
                id -> "{\"id\": \"" + id + "\", \"reason\": \"auth\"}", A, InvoiceStatus.FINALIZED, "inv_va_"));
    }

    static Stream<Arguments> tokensThatMayNotWrite() {
        return tokensThatMayNotWriteFor(A, "INVOICE#x");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensThatMayNotWrite")
    void aTokenThatMayNotWrite_is403_andChangesNothing(String label, Map<String, String> claims,
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
    void customerA_voidingItsOwnInvoice_is200() {
        Invoice invoice = seed(A);

        ApiResponse response = as(request(invoice.id(), null), A).invoke(handler);

        assertEquals(200, response.status(), response.body());
        assertEquals(InvoiceStatus.VOID, store.get(invoice.id()).orElseThrow().status());
    }

    @Test
    void customerA_voidingCustomerBsInvoice_is404IdenticalToAnUnknownId_andBsInvoiceIsUnchanged() {
        // given
        Invoice theirs = seed(B);
        StoreSnapshot before = snapshot(theirs);

        // when
        ApiResponse probing = as(request(theirs.id(), null), A).invoke(handler);
        ApiResponse unknown = as(request("inv_va_none", null), A).invoke(handler);

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

        ApiResponse probing = as(request(theirs.id(), "probe-1"), A).invoke(handler);

        probing.assertProblem(404, "not_found");
        assertEquals(theirs, store.get(theirs.id()).orElseThrow());
    }

    @Test
    void admin_voidsAnyCustomersInvoice() {
        Invoice theirs = seed(B);

        ApiResponse response = asAdmin(request(theirs.id(), null)).invoke(handler);

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
        ApiResponse first = as(request(theirs.id(), key), B).invoke(handler);
        assertEquals(200, first.status(), first.body());
        Invoice afterB = store.get(theirs.id()).orElseThrow();

        // when: A sends the very same key and body
        ApiResponse second = as(request(theirs.id(), key), A).invoke(handler);

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
        as(request(theirs.id(), key), A).invoke(handler).assertProblem(404, "not_found");

        // when: B sends the same key and body
        ApiResponse response = as(request(theirs.id(), key), B).invoke(handler);

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
        assertEquals(200, as(request(first.id(), key), B).invoke(handler).status());

        // when: the admin uses K with another body, then B uses another key the admin used
        ApiResponse admin = asAdmin(request(second.id(), key)).invoke(handler);

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
        ApiResponse first = as(request(invoice.id(), key), A).invoke(handler);

        ApiResponse again = as(request(invoice.id(), key), A).invoke(handler);

        assertEquals(first.status(), again.status());
        assertEquals(first.body(), again.body());
        assertEquals("true", again.header("idempotent-replayed"));
    }
}
