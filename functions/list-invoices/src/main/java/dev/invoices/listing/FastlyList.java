package dev.invoices.listing;

import dev.invoices.auth.Caller;
import dev.invoices.error.FieldError;
import dev.invoices.error.ValidationException;
import dev.invoices.http.DialectParameters;
import dev.invoices.http.FastlyApi;
import dev.invoices.http.HttpRequest;
import dev.invoices.http.HttpResponse;
import dev.invoices.json.Json;
import dev.invoices.model.Invoice;
import dev.invoices.store.CustomerQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fastly's billing v3 invoice list over the same invoices: newest {@code billing_start_date} first; the customer
 * comes from the caller (see {@link DialectParameters#customer}). Each invoice is written as
 * {@link FastlyApi#writeInvoice} writes it.
 */
public final class FastlyList {
    public static final String LIST_ROUTE = "GET /billing/v3/invoices";
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 200;
    /** The only order Fastly offers, named as Fastly names it. */
    static final String SORT = "billing_start_date";

    private FastlyList() {
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
                FastlyApi.writeInvoice(g, invoice);
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
}
