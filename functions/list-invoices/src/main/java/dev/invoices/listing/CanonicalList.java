package dev.invoices.listing;

import dev.invoices.error.FieldError;
import dev.invoices.error.ValidationException;
import dev.invoices.http.DialectParameters;
import dev.invoices.http.HttpRequest;
import dev.invoices.http.HttpResponse;
import dev.invoices.json.InvoiceJson;
import dev.invoices.json.Json;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.CustomerQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The canonical (Metronome-shaped) list route: how its requests are read and its pages written. Every parameter
 * is checked here, and all problems are reported together, each with its field.
 */
public final class CanonicalList {
    /** The route, as API Gateway names it in {@code routeKey}. */
    public static final String LIST_ROUTE = "GET /v1/customers/{customer_id}/invoices";
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;
    private static final Pattern SMALL_INTEGER = Pattern.compile("[0-9]{1,3}");

    private CanonicalList() {
    }

    /** {@code GET /v1/customers/{customer_id}/invoices}. */
    public static ListQuery listQuery(HttpRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String customerId = DialectParameters.pathId(request, "customer_id", errors);
        int limit = limit(request.query("limit"), errors);
        Set<InvoiceStatus> statuses = statuses(request.query("status"), errors);
        Instant startingOn = DialectParameters.instant(request, "starting_on", errors);
        Instant endingBefore = DialectParameters.instant(request, "ending_before", errors);
        if (startingOn != null && endingBefore != null && !startingOn.isBefore(endingBefore)) {
            errors.add(new FieldError("ending_before", "must be after starting_on"));
        }
        boolean descending = descending(request.query("sort"), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Optional<String> cursor = Optional.ofNullable(request.query("next_page")).filter(token -> !token.isEmpty());
        return new ListQuery(new CustomerQuery(customerId, statuses, startingOn, endingBefore, descending),
                limit, cursor, Dialect.CANONICAL);
    }

    /** {@code {"data": [invoice, …], "next_page": "…" | null}}. */
    public static HttpResponse listResponse(InvoicePage page) {
        return HttpResponse.json(200, Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            for (Invoice invoice : page.invoices()) {
                InvoiceJson.write(g, invoice);
            }
            g.writeEndArray();
            g.writeFieldName("next_page");
            if (page.nextCursor().isPresent()) {
                g.writeString(page.nextCursor().get());
            } else {
                g.writeNull();
            }
            g.writeEndObject();
        }));
    }

    private static int limit(String text, List<FieldError> errors) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        int limit = SMALL_INTEGER.matcher(text).matches() ? Integer.parseInt(text) : -1;
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
        }
        return limit;
    }

    private static Set<InvoiceStatus> statuses(String text, List<FieldError> errors) {
        if (text == null) {
            return Set.of();
        }
        Set<InvoiceStatus> statuses = EnumSet.noneOf(InvoiceStatus.class);
        for (String part : text.split(",", -1)) {
            Optional<InvoiceStatus> status = part.length() > 16 ? Optional.empty() : InvoiceStatus.parse(part);
            if (status.isEmpty()) {
                errors.add(new FieldError("status",
                        "must be DRAFT, FINALIZED or VOID (any case), several separated by commas"));
                return Set.of();
            }
            statuses.add(status.get());
        }
        return statuses;
    }

    private static boolean descending(String sort, List<FieldError> errors) {
        if (sort == null || sort.equals("date_asc")) {
            return false;
        }
        if (sort.equals("date_desc")) {
            return true;
        }
        errors.add(new FieldError("sort", "must be date_asc or date_desc"));
        return false;
    }
}
