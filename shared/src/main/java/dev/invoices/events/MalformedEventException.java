package dev.invoices.events;

/** An event this function cannot act on; thrown so that it ends in the dead-letter queue. */
public final class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }
}
