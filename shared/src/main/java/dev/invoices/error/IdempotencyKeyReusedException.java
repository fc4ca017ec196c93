package dev.invoices.error;

/**
 * An {@code Idempotency-Key} that was used with a different request, or whose first request is still in
 * flight: 409.
 */
public final class IdempotencyKeyReusedException extends InvoicesException {
    public IdempotencyKeyReusedException(String clientMessage) {
        super(clientMessage);
    }
}
