package dev.invoices.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.config.Dependencies;
import dev.invoices.config.ServiceConfig;
import dev.invoices.http.Authorization;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.HostileInputs.Case;
import dev.invoices.testing.HostileInputs.Expected;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.invoices.testing.Claims.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input through a read route's real entry point (get, PDF), with authorization on and the customer's own
 * read token, as in AWS: both path parameters × every bad shape of {@link HostileInputs}, and every other method,
 * each with its exact status, code and fields, no internals in the body, and the store unchanged. A route's test
 * extends this class with its {@link ReadRoute}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ReadRouteHostileInputs {
    private static final Instant PERIOD = Instant.parse("2025-03-01T00:00:00Z");

    private final ReadRoute route;
    private final String names;
    private final String customer;
    private RequestStreamHandler handler;
    private Invoice target;
    private StoreSnapshot snapshot;

    /** A case and how it changes the request. */
    public record Probe(Case hostile, UnaryOperator<ApiEvents> apply) {
        @Override
        public String toString() {
            return hostile.toString();
        }
    }

    /**
     * @param route the route under test
     * @param names what the suite's customer and invoice ids hold, unique to the suite ({@code get}:
     *              {@code cus_hostile_get}, {@code inv_get_1}…)
     */
    protected ReadRouteHostileInputs(ReadRoute route, String names) {
        this.route = route;
        this.names = names;
        this.customer = "cus_hostile_" + names;
    }

    @BeforeAll
    void seed() {
        Dependencies dependencies = LocalDynamoDb.dependencies(Map.of(ServiceConfig.AUTHORIZATION, "required"));
        InvoiceStore store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());
        List<Invoice> seeded = List.of(
                InvoiceFixtures.simple("inv_" + names + "_1", customer, InvoiceStatus.FINALIZED, PERIOD),
                InvoiceFixtures.simple("inv_" + names + "_2", customer, InvoiceStatus.DRAFT, PERIOD.plusSeconds(60)),
                InvoiceFixtures.simple("inv_" + names + "_other", "cus_" + names + "_other", InvoiceStatus.VOID,
                        PERIOD));
        seeded.forEach(invoice -> assertTrue(store.create(invoice)));
        target = seeded.getFirst();
        handler = route.handler().apply(dependencies);
        snapshot = StoreSnapshot.of(dependencies.dynamoDb(), dependencies.config().tableName(), seeded);
    }

    Stream<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        for (String field : List.of("customer_id", "invoice_id")) {
            for (Case hostile : HostileInputs.badIds(field)) {
                probes.add(new Probe(hostile.in(field), event -> event.pathParameter(field, hostile.value())));
            }
        }
        Case both = new Case("both ids bad (65 and 10,000 characters)", "y".repeat(10_000),
                Expected.invalid("customer_id", "invoice_id"));
        probes.add(new Probe(both, event -> event.pathParameter("customer_id", "x".repeat(65))
                .pathParameter("invoice_id", both.value())));
        for (Case hostile : HostileInputs.wrongMethods("GET")) {
            probes.add(new Probe(hostile, event -> event.method(hostile.value())));
        }
        return probes.stream();
    }

    private ApiEvents request() {
        return ApiEvents.load(route.eventFile())
                .pathParameter("customer_id", customer)
                .pathParameter("invoice_id", target.id())
                .authorizer(claim(customer), List.of(Authorization.READ));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void aHostileInput_getsItsExactProblem_andChangesNothing(Probe probe) {
        // given
        ApiEvents event = probe.apply().apply(request());

        // when
        ApiResponse response = event.invoke(handler);

        // then
        HostileInputs.assertAnswer(probe.hostile(), response);
        if (probe.hostile().expected().code().equals("method_not_allowed")) {
            assertEquals("GET", response.header("allow"));
        }
        snapshot.assertUnchanged(probe.hostile().label());
    }

    @Test
    void theUnchangedRequest_succeeds_soEveryCaseFailsOnlyForItsOwnInput() {
        ApiResponse response = request().invoke(handler);

        route.assertServed().accept(target, response);
    }

    @Test
    void noHostileInput_producesA5xx() {
        // when: every case, one after the other
        List<String> failures = new ArrayList<>();
        probes().forEach(probe -> {
            ApiResponse response = probe.apply().apply(request()).invoke(handler);
            if (response.status() >= 500) {
                failures.add(probe.hostile().label() + " → " + response.status());
            }
        });

        // then
        assertEquals(List.of(), failures);
        snapshot.assertUnchanged("after every case");
    }
}
