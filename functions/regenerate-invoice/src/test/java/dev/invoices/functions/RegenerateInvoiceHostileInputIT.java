package dev.invoices.functions;

import dev.invoices.model.InvoiceStatus;
import dev.invoices.testing.CommandRouteHostileInputs;
import dev.invoices.testing.HostileInputs.Case;
import dev.invoices.testing.HostileInputs.Expected;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hostile input through the regenerate function's real entry point ({@code events/regenerate-invoice.json}):
 * every case of {@link CommandRouteHostileInputs}, plus {@code reason}, which only void accepts. Each case
 * targets a new DRAFT whose stored total is stale, which a request that wrongly got through would recompute
 * (version + 1).
 */
class RegenerateInvoiceHostileInputIT extends CommandRouteHostileInputs {
    RegenerateInvoiceHostileInputIT() {
        super(new RouteUnderTest(RegenerateInvoiceHandler::new, "regenerate-invoice.json", "cus_hostile_regen",
                InvoiceStatus.DRAFT,
                fresh -> fresh.withAmounts(fresh.subLineItems(), fresh.invoiceAdjustments(), fresh.subtotal(),
                        fresh.tax(), fresh.total().add(BigDecimal.ONE)),
                id -> "{\"id\": \"" + id + "\"}",
                List.of(new Probe(new Case("body: reason (a void-only member)",
                        "{\"id\": \"" + TARGET + "\", \"reason\": \"x\"}", Expected.invalid("reason")))),
                (before, after) -> assertEquals(before.version() + 1, after.version())));
    }
}
