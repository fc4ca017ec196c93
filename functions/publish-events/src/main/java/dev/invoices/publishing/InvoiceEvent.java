package dev.invoices.publishing;

import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;

import java.util.Objects;
import java.util.Optional;

/**
 * One logical change of one invoice, to be announced: its type, the invoice after the change, and its status and
 * version before it, where there was one.
 *
 * @param sequenceNumber the stream record it comes from
 */
public record InvoiceEvent(DetailType type, Invoice invoice, Optional<Previous> previous, String sequenceNumber) {
    /** The invoice's status and version before the change. */
    public record Previous(InvoiceStatus status, long version) {
    }

    public InvoiceEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    }

    /**
     * The same on every delivery of this change, and different for every other change: the invoice's id and the
     * version the change made ({@code <id>:<version>}; ids never hold a colon). Consumers drop duplicates by it.
     */
    public String eventId() {
        return eventId(invoice.id(), invoice.version());
    }

    public static String eventId(String invoiceId, long version) {
        return invoiceId + ":" + version;
    }
}
