package dev.invoices.http;

import dev.invoices.error.AlreadyRegeneratedException;
import dev.invoices.error.CustomerNotFoundException;
import dev.invoices.error.ForbiddenException;
import dev.invoices.error.IdempotencyKeyReusedException;
import dev.invoices.error.InvalidCursorException;
import dev.invoices.error.InvalidStateException;
import dev.invoices.error.InvoiceNotFoundException;
import dev.invoices.error.InvoicesException;
import dev.invoices.error.MalformedJsonException;
import dev.invoices.error.PayloadTooLargeException;
import dev.invoices.error.RouteNotFoundException;
import dev.invoices.error.StoreUnavailableException;
import dev.invoices.error.UnauthorizedException;
import dev.invoices.error.UnsupportedMediaTypeException;
import dev.invoices.error.ValidationException;

import java.util.List;
import java.util.Map;

/**
 * The one mapping from failures to RFC 9457 problems. Client-facing text comes only from our own exception
 * messages, which are written for clients; anything unexpected becomes a 500 that says nothing but the
 * request id. Every problem quotes the id of the request it answered, so a client can quote it to support.
 */
public final class Problems {
    /** Seconds a client should wait after a 503: long enough for DynamoDB's adaptive capacity to react. */
    static final String RETRY_AFTER_SECONDS = "1";

    private Problems() {
    }

    /** The problem for {@code failure}, quoting {@code requestId} (null only where no request is answered). */
    public static Problem from(InvoicesException failure, String requestId) {
        return problem(failure).withRequestId(requestId);
    }

    private static Problem problem(InvoicesException failure) {
        return switch (failure) {
            case ValidationException invalid -> new Problem(400, "invalid_request", "Invalid request",
                    invalid.getMessage(), invalid.errors(), null, Map.of(), Map.of());
            case InvalidCursorException cursor -> Problem.of(400, "invalid_cursor", "Invalid cursor",
                    cursor.getMessage());
            case MalformedJsonException json -> Problem.of(400, "malformed_json", "Malformed JSON",
                    json.getMessage());
            case InvoiceNotFoundException notFound -> Problem.of(404, "not_found", "Not found",
                    notFound.getMessage());
            case CustomerNotFoundException notFound -> Problem.of(404, "not_found", "Not found",
                    notFound.getMessage());
            case RouteNotFoundException route -> Problem.of(404, "route_not_found", "Not found",
                    route.getMessage());
            case InvalidStateException state -> Problem.of(409, "invalid_state", "Invalid state",
                    state.getMessage());
            case AlreadyRegeneratedException regenerated -> new Problem(409, "already_regenerated",
                    "Already regenerated", regenerated.getMessage(), List.of(), null, Map.of(),
                    Map.of("replaced_by_invoice_id", regenerated.replacementId()));
            case IdempotencyKeyReusedException reused -> Problem.of(409, "idempotency_key_reused",
                    "Idempotency key reused", reused.getMessage());
            case PayloadTooLargeException tooLarge -> Problem.of(413, "payload_too_large", "Payload too large",
                    tooLarge.getMessage());
            case UnsupportedMediaTypeException mediaType -> Problem.of(415, "unsupported_media_type",
                    "Unsupported media type", mediaType.getMessage());
            case UnauthorizedException unauthorized -> new Problem(401, "unauthorized", "Unauthorized",
                    unauthorized.getMessage(), List.of(), null, Map.of("www-authenticate", "Bearer"), Map.of());
            case ForbiddenException forbidden -> Problem.of(403, "forbidden", "Forbidden", forbidden.getMessage());
            case StoreUnavailableException unavailable -> new Problem(503, "service_unavailable",
                    "Service unavailable", unavailable.getMessage(), List.of(), null,
                    Map.of("retry-after", RETRY_AFTER_SECONDS), Map.of());
        };
    }

    public static Problem internalError(String requestId) {
        return new Problem(500, "internal_error", "Internal server error",
                "Something went wrong on our side. Quote the request id if you contact support.",
                List.of(), requestId, Map.of(), Map.of());
    }

    public static Problem methodNotAllowed(String allowed, String requestId) {
        return new Problem(405, "method_not_allowed", "Method not allowed",
                "This route accepts " + allowed + " only.", List.of(), requestId, Map.of("allow", allowed), Map.of());
    }
}
