package dev.invoices.error;

/** The voided invoice already has a replacement: 409, naming it so the client can follow the link. */
public final class AlreadyRegeneratedException extends InvoicesException {
    private final String replacementId;

    public AlreadyRegeneratedException(String replacementId) {
        super("The invoice was already regenerated; its replacement is " + replacementId + ".");
        this.replacementId = replacementId;
    }

    public String replacementId() {
        return replacementId;
    }
}
