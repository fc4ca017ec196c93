package dev.invoices.functions;

import dev.invoices.pdf.InvoicePdf;
import dev.invoices.testing.ReadRoute;
import dev.invoices.testing.ReadRouteHostileInputs;

/**
 * Hostile input through the PDF function's real entry point ({@code events/get-invoice-pdf.json}): every case of
 * {@link ReadRouteHostileInputs}, the get route's, on
 * {@code GET /v1/customers/{customer_id}/invoices/{invoice_id}/pdf}.
 */
class InvoicePdfHostileInputIT extends ReadRouteHostileInputs {
    InvoicePdfHostileInputIT() {
        super(new ReadRoute(InvoicePdfHandler::new, "get-invoice-pdf.json", ReadRoute.servesPdf(InvoicePdf::etag)),
                "pdf");
    }
}
