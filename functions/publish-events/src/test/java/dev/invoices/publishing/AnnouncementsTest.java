package dev.invoices.publishing;

import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceItemMapper;
import dev.invoices.store.InvoiceTable;
import dev.invoices.testing.InvoiceFixtures;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Unit tests of which stream records are announced, and as what, on images the table's own mapper writes. */
class AnnouncementsTest {
    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2025-06-02T10:00:00Z");

    private final Invoice draft = InvoiceFixtures.simple("inv_a", "cus_a", InvoiceStatus.DRAFT, START);
    private final Invoice finalized = InvoiceFixtures.simple("inv_f", "cus_a", InvoiceStatus.FINALIZED, START);

    @Test
    void voidingAFinalizedInvoice_isInvoiceVoided_withItsPreviousStatusAndVersion() {
        // given
        Invoice voided = finalized.voided(LATER, "duplicate");

        // when
        Optional<InvoiceEvent> event = Announcements.of(modify("7", finalized, voided));

        // then
        assertEquals(Optional.of(new InvoiceEvent(DetailType.VOIDED, voided,
                Optional.of(new InvoiceEvent.Previous(InvoiceStatus.FINALIZED, 1)), "7")), event);
        assertEquals("inv_f:2", event.get().eventId());
    }

    @Test
    void aRegeneration_isOneEvent_theReplacementsInsert_andTheOriginalsLinkAnnouncesNothing() {
        // given the two items a regeneration writes in one transaction
        Invoice voided = finalized.voided(LATER, null);
        Invoice original = voided.replacedBy("inv_r", LATER);
        Invoice replacement = voided.replacement("inv_r", "ST2", LATER);

        // when / then
        assertEquals(Optional.empty(), Announcements.of(modify("8", voided, original)));
        assertEquals(Optional.of(new InvoiceEvent(DetailType.REGENERATED, replacement, Optional.empty(), "9")),
                Announcements.of(insert("9", replacement)));
    }

    @Test
    void aDraftWhoseAmountsChanged_isInvoiceRefreshed() {
        // given
        Invoice refreshed = draft.withAmountsOf(draft.withAmounts(draft.subLineItems(), draft.invoiceAdjustments(),
                draft.subtotal(), new BigDecimal("1.00"), draft.total().add(BigDecimal.ONE)), LATER);

        // then
        assertEquals(Optional.of(new InvoiceEvent(DetailType.REFRESHED, refreshed,
                        Optional.of(new InvoiceEvent.Previous(InvoiceStatus.DRAFT, 1)), "3")),
                Announcements.of(modify("3", draft, refreshed)));
    }

    @Test
    void aNewInvoiceFromOutsideTheApi_isInvoiceCreated() {
        assertEquals(Optional.of(new InvoiceEvent(DetailType.CREATED, draft, Optional.empty(), "1")),
                Announcements.of(insert("1", draft)));
    }

    @Test
    void aRewriteThatMovesNoVersionForward_aDraftWithTheSameAmounts_andARemoval_announceNothing() {
        Invoice sameAmountsNextVersion = draft.withAmountsOf(draft, LATER);
        assertEquals(Optional.empty(), Announcements.of(modify("2", draft, draft)));
        assertEquals(Optional.empty(), Announcements.of(modify("3", draft, sameAmountsNextVersion)));
        assertEquals(Optional.empty(), Announcements.of(new StreamRecord("4", StreamRecord.REMOVE,
                InvoiceTable.invoicePk(draft.id()), Optional.of(InvoiceItemMapper.toItem(draft)), Optional.empty())));
    }

    @Test
    void idempotencyRecordsCountersAndTheCheckpoint_areNeverAnnounced() {
        for (String pk : new String[] {"IDEMPOTENCY#void#k1", InvoiceTable.customerPk("cus_a"), "SCHEDULE#draft-refresh"}) {
            Map<String, AttributeValue> item = Map.of(InvoiceTable.PK, AttributeValue.fromS(pk),
                    InvoiceTable.ENTITY, AttributeValue.fromS("OTHER"));
            assertEquals(Optional.empty(), Announcements.of(new StreamRecord("5", StreamRecord.INSERT, pk,
                    Optional.empty(), Optional.of(item))), pk);
        }
    }

    private static StreamRecord modify(String sequence, Invoice before, Invoice after) {
        return new StreamRecord(sequence, StreamRecord.MODIFY, InvoiceTable.invoicePk(after.id()),
                Optional.of(InvoiceItemMapper.toItem(before)), Optional.of(InvoiceItemMapper.toItem(after)));
    }

    private static StreamRecord insert(String sequence, Invoice invoice) {
        return new StreamRecord(sequence, StreamRecord.INSERT, InvoiceTable.invoicePk(invoice.id()),
                Optional.empty(), Optional.of(InvoiceItemMapper.toItem(invoice)));
    }
}
