package dev.invoices.listing;

import dev.invoices.auth.Caller;
import dev.invoices.error.FieldError;
import dev.invoices.error.ValidationException;
import dev.invoices.http.DialectParameters;
import dev.invoices.http.HttpRequest;
import dev.invoices.http.HttpResponse;
import dev.invoices.json.Json;
import dev.invoices.model.Invoice;
import dev.invoices.model.Money;
import dev.invoices.store.CustomerQuery;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Northflank's billing invoices (docs/api.md, "Dialects") over the same invoices: newest first,
 * {@code period} in Unix seconds, {@code currency} in lower case, {@code total} (with tax) and
 * {@code subTotal} (= total − tax) as whole numbers of the currency's minor units.
 *
 * <p>{@code page} is an offset, which DynamoDB does not have: page N reads and drops the (N−1) × per_page
 * invoices before it (see {@link dev.invoices.service.InvoiceListService#list(Caller, ListQuery, int)}), so it is
 * bounded by {@value #MAX_PAGE}; the {@code cursor} of any page reaches every later page at the cost of one
 * page, and wins when both are given.
 */
public final class NorthflankList {
    public static final String LIST_ROUTE = "GET /v1/billing/invoices";
    public static final int DEFAULT_PER_PAGE = 50;
    public static final int MAX_PER_PAGE = 100;
    /** Up to 99 × 100 invoices read and dropped: about 50 Queries. Beyond, clients follow the cursor. */
    public static final int MAX_PAGE = 100;

    private NorthflankList() {
    }

    /** A list request: the query, and how many invoices come before the requested page. */
    public record PageRequest(ListQuery query, int skip) {
    }

    /** {@code GET /v1/billing/invoices}: the request, or a validation problem listing every bad parameter. */
    public static PageRequest listRequest(HttpRequest request, Caller caller) {
        List<FieldError> errors = new ArrayList<>();
        String customerId = DialectParameters.customer(request, caller, errors);
        int perPage = DialectParameters.integer(request, "per_page", 1, MAX_PER_PAGE, DEFAULT_PER_PAGE, errors);
        Optional<String> cursor = DialectParameters.cursor(request, "cursor");
        int page = 1;
        if (cursor.isEmpty()) {
            List<FieldError> pageErrors = new ArrayList<>();
            page = DialectParameters.integer(request, "page", 1, MAX_PAGE, 1, pageErrors);
            if (!pageErrors.isEmpty()) {
                errors.add(new FieldError("page", "must be a whole number from 1 to " + MAX_PAGE
                        + "; to go further, follow pagination.cursor"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        ListQuery query = new ListQuery(new CustomerQuery(customerId, Set.of(), null, null, true), perPage, cursor,
                Dialect.NORTHFLANK);
        return new PageRequest(query, (page - 1) * perPage);
    }

    /** {@code {"data": {"invoices": [...]}, "pagination": {"hasNextPage", "cursor", "count"}}}. */
    public static HttpResponse listResponse(InvoicePage page) {
        return HttpResponse.json(200, Json.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("data");
            g.writeArrayFieldStart("invoices");
            for (Invoice invoice : page.invoices()) {
                g.writeStartObject();
                g.writeStringField("id", invoice.id());
                g.writeObjectFieldStart("period");
                g.writeNumberField("start", invoice.startTimestamp().getEpochSecond());
                g.writeNumberField("end", invoice.endTimestamp().getEpochSecond());
                g.writeEndObject();
                g.writeStringField("currency", invoice.currencyCode().toLowerCase(Locale.ROOT));
                BigInteger total = Money.toMinorUnits(invoice.total(), invoice.currencyCode());
                g.writeFieldName("total");
                g.writeNumber(total);
                g.writeFieldName("subTotal");
                g.writeNumber(total.subtract(Money.toMinorUnits(invoice.tax(), invoice.currencyCode())));
                g.writeBooleanField("paid", invoice.paid());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("pagination");
            g.writeBooleanField("hasNextPage", page.nextCursor().isPresent());
            if (page.nextCursor().isPresent()) {
                g.writeStringField("cursor", page.nextCursor().get());
            }
            g.writeNumberField("count", page.invoices().size());
            g.writeEndObject();
            g.writeEndObject();
        }));
    }
}
