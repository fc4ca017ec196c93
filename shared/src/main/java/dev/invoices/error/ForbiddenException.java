package dev.invoices.error;

/** Valid credentials without the right to this route (a missing scope, no customer): 403. */
public final class ForbiddenException extends InvoicesException {
    public ForbiddenException(String clientMessage) {
        super(clientMessage);
    }
}
