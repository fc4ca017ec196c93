package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.auth.Caller;
import dev.invoices.config.Dependencies;
import dev.invoices.http.Authorization;
import dev.invoices.http.CanonicalApi;
import dev.invoices.http.HttpApi;
import dev.invoices.service.InvoiceService;
import dev.invoices.store.InvoiceStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code GET /v1/customers/{customer_id}/invoices/{invoice_id}}: one of a customer's invoices. */
public final class GetInvoiceHandler implements RequestStreamHandler {
    private final InvoiceService invoices;
    private final Authorization authorization;

    /** Lambda's entry: clients and configuration are built once per container. */
    public GetInvoiceHandler() {
        this(Dependencies.fromEnvironment());
    }

    public GetInvoiceHandler(Dependencies dependencies) {
        this.invoices = new InvoiceService(
                new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName()));
        this.authorization = new Authorization(dependencies.config().authorizationRequired());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.serve(input, output, context, "GET", request -> {
            Caller caller = authorization.caller(request, Authorization.READ);
            CanonicalApi.InvoiceRef ref = CanonicalApi.invoiceRef(request);
            return CanonicalApi.invoiceResponse(200, invoices.get(caller, ref.customerId(), ref.invoiceId()));
        });
    }
}
