package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.auth.Caller;
import dev.invoices.config.Dependencies;
import dev.invoices.http.Authorization;
import dev.invoices.http.CanonicalApi;
import dev.invoices.http.HttpApi;
import dev.invoices.pagination.CursorCodec;
import dev.invoices.service.InvoiceListService;
import dev.invoices.store.InvoiceStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code GET /v1/customers/{customer_id}/invoices}: a page of a customer's invoices. A stream handler, so
 * that the event is read with the service's own JSON codec rather than the runtime's reflective one.
 */
public final class ListInvoicesHandler implements RequestStreamHandler {
    private final InvoiceListService invoices;
    private final Authorization authorization;

    /** Lambda's entry: clients and configuration are built once per container. */
    public ListInvoicesHandler() {
        this(Dependencies.fromEnvironment());
    }

    public ListInvoicesHandler(Dependencies dependencies) {
        this.invoices = new InvoiceListService(
                new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName()),
                CursorCodec.fromSecret(dependencies.config().requireCursorSecret()));
        this.authorization = new Authorization(dependencies.config().authorizationRequired());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.serve(input, output, context, "GET", request -> {
            Caller caller = authorization.caller(request, Authorization.READ);
            return CanonicalApi.listResponse(invoices.list(caller, CanonicalApi.listQuery(request)));
        });
    }
}
