package dev.invoices.error;

/** The invoice's state does not allow the change (a paid invoice voided, a finalized one regenerated): 409. */
public final class InvalidStateException extends InvoicesException {
    public InvalidStateException(String clientMessage) {
        super(clientMessage);
    }
}
