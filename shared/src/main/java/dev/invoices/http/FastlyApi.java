package dev.invoices.http;

import static dev.invoices.json.JsonFields.field;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.invoices.auth.Caller;
import dev.invoices.error.FieldError;
import dev.invoices.error.ValidationException;
import dev.invoices.json.Json;
import dev.invoices.model.Invoice;
import dev.invoices.model.SubLineItem;
import dev.invoices.model.Timestamps;
import dev.invoices.service.Dialect;
import dev.invoices.service.InvoicePage;
import dev.invoices.service.ListQuery;
import dev.invoices.store.CustomerQuery;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fastly's billing v3 invoices (contract §4, seed {@code 000_…}) over the same invoices: how its requests are
 * read and its responses written. Newest {@code billing_start_date} first; the customer comes from the caller
 * (see {@link DialectParameters#customer}).
 *
 * <p>Names map onto the model: {@code invoice_id} = id, {@code billing_start_date}/{@code billing_end_date} =
 * the period, {@code invoice_posted_on} = {@code issued_at}, {@code monthly_transaction_amount} = total; a
 * transaction line item's {@code amount} = subtotal, {@code rate} = price, {@code units} = quantity, and
 * {@code description} = the sub line item's description, or its name when it has none (Fastly's description
 * is "the line item transaction name"). Optional fields without a value are omitted.
 */
public final class FastlyApi {
    public static final String LIST_ROUTE = "GET /billing/v3/invoices";
    public static final String GET_ROUTE = "GET /billing/v3/invoices/{invoice_id}";
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 200;
    /** The only order Fastly offers, named as Fastly names it. */
    static final String SORT = "billing_start_date";

    private FastlyApi() {
    }

    /** {@code GET /billing/v3/invoices}: the query, or a validation problem listing every bad parameter. */
    public static ListQuery listQuery(HttpRequest request, Caller caller) {
        List<FieldError> errors = new ArrayList<>();
        String customerId = DialectParameters.customer(request, caller, errors);
        int limit = DialectParameters.integer(request, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT, errors);
        Instant start = DialectParameters.instant(request, "billing_start_date", errors);
        Instant end = DialectParameters.instant(request, "billing_end_date", errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(new FieldError("billing_end_date", "must be after billing_start_date"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ListQuery(new CustomerQuery(customerId, Set.of(), start, end, true), limit,
                DialectParameters.cursor(request, "cursor"), Dialect.FASTLY);
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

    /**
     * {@code {"data": [...], "meta": {"limit", "next_cursor", "sort", "total"}}}: {@code limit} is the page size
     * that applied, {@code next_cursor} is absent on the last page, {@code total} counts every invoice the query
     * matches.
     */
    public static HttpResponse listResponse(ListQuery query, InvoicePage page, long total) {
        return HttpResponse.json(200, Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            for (Invoice invoice : page.invoices()) {
                writeInvoice(g, invoice);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("meta");
            g.writeNumberField("limit", query.limit());
            if (page.nextCursor().isPresent()) {
                g.writeStringField("next_cursor", page.nextCursor().get());
            }
            g.writeStringField("sort", SORT);
            g.writeNumberField("total", total);
            g.writeEndObject();
            g.writeEndObject();
        }));
    }

    /** The invoice object itself, without an envelope. */
    public static HttpResponse invoiceResponse(Invoice invoice) {
        return HttpResponse.json(200, Json.write(g -> writeInvoice(g, invoice)));
    }

    private static void writeInvoice(JsonGenerator g, Invoice invoice) throws IOException {
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
