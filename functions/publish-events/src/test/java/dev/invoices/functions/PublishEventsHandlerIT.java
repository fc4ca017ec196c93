package dev.invoices.functions;

import dev.invoices.devtools.LocalEventBus.Fault;
import dev.invoices.devtools.StreamPump;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceTable;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.LocalDynamoDb;
import dev.invoices.testing.TestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration tests of the publisher through its entry point, on the local engine's stream of a table made from
 * template.yaml, sending with the real SDK client to a loopback EventBridge that injects faults at PutEvents: a call
 * that fails, one entry that fails, a call that times out, an entry that keeps failing, a record that cannot be
 * read. Every test checks what EventBridge received, event by event, and what the batch reported.
 */
class PublishEventsHandlerIT {
    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2025-06-02T10:00:00Z");

    private final PublisherPipeline pipeline = new PublisherPipeline();

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void aCallThatFailsThroughTheSdksRetries_isSentAgain_andEachEventArrivesOnce() {
        // given three invoices announced, then voided
        List<Invoice> voided = seedAndVoid("inv_a", "inv_b", "inv_c");
        // (the SDK makes three attempts at a call: all three fail, then the publisher sends again)
        pipeline.bus.inject(Fault.failCall(), Fault.failCall(), Fault.failCall());

        // when
        List<StreamPump.Pass> passes = pipeline.drain(5);

        // then
        assertEquals(List.of(new StreamPump.Pass(3, Optional.empty(), Optional.empty())), passes);
        assertEquals(voidedEvents(voided), summaries(eventsAfterSeeding(3)));
        Map<String, Object> metrics = lastInvocation().metricObjects().getFirst();
        assertEquals(BigDecimal.valueOf(3), metrics.get("EventsPublished"));
        assertEquals(BigDecimal.ONE, metrics.get("EventCallsFailed"));
    }

    @Test
    void oneFailedEntry_isSentAgainAlone_andEachEventArrivesOnce() {
        // given
        List<Invoice> voided = seedAndVoid("inv_a", "inv_b", "inv_c");
        int callsBefore = pipeline.bus.calls();
        pipeline.bus.inject(Fault.failEntry(1));

        // when
        List<StreamPump.Pass> passes = pipeline.drain(5);

        // then: two calls, the second with the failed entry only
        assertEquals(List.of(new StreamPump.Pass(3, Optional.empty(), Optional.empty())), passes);
        assertEquals(2, pipeline.bus.calls() - callsBefore);
        List<Map<String, Object>> events = eventsAfterSeeding(3);
        assertEquals(List.of("inv_a:2", "inv_c:2", "inv_b:2"), events.stream().map(e -> detail(e).get("event_id")).toList());
        Map<String, Object> metrics = lastInvocation().metricObjects().getFirst();
        assertEquals(BigDecimal.ONE, metrics.get("EventEntriesFailed"));
        assertEquals(BigDecimal.ONE, metrics.get("EventRetries"));
        assertEquals(List.of("Invoice Voided"), summaries(events).stream().map(e -> e.split(" ")[0] + " "
                + e.split(" ")[1]).distinct().toList());
        assertEquals(3, voided.size());
    }

    @Test
    void aCallThatTimesOut_isSentAgain_andEveryEventArrivesAtLeastOnce_inVersionOrderPerInvoice() {
        // given one invoice refreshed twice and another voided: four changes, three invoices
        seed("inv_a", InvoiceStatus.DRAFT);
        seed("inv_b", InvoiceStatus.FINALIZED);
        pipeline.drain(5);
        int seeded = pipeline.bus.delivered().size();
        Invoice a2 = refresh(pipeline.store.get("inv_a").orElseThrow(), "1.00");
        voidIt(pipeline.store.get("inv_b").orElseThrow());
        refresh(a2, "2.00");
        // (EventBridge takes the call, but answers after the client's 2 s attempt timeout)
        pipeline.bus.inject(Fault.delay(Duration.ofMillis(2_600)));

        // when
        List<StreamPump.Pass> passes = pipeline.drain(5);

        // then every change arrived, the first call's twice, and inv_a's versions in order
        assertEquals(List.of(new StreamPump.Pass(3, Optional.empty(), Optional.empty())), passes);
        List<Object> ids = pipeline.delivered().subList(seeded, pipeline.delivered().size()).stream()
                .map(e -> detail(e).get("event_id")).toList();
        assertEquals(List.of("inv_a:2", "inv_b:2", "inv_a:2", "inv_b:2", "inv_a:3"), ids);
    }

    @Test
    void anEntryThatKeepsFailing_stopsTheBatchAtItsRecord_andTheResentBatchDeliversTheRest_nothingBeforeItTwice() {
        // given inv_a refreshed, inv_b voided, inv_a refreshed again, inv_c voided
        seed("inv_a", InvoiceStatus.DRAFT);
        seed("inv_b", InvoiceStatus.FINALIZED);
        seed("inv_c", InvoiceStatus.FINALIZED);
        pipeline.drain(5);
        int seeded = pipeline.bus.delivered().size();
        Invoice a2 = refresh(pipeline.store.get("inv_a").orElseThrow(), "1.00");
        voidIt(pipeline.store.get("inv_b").orElseThrow());
        refresh(a2, "2.00");
        voidIt(pipeline.store.get("inv_c").orElseThrow());
        // inv_b's entry fails on every one of the publisher's attempts
        String b = "\"invoice_id\":\"inv_b\"";
        pipeline.bus.inject(Fault.failEntriesContaining(b), Fault.failEntriesContaining(b),
                Fault.failEntriesContaining(b), Fault.failEntriesContaining(b));

        // when Lambda delivers the batch, and then again from what the batch reported
        StreamPump.Pass first = pipeline.pumpOnce();
        List<Object> afterFirst = eventIdsSince(seeded);
        StreamPump.Pass second = pipeline.pumpOnce();

        // then the first batch reported exactly inv_b's record, after sending only what came before it
        assertEquals(new StreamPump.Pass(4, Optional.of(pipeline.sequenceNumberOf("inv_b", 2)), Optional.empty()),
                first);
        assertEquals(List.of("inv_a:2"), afterFirst);
        // and the second, from inv_b's record on, delivered the rest, in order per invoice
        assertEquals(new StreamPump.Pass(3, Optional.empty(), Optional.empty()), second);
        assertEquals(List.of("inv_a:2", "inv_b:2", "inv_a:3", "inv_c:2"), eventIdsSince(seeded));
    }

    @Test
    void aRecordThatIsNotAnInvoice_isTheBatchItemFailure_afterTheEventsBeforeItAreSent() {
        // given inv_a voided, then an invoice item that cannot be read, then inv_b voided
        seed("inv_a", InvoiceStatus.FINALIZED);
        seed("inv_b", InvoiceStatus.FINALIZED);
        pipeline.drain(5);
        int seeded = pipeline.bus.delivered().size();
        voidIt(pipeline.store.get("inv_a").orElseThrow());
        Map<String, AttributeValue> broken = new HashMap<>();
        broken.put(InvoiceTable.PK, AttributeValue.fromS(InvoiceTable.invoicePk("inv_x")));
        broken.put(InvoiceTable.ENTITY, AttributeValue.fromS(InvoiceTable.ENTITY_INVOICE));
        broken.put("version", AttributeValue.fromN("1"));
        LocalDynamoDb.client().putItem(r -> r.tableName(pipeline.table).item(broken));
        voidIt(pipeline.store.get("inv_b").orElseThrow());

        // when
        StreamPump.Pass pass = pipeline.pumpOnce();

        // then
        assertEquals(new StreamPump.Pass(3, Optional.of(pipeline.sequenceNumberOf("inv_x", 1)), Optional.empty()), pass);
        assertEquals(List.of("inv_a:2"), eventIdsSince(seeded));
        assertEquals("unreadable_record", lastInvocation().logObjects("stream").getFirst().get("outcome"));
    }

    @Test
    void idempotencyRecordsAndCounters_announceNothing() {
        // given
        LocalDynamoDb.client().putItem(r -> r.tableName(pipeline.table).item(Map.of(
                InvoiceTable.PK, AttributeValue.fromS("IDEMPOTENCY#void#k1"),
                InvoiceTable.ENTITY, AttributeValue.fromS("IDEMPOTENCY"))));
        LocalDynamoDb.client().putItem(r -> r.tableName(pipeline.table).item(Map.of(
                InvoiceTable.PK, AttributeValue.fromS(InvoiceTable.customerPk("cus_a")),
                InvoiceTable.INVOICE_COUNT, AttributeValue.fromN("3"))));

        // when
        List<StreamPump.Pass> passes = pipeline.drain(5);

        // then
        assertEquals(List.of(new StreamPump.Pass(2, Optional.empty(), Optional.empty())), passes);
        assertEquals(List.of(), pipeline.delivered());
        assertEquals(0, pipeline.bus.calls());
    }

    private List<Invoice> seedAndVoid(String... ids) {
        for (String id : ids) {
            seed(id, InvoiceStatus.FINALIZED);
        }
        pipeline.drain(5);
        List<Invoice> voided = new ArrayList<>();
        for (String id : ids) {
            voided.add(voidIt(pipeline.store.get(id).orElseThrow()));
        }
        return voided;
    }

    private void seed(String id, InvoiceStatus status) {
        assertTrue(pipeline.store.create(InvoiceFixtures.simple(id, "cus_a", status, START)));
    }

    private Invoice voidIt(Invoice invoice) {
        Invoice voided = invoice.voided(LATER, "duplicate");
        assertTrue(pipeline.store.replace(voided, invoice.version()));
        return voided;
    }

    private Invoice refresh(Invoice draft, String tax) {
        Invoice refreshed = draft.withAmountsOf(draft.withAmounts(draft.subLineItems(), draft.invoiceAdjustments(),
                draft.subtotal(), new BigDecimal(tax), draft.subtotal().add(new BigDecimal(tax))), LATER);
        assertTrue(pipeline.store.replace(refreshed, draft.version()));
        return refreshed;
    }

    /** What EventBridge delivered after the seeded invoices' {@code Invoice Created} events. */
    private List<Map<String, Object>> eventsAfterSeeding(int seeded) {
        List<Map<String, Object>> all = pipeline.delivered();
        assertEquals(List.of("Invoice Created"), all.subList(0, seeded).stream().map(e -> e.get("detail-type")).distinct().toList());
        return all.subList(seeded, all.size());
    }

    private List<Object> eventIdsSince(int seeded) {
        List<Map<String, Object>> all = pipeline.delivered();
        return all.subList(seeded, all.size()).stream().map(e -> detail(e).get("event_id")).toList();
    }

    /** "detail-type event_id" of the events EventBridge delivers for these voided invoices. */
    private static List<String> voidedEvents(List<Invoice> voided) {
        return voided.stream().map(invoice -> "Invoice Voided " + invoice.id() + ":" + invoice.version()).toList();
    }

    private static List<String> summaries(List<Map<String, Object>> events) {
        return events.stream().map(e -> e.get("detail-type") + " " + detail(e).get("event_id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Map<String, Object> event) {
        return (Map<String, Object>) event.get("detail");
    }

    private TestContext lastInvocation() {
        return pipeline.invocations.getLast();
    }
}
