package dev.invoices.functions;

import dev.invoices.testing.ReadRoute;
import dev.invoices.testing.ReadRouteHostileInputs;

/**
 * Hostile input through the get function's real entry point ({@code events/get-invoice.json}): every case of
 * {@link ReadRouteHostileInputs} on {@code GET /v1/customers/{customer_id}/invoices/{invoice_id}}.
 */
class GetInvoiceHostileInputIT extends ReadRouteHostileInputs {
    GetInvoiceHostileInputIT() {
        super(new ReadRoute(GetInvoiceHandler::new, "get-invoice.json", ReadRoute::servesJson), "get");
    }
}
