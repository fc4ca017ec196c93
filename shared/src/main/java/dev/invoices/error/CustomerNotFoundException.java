package dev.invoices.error;

/**
 * A customer this caller may not see: 404, exactly as for a customer without invoices would be if it did not
 * exist, so that a token cannot probe which customers exist.
 */
public final class CustomerNotFoundException extends InvoicesException {
    public CustomerNotFoundException() {
        super("No such customer.");
    }
}
