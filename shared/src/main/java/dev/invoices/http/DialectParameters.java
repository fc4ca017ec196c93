package dev.invoices.http;

import dev.invoices.auth.Caller;
import dev.invoices.error.FieldError;
import dev.invoices.model.Ids;
import dev.invoices.model.Timestamps;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Query parameters the dialects share, each checked in one place and reported as a field error, so that a
 * parser can report every bad parameter of a request at once.
 */
public final class DialectParameters {
    /** The query parameter that names the customer on dialect routes (their paths name none). */
    public static final String CUSTOMER_ID = "customer_id";
    private static final Pattern SMALL_INTEGER = Pattern.compile("[0-9]{1,6}");

    private DialectParameters() {
    }

    /**
     * The customer a dialect request acts for (docs/api.md, "Dialects"): a customer token's {@code customer_id} claim; an
     * admin, or any caller when authorization is off, names it with the {@code customer_id} query parameter,
     * which is then required. A customer token that names another customer gets that customer's answer for
     * a stranger: 404, from the service.
     */
    public static String customer(HttpRequest request, Caller caller, List<FieldError> errors) {
        String named = request.query(CUSTOMER_ID);
        if (named != null) {
            if (!Ids.isValid(named)) {
                errors.add(new FieldError(CUSTOMER_ID, Ids.rule()));
            }
            return named;
        }
        return switch (caller) {
            case Caller.Customer customer -> customer.customerId();
            case Caller.Admin admin -> {
                errors.add(new FieldError(CUSTOMER_ID, "is required with the admin scope: it names the customer"));
                yield null;
            }
            case Caller.Trusted trusted -> {
                errors.add(new FieldError(CUSTOMER_ID, "is required: it names the customer"));
                yield null;
            }
        };
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when the parameter is absent. */
    public static int integer(HttpRequest request, String name, int min, int max, int fallback, List<FieldError> errors) {
        String text = request.query(name);
        if (text == null) {
            return fallback;
        }
        int value = SMALL_INTEGER.matcher(text).matches() ? Integer.parseInt(text) : -1;
        if (value < min || value > max) {
            errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
            return fallback;
        }
        return value;
    }

    /** An RFC 3339 date-time, or null when the parameter is absent. */
    public static Instant instant(HttpRequest request, String name, List<FieldError> errors) {
        String text = request.query(name);
        if (text == null) {
            return null;
        }
        Optional<Instant> instant = text.length() > 64 ? Optional.empty() : Timestamps.parse(text);
        if (instant.isEmpty()) {
            errors.add(new FieldError(name, "must be an RFC 3339 date-time, such as 2024-01-01T00:00:00Z"));
            return null;
        }
        return instant.get();
    }

    /** An opaque cursor; an empty value counts as absent, as for {@code next_page}. */
    public static Optional<String> cursor(HttpRequest request, String name) {
        return Optional.ofNullable(request.query(name)).filter(token -> !token.isEmpty());
    }

    /** A path id, by the id rule. */
    public static String pathId(HttpRequest request, String name, List<FieldError> errors) {
        String id = request.pathParameter(name);
        if (!Ids.isValid(id)) {
            errors.add(new FieldError(name, Ids.rule()));
        }
        return id;
    }
}
