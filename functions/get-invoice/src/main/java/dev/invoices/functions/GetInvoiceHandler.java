package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.auth.Caller;
import dev.invoices.config.Dependencies;
import dev.invoices.error.RouteNotFoundException;
import dev.invoices.http.Authorization;
import dev.invoices.http.CanonicalApi;
import dev.invoices.http.FastlyApi;
import dev.invoices.http.HttpApi;
import dev.invoices.priming.Priming;
import dev.invoices.service.InvoiceService;
import dev.invoices.store.InvoiceStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One of a customer's invoices: {@code GET /v1/customers/{customer_id}/invoices/{invoice_id}} (canonical) and
 * {@code GET /billing/v3/invoices/{invoice_id}} (Fastly), chosen by the event's {@code routeKey}.
 */
public final class GetInvoiceHandler implements RequestStreamHandler {
    private final InvoiceService invoices;
    private final Authorization authorization;

    /**
     * Lambda's entry: clients and configuration are built once per container, and the request path is primed
     * before a SnapStart snapshot (see {@link Priming}).
     */
    public GetInvoiceHandler() {
        this(Dependencies.fromEnvironment());
        Priming.register(GetInvoiceHandler::new, "get-event.json");
    }

    public GetInvoiceHandler(Dependencies dependencies) {
        this.invoices = new InvoiceService(
                new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName()));
        this.authorization = new Authorization(dependencies.config());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.serve(input, output, context, "GET", (request, observation) -> {
            Caller caller = authorization.caller(request, Authorization.Access.READ, observation);
            return switch (request.routeKey()) {
                case CanonicalApi.GET_ROUTE -> {
                    CanonicalApi.InvoiceRef ref = CanonicalApi.invoiceRef(request);
                    yield CanonicalApi.invoiceResponse(200, invoices.get(caller, ref.customerId(), ref.invoiceId()));
                }
                case FastlyApi.GET_ROUTE -> {
                    CanonicalApi.InvoiceRef ref = FastlyApi.invoiceRef(request, caller);
                    yield FastlyApi.invoiceResponse(invoices.get(caller, ref.customerId(), ref.invoiceId()));
                }
                default -> throw new RouteNotFoundException();
            };
        });
    }
}
