package dev.invoices.listing;

/**
 * The API shape a list request arrived in. Part of every cursor's binding, so that a cursor handed out by one
 * dialect's route opens on that route only: the dialects read the same invoices in different orders and with
 * different filters, and a cursor moved between them would resume somewhere meaningless.
 */
public enum Dialect {
    /** The Metronome-shaped {@code /v1/customers/{customer_id}/invoices}. */
    CANONICAL("list-v1"),
    /** Fastly's billing v3 {@code /billing/v3/invoices}. */
    FASTLY("fastly-v1"),
    /** Northflank's {@code /v1/billing/invoices}. */
    NORTHFLANK("northflank-v1");

    private final String bindingLabel;

    Dialect(String bindingLabel) {
        this.bindingLabel = bindingLabel;
    }

    /** The first part of a cursor binding; canonical cursors keep the label they had before dialects existed. */
    String bindingLabel() {
        return bindingLabel;
    }
}
