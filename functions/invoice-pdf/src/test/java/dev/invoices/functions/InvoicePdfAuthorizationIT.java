package dev.invoices.functions;

import dev.invoices.config.Dependencies;
import dev.invoices.http.Authorization;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.pdf.InvoicePdf;
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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.invoices.testing.Claims.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authorization of {@code GET /v1/customers/{customer_id}/invoices/{invoice_id}/pdf} with authorization required
 * (SECURITY.md): no token is 401, a token without {@code invoices:read} or without a customer is 403, another
 * customer's invoice is a 404 byte for byte the same as an id that does not exist, and {@code invoices:admin}
 * reads any customer's invoice.
 */
class InvoicePdfAuthorizationIT {
    private static final String A = "cus_pdf_auth_a";
    private static final String B = "cus_pdf_auth_b";
    private static final Instant PERIOD = Instant.parse("2025-03-01T00:00:00Z");

    private static InvoicePdfHandler handler;
    private static Invoice invoiceOfA;
    private static Invoice invoiceOfB;
    private static StoreSnapshot snapshot;

    @BeforeAll
    static void seed() {
        Dependencies local = LocalDynamoDb.dependencies(Map.of());
        Dependencies dependencies = new Dependencies(local.config().withAuthorizationRequired(true),
                local.dynamoDb(), local.clock());
        InvoiceStore store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());
        invoiceOfA = InvoiceFixtures.simple("inv_pdf_auth_a", A, InvoiceStatus.FINALIZED, PERIOD);
        invoiceOfB = InvoiceFixtures.simple("inv_pdf_auth_b", B, InvoiceStatus.FINALIZED, PERIOD);
        assertTrue(store.create(invoiceOfA));
        assertTrue(store.create(invoiceOfB));
        handler = new InvoicePdfHandler(dependencies);
        snapshot = StoreSnapshot.of(dependencies.dynamoDb(), dependencies.config().tableName(),
                List.of(invoiceOfA, invoiceOfB));
    }

    private static ApiEvents get(String customerId, String invoiceId) {
        return ApiEvents.load("get-invoice-pdf.json").pathParameter("customer_id", customerId)
                .pathParameter("invoice_id", invoiceId);
    }

    @Test
    void noAuthorizer_is401WithBearerChallenge() {
        ApiResponse response = get(A, invoiceOfA.id()).invoke(handler);

        response.assertProblem(401, "unauthorized");
        assertEquals("Bearer", response.header("www-authenticate"));
        snapshot.assertUnchanged("401");
    }

    static Stream<Arguments> tokensThatMayNotRead() {
        return Stream.of(
                Arguments.of("write scope only", claim(A), List.of(Authorization.WRITE)),
                Arguments.of("no scope at all", claim(A), List.of()),
                Arguments.of("read scope in upper case", claim(A), List.of("INVOICES:READ")),
                Arguments.of("scopes joined into one string", claim(A), List.of("invoices:read invoices:write")),
                Arguments.of("a look-alike scope", claim(A), List.of("invoices:reader")),
                Arguments.of("read scope, no customer_id claim", claim(null), List.of(Authorization.READ)),
                Arguments.of("read scope, empty customer_id", claim(""), List.of(Authorization.READ)),
                Arguments.of("read scope, customer_id a#b", claim("a#b"), List.of(Authorization.READ)),
                Arguments.of("read scope, customer_id of 65 characters", claim("c".repeat(65)),
                        List.of(Authorization.READ)),
                Arguments.of("read scope, customer_id with a newline", claim(A + "\n"), List.of(Authorization.READ)),
                Arguments.of("admin spelled wrong", claim(null), List.of("invoices:Admin")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensThatMayNotRead")
    void aTokenThatMayNotRead_is403(String label, Map<String, String> claims, List<String> scopes) {
        ApiResponse response = get(A, invoiceOfA.id()).authorizer(claims, scopes).invoke(handler);

        response.assertProblem(403, "forbidden");
        snapshot.assertUnchanged(label);
    }

    @Test
    void customerA_readingItsOwnInvoice_is200() {
        ApiResponse response = get(A, invoiceOfA.id()).authorizer(claim(A), List.of(Authorization.READ))
                .invoke(handler);

        assertEquals(200, response.status(), response.body());
        assertEquals(InvoicePdf.etag(invoiceOfA), response.header("etag"));
    }

    static Stream<Arguments> probesOfAnotherCustomersInvoice() {
        return Stream.of(
                Arguments.of("B's path and B's invoice", B, "inv_pdf_auth_b", B, "inv_pdf_auth_none"),
                Arguments.of("A's own path and B's invoice", A, "inv_pdf_auth_b", A, "inv_pdf_auth_none"),
                Arguments.of("B's path and A's invoice", B, "inv_pdf_auth_a", B, "inv_pdf_auth_none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probesOfAnotherCustomersInvoice")
    void customerA_probingAnotherCustomersInvoice_is404IdenticalToAnUnknownId(String label, String customerId,
            String invoiceId, String unknownCustomerId, String unknownInvoiceId) {
        // when
        ApiResponse probing = get(customerId, invoiceId).authorizer(claim(A), List.of(Authorization.READ))
                .invoke(handler);
        ApiResponse unknown = get(unknownCustomerId, unknownInvoiceId)
                .authorizer(claim(A), List.of(Authorization.READ)).invoke(handler);

        // then
        probing.assertProblem(404, "not_found");
        assertEquals(unknown.status(), probing.status());
        assertEquals(unknown.headers(), probing.headers());
        assertEquals(unknown.body(), probing.body());
        snapshot.assertUnchanged(label);
    }

    @Test
    void admin_readsAnyCustomersInvoice() {
        ApiResponse response = get(B, invoiceOfB.id())
                .authorizer(claim(null), List.of(Authorization.READ, Authorization.ADMIN)).invoke(handler);

        assertEquals(200, response.status(), response.body());
        assertEquals(InvoicePdf.etag(invoiceOfB), response.header("etag"));
    }

    @Test
    void admin_withACustomerClaimOfItsOwn_stillReadsAnyCustomer() {
        ApiResponse response = get(B, invoiceOfB.id()).authorizer(claim(A), List.of(Authorization.ADMIN))
                .invoke(handler);

        assertEquals(200, response.status(), response.body());
    }

    @Test
    void admin_onTheWrongCustomersPath_is404_theInvoiceStaysWithItsCustomer() {
        ApiResponse response = get(A, invoiceOfB.id()).authorizer(claim(null), List.of(Authorization.ADMIN))
                .invoke(handler);

        response.assertProblem(404, "not_found");
    }

    @Test
    void authorizationIsCheckedBeforeTheInput_soAnAnonymousCallerLearnsNothingFromValidation() {
        ApiResponse response = get("a#b", "../x").invoke(handler);

        response.assertProblem(401, "unauthorized");
    }
}
