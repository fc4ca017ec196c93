package dev.invoices.functions;

import dev.invoices.config.Dependencies;
import dev.invoices.http.Authorization;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.pdf.InvoicePdf;
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
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.invoices.testing.Claims.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input through the PDF function's real entry point ({@code events/get-invoice.json}), with
 * authorization on and the customer's own read token, as in AWS: every parameter of
 * {@code GET /v1/customers/{customer_id}/invoices/{invoice_id}/pdf} × every bad shape of {@link HostileInputs}, each
 * with its exact status, code and fields, no internals in the body, and the store unchanged.
 */
class InvoicePdfHostileInputIT {
    private static final String CUSTOMER = "cus_hostile_pdf";
    private static final Instant PERIOD = Instant.parse("2025-03-01T00:00:00Z");

    private static InvoicePdfHandler handler;
    private static Invoice target;
    private static StoreSnapshot snapshot;

    /** A case and how it changes the request. */
    record Probe(Case hostile, UnaryOperator<ApiEvents> apply) {
        @Override
        public String toString() {
            return hostile.toString();
        }
    }

    @BeforeAll
    static void seed() {
        Dependencies local = LocalDynamoDb.dependencies(Map.of());
        Dependencies dependencies = new Dependencies(local.config().withAuthorizationRequired(true),
                local.dynamoDb(), local.clock());
        InvoiceStore store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());
        List<Invoice> seeded = List.of(
                InvoiceFixtures.simple("inv_pdf_1", CUSTOMER, InvoiceStatus.FINALIZED, PERIOD),
                InvoiceFixtures.simple("inv_pdf_2", CUSTOMER, InvoiceStatus.DRAFT, PERIOD.plusSeconds(60)),
                InvoiceFixtures.simple("inv_pdf_other", "cus_pdf_other", InvoiceStatus.VOID, PERIOD));
        seeded.forEach(invoice -> assertTrue(store.create(invoice)));
        target = seeded.getFirst();
        handler = new InvoicePdfHandler(dependencies);
        snapshot = StoreSnapshot.of(dependencies.dynamoDb(), dependencies.config().tableName(), seeded);
    }

    static Stream<Probe> probes() {
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

    private static ApiEvents request() {
        return ApiEvents.load("get-invoice-pdf.json")
                .pathParameter("customer_id", CUSTOMER)
                .pathParameter("invoice_id", target.id())
                .authorizer(claim(CUSTOMER), List.of(Authorization.READ));
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

        assertEquals(200, response.status(), response.body());
        assertEquals(InvoicePdf.etag(target), response.header("etag"));
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
