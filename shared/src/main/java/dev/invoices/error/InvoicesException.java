package dev.invoices.error;

/**
 * A failure the service expects and can explain to a client. Each subtype maps to exactly one RFC 9457
 * problem (status and stable {@code code}) in {@code dev.invoices.http.Problems}; its message is written for
 * the client and must never carry internal detail.
 */
public abstract sealed class InvoicesException extends RuntimeException
        permits ValidationException, InvoiceNotFoundException, InvalidCursorException,
        MalformedJsonException, StoreUnavailableException, InvalidStateException, AlreadyRegeneratedException,
        IdempotencyKeyReusedException, PayloadTooLargeException, UnsupportedMediaTypeException,
        UnauthorizedException, ForbiddenException, CustomerNotFoundException, RouteNotFoundException {

    protected InvoicesException(String clientMessage) {
        super(clientMessage, null, false, false);
    }

    protected InvoicesException(String clientMessage, Throwable cause) {
        super(clientMessage, cause, false, false);
    }
}
