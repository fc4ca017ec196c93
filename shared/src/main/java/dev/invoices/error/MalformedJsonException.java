package dev.invoices.error;

/** A body or document that is not well-formed JSON, or exceeds its nesting or size limits. */
public final class MalformedJsonException extends InvoicesException {
    public MalformedJsonException(String clientMessage) {
        super(clientMessage);
    }
}
