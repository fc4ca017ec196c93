package dev.invoices.error;

/**
 * No such invoice for this caller: {@code 404 not_found}. An invoice of another customer is reported with
 * exactly this exception, so that its existence is never revealed.
 */
public final class InvoiceNotFoundException extends InvoicesException {
    public InvoiceNotFoundException() {
        super("No such invoice.");
    }
}
