package dev.invoices.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.invoices.auth.Caller;
import dev.invoices.error.FieldError;
import dev.invoices.error.ValidationException;
import dev.invoices.json.Json;
import dev.invoices.model.Invoice;
import dev.invoices.model.SubLineItem;
import dev.invoices.model.Timestamps;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.invoices.json.JsonFields.field;

/**
 * Fastly's billing v3 invoice over the same invoices: how a get request names it and how it is written (the
 * list route is the list function's {@code FastlyList}). Newest {@code billing_start_date} first; the customer comes from the caller
 * (see {@link DialectParameters#customer}).
 *
 * <p>Names map onto the model: {@code invoice_id} = id, {@code billing_start_date}/{@code billing_end_date} =
 * the period, {@code invoice_posted_on} = {@code issued_at}, {@code monthly_transaction_amount} = total; a
 * transaction line item's {@code amount} = subtotal, {@code rate} = price, {@code units} = quantity, and
 * {@code description} = the sub line item's description, or its name when it has none (Fastly's description
 * is "the line item transaction name"). Optional fields without a value are omitted.
 */
public final class FastlyApi {
    public static final String GET_ROUTE = "GET /billing/v3/invoices/{invoice_id}";

    private FastlyApi() {
    }

    /** The customer and invoice of {@code GET /billing/v3/invoices/{invoice_id}}. */
    public static CanonicalApi.InvoiceRef invoiceRef(HttpRequest request, Caller caller) {
        List<FieldError> errors = new ArrayList<>();
        String invoiceId = DialectParameters.pathId(request, "invoice_id", errors);
        String customerId = DialectParameters.customer(request, caller, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new CanonicalApi.InvoiceRef(customerId, invoiceId);
    }

    /** The invoice object itself, without an envelope. */
    public static HttpResponse invoiceResponse(Invoice invoice) {
        return HttpResponse.json(200, Json.write(g -> writeInvoice(g, invoice)));
    }

    /** One invoice in Fastly's shape, for the get route and for each element of a list page. */
    public static void writeInvoice(JsonGenerator g, Invoice invoice) throws IOException {
        g.writeStartObject();
        g.writeStringField("invoice_id", invoice.id());
        g.writeStringField("customer_id", invoice.customerId());
        field(g, "statement_number", invoice.statementNumber());
        g.writeStringField("currency_code", invoice.currencyCode());
        g.writeStringField("billing_start_date", Timestamps.format(invoice.startTimestamp()));
        g.writeStringField("billing_end_date", Timestamps.format(invoice.endTimestamp()));
        if (invoice.issuedAt() != null) {
            g.writeStringField("invoice_posted_on", Timestamps.format(invoice.issuedAt()));
        }
        field(g, "monthly_transaction_amount", invoice.total());
        g.writeArrayFieldStart("transaction_line_items");
        for (SubLineItem item : invoice.subLineItems()) {
            g.writeStartObject();
            field(g, "ProductGroup", item.productGroup());
            field(g, "ProductLine", item.productLine());
            field(g, "ProductName", item.productName());
            field(g, "Region", item.region());
            field(g, "UsageType", item.usageType());
            field(g, "amount", item.subtotal());
            field(g, "credit_coupon_code", item.creditCouponCode());
            g.writeStringField("description", Optional.ofNullable(item.description()).orElse(item.name()));
            field(g, "rate", item.price());
            field(g, "units", item.quantity());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
