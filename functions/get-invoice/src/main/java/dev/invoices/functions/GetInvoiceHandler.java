package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.config.ServiceConfig;
import dev.invoices.http.CanonicalApi;
import dev.invoices.http.HttpApi;
import dev.invoices.service.InvoiceService;
import dev.invoices.store.DynamoDbClients;
import dev.invoices.store.InvoiceStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code GET /v1/customers/{customer_id}/invoices/{invoice_id}}: one of a customer's invoices. */
public final class GetInvoiceHandler implements RequestStreamHandler {
    private final InvoiceService invoices;

    /** Lambda's entry: clients and configuration are built once per container. */
    public GetInvoiceHandler() {
        this(fromEnvironment(ServiceConfig.fromEnvironment()));
    }

    public GetInvoiceHandler(InvoiceService invoices) {
        this.invoices = invoices;
    }

    private static InvoiceService fromEnvironment(ServiceConfig config) {
        return new InvoiceService(new InvoiceStore(DynamoDbClients.create(config), config.tableName()));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.serve(input, output, context, "GET", request -> {
            CanonicalApi.InvoiceRef ref = CanonicalApi.invoiceRef(request);
            return CanonicalApi.invoiceResponse(200, invoices.get(ref.customerId(), ref.invoiceId()));
        });
    }
}
