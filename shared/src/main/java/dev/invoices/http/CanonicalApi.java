package dev.invoices.http;

import dev.invoices.error.FieldError;
import dev.invoices.error.ValidationException;
import dev.invoices.json.InvoiceJson;
import dev.invoices.json.Json;
import dev.invoices.model.Invoice;

import java.util.ArrayList;
import java.util.List;

/**
 * The canonical (Metronome-shaped) invoice: how a get request names it and how it is written, for the get
 * function and for the answers of void and regenerate. Every parameter is checked here, and all problems are
 * reported together, each with its field.
 */
public final class CanonicalApi {
    /** The route, as API Gateway names it in {@code routeKey}; the list route is the list function's. */
    public static final String GET_ROUTE = "GET /v1/customers/{customer_id}/invoices/{invoice_id}";

    private CanonicalApi() {
    }

    /** The customer and invoice ids of {@code GET /v1/customers/{customer_id}/invoices/{invoice_id}}. */
    public static InvoiceRef invoiceRef(HttpRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String customerId = pathId(request, "customer_id", errors);
        String invoiceId = pathId(request, "invoice_id", errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new InvoiceRef(customerId, invoiceId);
    }

    /** A customer's invoice, as named in a path. */
    public record InvoiceRef(String customerId, String invoiceId) {
    }

    /** {@code {"data": invoice}} with the given status. */
    public static HttpResponse invoiceResponse(int status, Invoice invoice) {
        return HttpResponse.json(status, Json.write(g -> {
            g.writeStartObject();
            g.writeFieldName("data");
            InvoiceJson.write(g, invoice);
            g.writeEndObject();
        }));
    }

    private static String pathId(HttpRequest request, String name, List<FieldError> errors) {
        return DialectParameters.pathId(request, name, errors);
    }


}
