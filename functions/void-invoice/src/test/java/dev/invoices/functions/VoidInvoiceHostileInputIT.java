package dev.invoices.functions;

import dev.invoices.model.InvoiceStatus;
import dev.invoices.testing.CommandRouteHostileInputs;
import dev.invoices.testing.HostileInputs;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hostile input through the void function's real entry point ({@code events/void-invoice.json}): every case of
 * {@link CommandRouteHostileInputs}, plus every bad shape of {@code reason}. Each case targets a fresh unpaid
 * FINALIZED invoice, which a request that wrongly got through would void.
 */
class VoidInvoiceHostileInputIT extends CommandRouteHostileInputs {
    VoidInvoiceHostileInputIT() {
        super(new RouteUnderTest(VoidInvoiceHandler::new, "void-invoice.json", "cus_hostile_void",
                InvoiceStatus.FINALIZED, UnaryOperator.identity(),
                id -> "{\"id\": \"" + id + "\", \"reason\": \"hostile\"}",
                HostileInputs.badReasons(TARGET).stream().map(hostile -> new Probe(hostile.in("body.reason"))).toList(),
                (before, after) -> assertEquals(InvoiceStatus.VOID, after.status())));
    }
}
