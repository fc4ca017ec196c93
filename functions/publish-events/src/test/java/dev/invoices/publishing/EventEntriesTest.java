package dev.invoices.publishing;

import dev.invoices.json.InvoiceJson;
import dev.invoices.json.Json;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.model.SubLineItem;
import dev.invoices.testing.InvoiceFixtures;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of an event as a PutEvents entry: its fields, its detail, and an invoice too large to embed. */
class EventEntriesTest {
    private static final Instant LATER = Instant.parse("2025-06-02T10:00:00Z");
    private final EventEntries entries = new EventEntries("invoices", "InvoiceEventsBus");

    @Test
    void anEntry_carriesSourceDetailTypeTheChangesTime_andTheCanonicalInvoice() {
        // given
        Invoice before = InvoiceFixtures.simple("inv_f", "cus_a", InvoiceStatus.FINALIZED,
                Instant.parse("2025-01-01T00:00:00Z"));
        Invoice voided = before.voided(LATER, "duplicate");
        InvoiceEvent event = new InvoiceEvent(DetailType.VOIDED, voided,
                Optional.of(new InvoiceEvent.Previous(before.status(), before.version())), "42");

        // when
        EventPublisher.Pending pending = entries.pending(event);
        PutEventsRequestEntry entry = pending.entry();

        // then
        assertEquals("invoices", entry.source());
        assertEquals("Invoice Voided", entry.detailType());
        assertEquals("InvoiceEventsBus", entry.eventBusName());
        assertEquals(LATER, entry.time());
        assertFalse(pending.invoiceTooLarge());
        assertEquals("{\"event_id\":\"" + voided.id() + ":" + voided.version() + "\",\"invoice_id\":\"" + voided.id()
                        + "\",\"customer_id\":\"" + voided.customerId() + "\",\"version\":" + voided.version()
                        + ",\"previous\":{\"status\":\"" + before.status() + "\",\"version\":" + before.version()
                        + "},\"invoice\":" + InvoiceJson.toJson(voided) + "}",
                entry.detail());
    }

    @Test
    void anInvoiceTooLargeForEventBridge_isAnnouncedByIdAndVersion_withTheFlag() {
        // given an invoice of some 6,000 sub line items, well over 256 KB as JSON
        Invoice simple = InvoiceFixtures.simple("inv_big", "cus_a", InvoiceStatus.DRAFT, Instant.parse("2025-01-01T00:00:00Z"));
        List<SubLineItem> items = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            items.add(simple.subLineItems().getFirst());
        }
        Invoice big = simple.withAmounts(items, List.of(), simple.subtotal(), simple.tax(), simple.total());
        assertTrue(InvoiceJson.toJson(big).length() > EventEntries.MAX_ENTRY_BYTES);

        // when
        EventPublisher.Pending pending = entries.pending(new InvoiceEvent(DetailType.CREATED, big, Optional.empty(), "1"));

        // then
        assertTrue(pending.invoiceTooLarge());
        assertTrue(EventEntries.size(pending.entry()) <= EventEntries.MAX_ENTRY_BYTES);
        assertEquals(Map.of("event_id", "inv_big:1", "invoice_id", "inv_big", "customer_id", "cus_a",
                "version", java.math.BigDecimal.ONE, "invoice_too_large", true), Json.readObject(pending.entry().detail()));
    }
}
