package dev.invoices.error;

/** No credentials, or credentials the authorizer did not vouch for: 401. */
public final class UnauthorizedException extends InvoicesException {
    public UnauthorizedException() {
        super("Send a valid bearer token in the Authorization header.");
    }
}
