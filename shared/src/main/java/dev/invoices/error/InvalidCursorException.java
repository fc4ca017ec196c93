package dev.invoices.error;

/**
 * A pagination cursor that was altered, belongs to another customer or query, or is not a cursor at all:
 * {@code 400 invalid_cursor}. One message for every cause, so that probing teaches nothing.
 */
public final class InvalidCursorException extends InvoicesException {
    public InvalidCursorException() {
        super("The cursor is not valid for this query. Start again from the first page.");
    }
}
