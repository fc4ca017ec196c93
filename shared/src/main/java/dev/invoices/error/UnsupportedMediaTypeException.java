package dev.invoices.error;

/** A request body that is not declared as JSON: 415. */
public final class UnsupportedMediaTypeException extends InvoicesException {
    public UnsupportedMediaTypeException() {
        super("Send the body as JSON, with Content-Type: application/json.");
    }
}
