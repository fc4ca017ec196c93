package dev.invoices.functions;

import dev.invoices.pdf.InvoicePdf;
import dev.invoices.testing.ReadRoute;
import dev.invoices.testing.ReadRouteAuthorization;

/**
 * Authorization of {@code GET /v1/customers/{customer_id}/invoices/{invoice_id}/pdf} with authorization required
 * (SECURITY.md): every case of {@link ReadRouteAuthorization}, the get route's, where a 200 is the invoice's
 * document with its ETag.
 */
class InvoicePdfAuthorizationIT extends ReadRouteAuthorization {
    InvoicePdfAuthorizationIT() {
        super(new ReadRoute(InvoicePdfHandler::new, "get-invoice-pdf.json", ReadRoute.servesPdf(InvoicePdf::etag)),
                "pdf_auth");
    }
}
