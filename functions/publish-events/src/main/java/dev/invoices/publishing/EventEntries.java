package dev.invoices.publishing;

import dev.invoices.json.InvoiceJson;
import dev.invoices.json.Json;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.nio.charset.StandardCharsets;

/**
 * An {@link InvoiceEvent} as a {@code PutEvents} entry: {@code source} as configured, {@code detail-type}, the
 * time of the change ({@code updated_at}, so a redelivery carries the same time) and the detail:
 *
 * <pre>{@code
 * {"event_id": "<invoice id>:<version>", "invoice_id": …, "customer_id": …, "version": 4,
 *  "previous": {"status": "FINALIZED", "version": 3},   (absent for a created or regenerated invoice)
 *  "regenerated_from_invoice_id": …,                    (Invoice Regenerated only)
 *  "invoice": {…}}                                      (the canonical invoice, exactly as GET's data)
 * }</pre>
 *
 * <p>EventBridge refuses an entry over 256 KB. An invoice too large to embed is announced without
 * {@code invoice} and with {@code "invoice_too_large": true}: its id and version say what to {@code GET}.
 */
public final class EventEntries {
    /** EventBridge's limit on one entry, and on a whole {@code PutEvents} request. */
    public static final int MAX_ENTRY_BYTES = 256 * 1024;
    /** What EventBridge counts for an entry's {@code Time}. */
    private static final int TIME_BYTES = 14;

    private final String source;
    private final String busName;

    public EventEntries(String source, String busName) {
        this.source = source;
        this.busName = busName;
    }

    /** The event's entry, with the invoice embedded unless that would make it too large. */
    public EventPublisher.Pending pending(InvoiceEvent event) {
        String detail = detail(event, true);
        boolean tooLarge = size(event, detail) > MAX_ENTRY_BYTES;
        if (tooLarge) {
            detail = detail(event, false);
        }
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(source)
                .detailType(event.type().text())
                .time(event.invoice().updatedAt())
                .detail(detail)
                .build();
        return new EventPublisher.Pending(event, entry, tooLarge);
    }

    /** The entry's size as EventBridge computes it (source, detail-type, detail, time; no resources). */
    public static int size(PutEventsRequestEntry entry) {
        return utf8(entry.source()) + utf8(entry.detailType()) + utf8(entry.detail())
                + (entry.time() == null ? 0 : TIME_BYTES);
    }

    private int size(InvoiceEvent event, String detail) {
        return utf8(source) + utf8(event.type().text()) + utf8(detail) + TIME_BYTES;
    }

    static String detail(InvoiceEvent event, boolean embedInvoice) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("event_id", event.eventId());
            g.writeStringField("invoice_id", event.invoice().id());
            g.writeStringField("customer_id", event.invoice().customerId());
            g.writeNumberField("version", event.invoice().version());
            if (event.previous().isPresent()) {
                g.writeObjectFieldStart("previous");
                g.writeStringField("status", event.previous().get().status().name());
                g.writeNumberField("version", event.previous().get().version());
                g.writeEndObject();
            }
            if (event.type() == DetailType.REGENERATED) {
                g.writeStringField("regenerated_from_invoice_id", event.invoice().regeneratedFromInvoiceId());
            }
            if (embedInvoice) {
                g.writeFieldName("invoice");
                InvoiceJson.write(g, event.invoice());
            } else {
                g.writeBooleanField("invoice_too_large", true);
            }
            g.writeEndObject();
        });
    }

    private static int utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
