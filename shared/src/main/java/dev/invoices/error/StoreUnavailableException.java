package dev.invoices.error;

/**
 * DynamoDB throttled or could not be reached after the SDK's retries: {@code 503} with {@code Retry-After}.
 * The cause is kept for the log only.
 */
public final class StoreUnavailableException extends InvoicesException {
    public StoreUnavailableException(Throwable cause) {
        super("The invoice store is temporarily unavailable. Retry shortly.", cause);
    }
}
