package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.auth.Caller;
import dev.invoices.config.Dependencies;
import dev.invoices.error.RouteNotFoundException;
import dev.invoices.http.Authorization;
import dev.invoices.http.CanonicalApi;
import dev.invoices.http.HttpApi;
import dev.invoices.model.Invoice;
import dev.invoices.pdf.InvoicePdf;
import dev.invoices.pdf.PdfResponses;
import dev.invoices.pdf.RenderPriming;
import dev.invoices.priming.Priming;
import dev.invoices.service.InvoiceService;
import dev.invoices.store.InvoiceStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An invoice as a PDF document: {@code GET /v1/customers/{customer_id}/invoices/{invoice_id}/pdf}, with the get
 * function's authorization and confinement, an ETag of the invoice version, and {@code 304} for a client that
 * already holds it (no rendering then).
 */
public final class InvoicePdfHandler implements RequestStreamHandler {
    static final String ROUTE = "GET /v1/customers/{customer_id}/invoices/{invoice_id}/pdf";

    private final InvoiceService invoices;
    private final Authorization authorization;
    private final InvoicePdf renderer;

    /**
     * Lambda's entry: clients, configuration and the parsed fonts are built once per container, and both the
     * request path and the render path are primed before a SnapStart snapshot.
     */
    public InvoicePdfHandler() {
        this(Dependencies.fromEnvironment());
        Priming.register(InvoicePdfHandler::new, "pdf-event.json");
        RenderPriming.register(renderer);
    }

    public InvoicePdfHandler(Dependencies dependencies) {
        this.invoices = new InvoiceService(
                new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName()));
        this.authorization = new Authorization(dependencies.config());
        this.renderer = InvoicePdf.instance();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.serve(input, output, context, "GET", (request, observation) -> {
            Caller caller = authorization.caller(request, Authorization.Access.READ, observation);
            if (!ROUTE.equals(request.routeKey())) {
                throw new RouteNotFoundException();
            }
            CanonicalApi.InvoiceRef ref = CanonicalApi.invoiceRef(request);
            Invoice invoice = invoices.get(caller, ref.customerId(), ref.invoiceId());
            if (PdfResponses.matches(request.header("if-none-match"), InvoicePdf.etag(invoice))) {
                return PdfResponses.notModified(invoice);
            }
            return PdfResponses.document(invoice, renderer.render(invoice));
        });
    }
}
