package dev.invoices.publishing;

/** The events the publisher sends, by their EventBridge {@code detail-type}. */
public enum DetailType {
    /** A draft or finalized invoice became void. */
    VOIDED("Invoice Voided"),
    /** A voided invoice's replacement was created; the original's link to it is the same change, not announced. */
    REGENERATED("Invoice Regenerated"),
    /** A draft's amounts were recomputed (the regenerate route, or the hourly schedule). */
    REFRESHED("Invoice Refreshed"),
    /** An invoice was written from outside the API: an import, or seeding. */
    CREATED("Invoice Created");

    private final String text;

    DetailType(String text) {
        this.text = text;
    }

    /** The {@code detail-type} as EventBridge carries it, e.g. {@code Invoice Voided}. */
    public String text() {
        return text;
    }
}
