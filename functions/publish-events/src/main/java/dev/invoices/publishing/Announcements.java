package dev.invoices.publishing;

import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceItemMapper;
import dev.invoices.store.InvoiceTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which stream records are announced, and as what. Only invoice items count: idempotency records, counter items
 * and the schedule's checkpoint share the table and its stream, and are never announced. A change that moved no
 * version forward is no change. Of the two items a regeneration writes in one transaction, the replacement's
 * insert is the event; the original's link to it ({@code replaced_by_invoice_id} on an invoice that was already
 * void) announces nothing more.
 *
 * <table>
 *   <caption>What is announced</caption>
 *   <tr><th>record</th><th>event</th></tr>
 *   <tr><td>insert with {@code regenerated_from_invoice_id}</td><td>{@link DetailType#REGENERATED}</td></tr>
 *   <tr><td>any other insert (import, seeding)</td><td>{@link DetailType#CREATED}</td></tr>
 *   <tr><td>modify, status not {@code VOID} before and {@code VOID} after</td><td>{@link DetailType#VOIDED}</td></tr>
 *   <tr><td>modify of a draft that stays a draft, amounts changed</td><td>{@link DetailType#REFRESHED}</td></tr>
 *   <tr><td>anything else: removals, rewrites at the same version, the original of a regeneration</td>
 *       <td>none</td></tr>
 * </table>
 */
public final class Announcements {
    private static final String INVOICE_KEY_PREFIX = InvoiceTable.invoicePk("");

    private Announcements() {
    }

    /**
     * The event a record announces, if any.
     *
     * @throws RuntimeException when an invoice's image cannot be read as an invoice (the record is then a failure
     *                          of the batch, retried and finally sent to the on-failure destination)
     */
    public static Optional<InvoiceEvent> of(StreamRecord record) {
        if (!record.partitionKey().startsWith(INVOICE_KEY_PREFIX) || record.newImage().isEmpty()
                || !isInvoice(record.newImage().get())) {
            return Optional.empty();
        }
        Invoice after = InvoiceItemMapper.fromItem(record.newImage().get());
        Optional<Map<String, AttributeValue>> oldImage = record.oldImage().filter(Announcements::isInvoice);
        if (oldImage.isEmpty()) {
            DetailType type = after.regeneratedFromInvoiceId() != null ? DetailType.REGENERATED : DetailType.CREATED;
            return Optional.of(new InvoiceEvent(type, after, Optional.empty(), record.sequenceNumber()));
        }
        Invoice before = InvoiceItemMapper.fromItem(oldImage.get());
        if (after.version() <= before.version()) {
            return Optional.empty();
        }
        Optional<InvoiceEvent.Previous> previous = Optional.of(new InvoiceEvent.Previous(before.status(),
                before.version()));
        if (before.status() != InvoiceStatus.VOID && after.status() == InvoiceStatus.VOID) {
            return Optional.of(new InvoiceEvent(DetailType.VOIDED, after, previous, record.sequenceNumber()));
        }
        if (before.status() == InvoiceStatus.DRAFT && after.status() == InvoiceStatus.DRAFT
                && !sameAmounts(before, after)) {
            return Optional.of(new InvoiceEvent(DetailType.REFRESHED, after, previous, record.sequenceNumber()));
        }
        return Optional.empty();
    }

    private static boolean isInvoice(Map<String, AttributeValue> image) {
        AttributeValue entity = image.get(InvoiceTable.ENTITY);
        return entity != null && InvoiceTable.ENTITY_INVOICE.equals(entity.s());
    }

    private static boolean sameAmounts(Invoice a, Invoice b) {
        return a.subtotal().compareTo(b.subtotal()) == 0 && a.tax().compareTo(b.tax()) == 0
                && a.total().compareTo(b.total()) == 0 && Objects.equals(a.subLineItems(), b.subLineItems())
                && Objects.equals(a.invoiceAdjustments(), b.invoiceAdjustments());
    }
}
