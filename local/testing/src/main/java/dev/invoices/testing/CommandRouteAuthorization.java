package dev.invoices.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.config.Dependencies;
import dev.invoices.http.Authorization;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.provider.Arguments;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.invoices.testing.Claims.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Base of a command route's authorization tests (void, regenerate), with authorization required as in AWS: a
 * table of its own, the route's handler, invoices seeded in the state the route changes, the route's request
 * with or without an idempotency key, and tokens of a customer or of an admin. It holds the test every command
 * route shares word for word (no token is a 401 that changes nothing); a route's test extends it with its
 * {@link RouteUnderTest} and holds the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CommandRouteAuthorization {
    /**
     * What differs between the command routes.
     *
     * @param handler      the route's handler around the suite's dependencies
     * @param eventFile    the route's event in {@code events/}
     * @param body         a valid body naming an invoice id
     * @param customer     the customer whose token the suite uses most
     * @param seededStatus the state of the invoices {@link #seed} stores: one the route would change
     * @param idPrefix     the prefix of the seeded invoices' ids, unique to the suite
     */
    public record RouteUnderTest(Function<Dependencies, RequestStreamHandler> handler, String eventFile,
                                 Function<String, String> body, String customer, InvoiceStatus seededStatus,
                                 String idPrefix) {
    }

    protected static final Instant NOW = Instant.parse("2025-07-01T10:00:00Z");
    private static final Instant PERIOD = Instant.parse("2025-05-01T00:00:00Z");

    private final RouteUnderTest route;
    private final AtomicInteger ids = new AtomicInteger();
    private Dependencies dependencies;
    protected InvoiceStore store;
    protected RequestStreamHandler handler;

    protected CommandRouteAuthorization(RouteUnderTest route) {
        this.route = route;
    }

    @BeforeAll
    void createTable() {
        Dependencies local = LocalDynamoDb.dependencies(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
        dependencies = new Dependencies(local.config().withAuthorizationRequired(true), local.dynamoDb(),
                local.clock());
        store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());
        handler = route.handler().apply(dependencies);
    }

    /**
     * Tokens that may not use a command route, each with its label: without the write scope, or without a
     * customer the route can act for.
     *
     * @param customer            the customer of the tokens that have one
     * @param malformedCustomerId a {@code customer_id} that is no customer id
     */
    protected static Stream<Arguments> tokensThatMayNotWriteFor(String customer, String malformedCustomerId) {
        return Stream.of(
                Arguments.of("read scope only", claim(customer), List.of(Authorization.READ)),
                Arguments.of("no scope at all", claim(customer), List.of()),
                Arguments.of("write scope in upper case", claim(customer), List.of("INVOICES:WRITE")),
                Arguments.of("write scope, no customer_id claim", claim(null), List.of(Authorization.WRITE)),
                Arguments.of("write scope, empty customer_id", claim(""), List.of(Authorization.WRITE)),
                Arguments.of("write scope, customer_id " + malformedCustomerId, claim(malformedCustomerId),
                        List.of(Authorization.WRITE)),
                Arguments.of("write scope, customer_id of 65 characters", claim("c".repeat(65)),
                        List.of(Authorization.WRITE)));
    }

    /** A new invoice of the customer, in the state the route would change. */
    protected Invoice seed(String customerId) {
        Invoice invoice = InvoiceFixtures.simple(route.idPrefix() + "%04d".formatted(ids.incrementAndGet()),
                customerId, route.seededStatus(), PERIOD);
        assertTrue(store.create(invoice));
        return invoice;
    }

    protected StoreSnapshot snapshot(Invoice... seeded) {
        return StoreSnapshot.of(dependencies.dynamoDb(), dependencies.config().tableName(), List.of(seeded));
    }

    /** The route's request for the invoice, without a token; a null key sends no {@code Idempotency-Key}. */
    protected ApiEvents request(String invoiceId, String key) {
        return ApiEvents.load(route.eventFile()).body(route.body().apply(invoiceId)).header("idempotency-key", key);
    }

    /** The event with a write token of the customer. */
    protected static ApiEvents as(ApiEvents event, String customerId) {
        return event.authorizer(claim(customerId), List.of(Authorization.WRITE));
    }

    /** The event with an admin's token, which names no customer. */
    protected static ApiEvents asAdmin(ApiEvents event) {
        return event.authorizer(claim(null), List.of(Authorization.ADMIN));
    }

    @Test
    void noAuthorizer_is401WithBearerChallenge_andChangesNothing() {
        Invoice invoice = seed(route.customer());
        StoreSnapshot before = snapshot(invoice);

        ApiResponse response = request(invoice.id(), null).invoke(handler);

        response.assertProblem(401, "unauthorized");
        assertEquals("Bearer", response.header("www-authenticate"));
        before.assertUnchanged("401");
    }
}
