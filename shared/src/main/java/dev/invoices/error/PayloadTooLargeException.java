package dev.invoices.error;

/** A request body over the service's limit: 413, before any of it is parsed. */
public final class PayloadTooLargeException extends InvoicesException {
    public PayloadTooLargeException(int limitBytes) {
        super("The body must be at most " + limitBytes + " bytes.");
    }
}
