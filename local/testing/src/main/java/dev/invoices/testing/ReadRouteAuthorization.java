package dev.invoices.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.config.Dependencies;
import dev.invoices.config.ServiceConfig;
import dev.invoices.http.Authorization;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
 * Authorization of a read route of one invoice (get, PDF) with authorization required, as in AWS: no token is
 * 401, a token without {@code invoices:read} or without a customer is 403, another customer's invoice is a 404
 * byte for byte the same as an id that does not exist, and {@code invoices:admin} reads any customer's invoice.
 * A table of its own holds one invoice of customer A and one of customer B, and no request changes it. A route's
 * test extends this class with its {@link ReadRoute} and holds what only that route has.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ReadRouteAuthorization {
    private static final Instant PERIOD = Instant.parse("2025-03-01T00:00:00Z");

    private final ReadRoute route;
    private final String names;
    /** The customer whose token the suite uses most, and the other one. */
    protected final String customerA;
    protected final String customerB;
    protected Invoice invoiceOfA;
    private Invoice invoiceOfB;
    private RequestStreamHandler handler;
    private StoreSnapshot snapshot;

    /**
     * @param route the route under test
     * @param names what the suite's customer and invoice ids hold, unique to the suite ({@code auth}:
     *              {@code cus_auth_a}, {@code inv_auth_a}…)
     */
    protected ReadRouteAuthorization(ReadRoute route, String names) {
        this.route = route;
        this.names = names;
        this.customerA = "cus_" + names + "_a";
        this.customerB = "cus_" + names + "_b";
    }

    @BeforeAll
    void seed() {
        Dependencies dependencies = LocalDynamoDb.dependencies(Map.of(ServiceConfig.AUTHORIZATION, "required"));
        InvoiceStore store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());
        invoiceOfA = InvoiceFixtures.simple(invoiceId("a"), customerA, InvoiceStatus.FINALIZED, PERIOD);
        invoiceOfB = InvoiceFixtures.simple(invoiceId("b"), customerB, InvoiceStatus.FINALIZED, PERIOD);
        assertTrue(store.create(invoiceOfA));
        assertTrue(store.create(invoiceOfB));
        handler = route.handler().apply(dependencies);
        snapshot = StoreSnapshot.of(dependencies.dynamoDb(), dependencies.config().tableName(),
                List.of(invoiceOfA, invoiceOfB));
    }

    private String invoiceId(String suffix) {
        return "inv_" + names + "_" + suffix;
    }

    /** The route's request for the customer's invoice, without a token. */
    protected ApiEvents request(String customerId, String invoiceId) {
        return ApiEvents.load(route.eventFile()).pathParameter("customer_id", customerId)
                .pathParameter("invoice_id", invoiceId);
    }

    /** Asserts that the response is the route's 200 for the invoice. */
    protected void assertServed(Invoice invoice, ApiResponse response) {
        route.assertServed().accept(invoice, response);
    }

    @Test
    void noAuthorizer_is401WithBearerChallenge() {
        ApiResponse response = request(customerA, invoiceOfA.id()).invoke(handler);

        response.assertProblem(401, "unauthorized");
        assertEquals("Bearer", response.header("www-authenticate"));
        snapshot.assertUnchanged("401");
    }

    Stream<Arguments> tokensThatMayNotRead() {
        String a = customerA;
        return Stream.of(
                Arguments.of("write scope only", claim(a), List.of(Authorization.WRITE)),
                Arguments.of("no scope at all", claim(a), List.of()),
                Arguments.of("read scope in upper case", claim(a), List.of("INVOICES:READ")),
                Arguments.of("scopes joined into one string", claim(a), List.of("invoices:read invoices:write")),
                Arguments.of("a look-alike scope", claim(a), List.of("invoices:reader")),
                Arguments.of("read scope, no customer_id claim", claim(null), List.of(Authorization.READ)),
                Arguments.of("read scope, empty customer_id", claim(""), List.of(Authorization.READ)),
                Arguments.of("read scope, customer_id a#b", claim("a#b"), List.of(Authorization.READ)),
                Arguments.of("read scope, customer_id of 65 characters", claim("c".repeat(65)),
                        List.of(Authorization.READ)),
                Arguments.of("read scope, customer_id with a newline", claim(a + "\n"), List.of(Authorization.READ)),
                Arguments.of("admin spelled wrong", claim(null), List.of("invoices:Admin")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensThatMayNotRead")
    void aTokenThatMayNotRead_is403(String label, Map<String, String> claims, List<String> scopes) {
        ApiResponse response = request(customerA, invoiceOfA.id()).authorizer(claims, scopes).invoke(handler);

        response.assertProblem(403, "forbidden");
        snapshot.assertUnchanged(label);
    }

    @Test
    void customerA_readingItsOwnInvoice_is200() {
        ApiResponse response = request(customerA, invoiceOfA.id())
                .authorizer(claim(customerA), List.of(Authorization.READ)).invoke(handler);

        assertServed(invoiceOfA, response);
    }

    Stream<Arguments> probesOfAnotherCustomersInvoice() {
        return Stream.of(
                Arguments.of("B's path and B's invoice", customerB, invoiceId("b"), customerB, invoiceId("none")),
                Arguments.of("A's own path and B's invoice", customerA, invoiceId("b"), customerA, invoiceId("none")),
                Arguments.of("B's path and A's invoice", customerB, invoiceId("a"), customerB, invoiceId("none")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probesOfAnotherCustomersInvoice")
    void customerA_probingAnotherCustomersInvoice_is404IdenticalToAnUnknownId(String label, String customerId,
            String invoiceId, String unknownCustomerId, String unknownInvoiceId) {
        // when
        ApiResponse probing = request(customerId, invoiceId)
                .authorizer(claim(customerA), List.of(Authorization.READ)).invoke(handler);
        ApiResponse unknown = request(unknownCustomerId, unknownInvoiceId)
                .authorizer(claim(customerA), List.of(Authorization.READ)).invoke(handler);

        // then
        probing.assertProblem(404, "not_found");
        assertEquals(unknown.status(), probing.status());
        assertEquals(unknown.headers(), probing.headers());
        assertEquals(unknown.body(), probing.body());
        snapshot.assertUnchanged(label);
    }

    @Test
    void admin_readsAnyCustomersInvoice() {
        ApiResponse response = request(customerB, invoiceOfB.id())
                .authorizer(claim(null), List.of(Authorization.READ, Authorization.ADMIN)).invoke(handler);

        assertServed(invoiceOfB, response);
    }

    @Test
    void admin_withACustomerClaimOfItsOwn_stillReadsAnyCustomer() {
        ApiResponse response = request(customerB, invoiceOfB.id())
                .authorizer(claim(customerA), List.of(Authorization.ADMIN)).invoke(handler);

        assertServed(invoiceOfB, response);
    }

    @Test
    void admin_onTheWrongCustomersPath_is404_theInvoiceStaysWithItsCustomer() {
        ApiResponse response = request(customerA, invoiceOfB.id())
                .authorizer(claim(null), List.of(Authorization.ADMIN)).invoke(handler);

        response.assertProblem(404, "not_found");
    }

    @Test
    void authorizationIsCheckedBeforeTheInput_soAnAnonymousCallerLearnsNothingFromValidation() {
        ApiResponse response = request("a#b", "../x").invoke(handler);

        response.assertProblem(401, "unauthorized");
    }
}
