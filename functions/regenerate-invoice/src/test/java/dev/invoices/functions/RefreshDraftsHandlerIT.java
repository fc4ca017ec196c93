package dev.invoices.functions;

import dev.invoices.config.Dependencies;
import dev.invoices.events.MalformedEventException;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceCalculator;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.refresh.DraftRefresher;
import dev.invoices.refresh.DraftStore;
import dev.invoices.store.InvoiceStore;
import dev.invoices.store.InvoiceTable;
import dev.invoices.testing.ApiEvents;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.LocalDynamoDb;
import dev.invoices.testing.TestContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration test of the draft refresh function through its entry point, with the schedule's event
 * ({@code events/scheduled-refresh-drafts.json}). The refresh itself is tested in depth by {@code DraftRefresherIT}.
 */
class RefreshDraftsHandlerIT {
    private static final Instant NOW = Instant.parse("2025-07-01T10:00:00Z");
    private static final Instant PERIOD = Instant.parse("2025-05-01T00:00:00Z");

    // JUnit makes an instance of the class for each test, so each test has a table of its own
    private final Dependencies dependencies = LocalDynamoDb.dependencies(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final InvoiceStore store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());

    @Test
    void theScheduledEvent_refreshesStaleDrafts_andLeavesEverythingElse() {
        // given: a stale draft, a fresh draft and a stale finalized invoice
        Invoice fresh = InvoiceFixtures.simple("inv_sched_fresh", "cust-sched", InvoiceStatus.DRAFT, PERIOD);
        Invoice stale = stale(InvoiceFixtures.simple("inv_sched_stale", "cust-sched", InvoiceStatus.DRAFT, PERIOD));
        Invoice finalized = stale(InvoiceFixtures.simple("inv_sched_final", "cust-sched", InvoiceStatus.FINALIZED, PERIOD));
        seed(List.of(fresh, stale, finalized));
        TestContext context = new TestContext();

        // when: events/scheduled-refresh-drafts.json, as the schedule rule sends it
        ApiEvents.load("scheduled-refresh-drafts.json").deliver(new RefreshDraftsHandler(dependencies), context);

        // then
        assertEquals(stale.withAmountsOf(InvoiceCalculator.recompute(stale), NOW), store.get(stale.id()).orElseThrow());
        assertEquals(fresh, store.get(fresh.id()).orElseThrow());
        assertEquals(finalized, store.get(finalized.id()).orElseThrow());
        Map<String, Object> line = context.logObjects("schedule").getFirst();
        assertEquals(List.of("completed", BigDecimal.ONE, BigDecimal.ONE),
                List.of(line.get("outcome"), line.get("changed"), line.get("unchanged")), line.toString());
        List<Map<String, Object>> audits = context.logObjects("audit");
        assertEquals(1, audits.size(), context.logLines().toString());
        assertEquals(List.of("schedule", "recompute", stale.id(),
                        Map.of("status", "DRAFT", "version", BigDecimal.valueOf(stale.version())),
                        Map.of("status", "DRAFT", "version", BigDecimal.valueOf(stale.version() + 1))),
                List.of(audits.getFirst().get("actor"), audits.getFirst().get("action"),
                        audits.getFirst().get("invoice_id"), audits.getFirst().get("before"),
                        audits.getFirst().get("after")));
        assertEquals(BigDecimal.ONE, context.metricObjects().getFirst().get("DraftsRefreshed"));
    }

    @Test
    void aRunThatRunsOutOfTime_savesACheckpoint_andTheNextRunFinishesThePassAndDeletesIt() {
        // given: stale drafts, and a first run with time for two steps only (the refresh checks before each)
        List<Invoice> drafts = seed(staleDrafts(16, "inv_ckpt_", "cust-ckpt"));
        AtomicInteger checks = new AtomicInteger();
        int plenty = 300_000;
        int tooLittle = (int) DraftRefresher.SAFETY_MARGIN.toMillis() - 1;
        TestContext shortOfTime = TestContext.withRemainingTime(
                () -> checks.incrementAndGet() <= 2 ? plenty : tooLittle);

        // when
        ApiEvents.load("scheduled-refresh-drafts.json").deliver(new RefreshDraftsHandler(dependencies), shortOfTime);

        // then: the pass stopped part-way and said where
        assertFalse(checkpoint().isEmpty(), "a checkpoint is saved");

        // when: the next hour's run, with time enough
        ApiEvents.load("scheduled-refresh-drafts.json").deliver(new RefreshDraftsHandler(dependencies),
                new TestContext());

        // then: every draft is fresh, and the finished pass removed its checkpoint
        for (Invoice draft : drafts) {
            assertEquals(draft.withAmountsOf(InvoiceCalculator.recompute(draft), NOW),
                    store.get(draft.id()).orElseThrow());
        }
        assertEquals(Map.of(), checkpoint(), "the checkpoint is gone");
    }

    @Test
    void aShardRule_sInput_refreshesThatShardOnly_andLogsTheShard() {
        // given: stale drafts in every shard
        List<Invoice> drafts = seed(staleDrafts(40, "inv_shard_", "cust-shard"));
        TestContext context = new TestContext();

        // when: events/scheduled-refresh-drafts-shard.json, the constant input of the shard 3 rule
        ApiEvents.load("scheduled-refresh-drafts-shard.json").deliver(new RefreshDraftsHandler(dependencies), context);

        // then: shard 3's drafts are fresh, every other draft as it was
        for (Invoice draft : drafts) {
            boolean inShard = InvoiceTable.draftShard(draft.id()).equals(InvoiceTable.draftShardName(3));
            assertEquals(inShard ? draft.withAmountsOf(InvoiceCalculator.recompute(draft), NOW) : draft,
                    store.get(draft.id()).orElseThrow(), draft.id());
        }
        Map<String, Object> line = context.logObjects("schedule").getFirst();
        assertEquals(List.of("completed", BigDecimal.valueOf(3)), List.of(line.get("outcome"), line.get("shard")));
        assertTrue(drafts.stream().anyMatch(d -> InvoiceTable.draftShard(d.id()).equals(InvoiceTable.draftShardName(3))),
                "the test's drafts reach shard 3");
    }

    @Test
    void aShardOutsideTheIndex_orAnInputOfAnotherShape_failsTheInvocationAndChangesNothing() {
        Invoice stale = stale(InvoiceFixtures.simple("inv_bad_shard", "cust-shard", InvoiceStatus.DRAFT, PERIOD));
        seed(List.of(stale));

        for (String input : List.of("{\"shard\": 8}", "{\"shard\": -1}", "{\"shard\": 1.5}", "{\"shard\": \"3\"}",
                "{\"shard\": 3, \"more\": true}", "{}")) {
            MalformedEventException refused = assertThrows(MalformedEventException.class,
                    () -> new RefreshDraftsHandler(dependencies).handleRequest(new ByteArrayInputStream(
                            input.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), new TestContext()),
                    input);
            assertTrue(refused.getMessage().contains("shard"), refused.getMessage());
        }
        assertEquals(stale, store.get(stale.id()).orElseThrow());
    }

    @Test
    void aCommandEvent_isNotThisFunctions_itFailsTheInvocationAndChangesNothing() {
        // given
        Invoice stale = stale(InvoiceFixtures.simple("inv_cmd_stale", "cust-cmd", InvoiceStatus.DRAFT, PERIOD));
        seed(List.of(stale));

        // when / then
        assertThrows(MalformedEventException.class, () -> ApiEvents.load("eventbridge-regenerate-invoice.json")
                .detail("id", stale.id()).deliver(new RefreshDraftsHandler(dependencies), new TestContext()));
        assertEquals(stale, store.get(stale.id()).orElseThrow());
    }

    private List<Invoice> seed(List<Invoice> invoices) {
        invoices.forEach(invoice -> assertTrue(store.create(invoice)));
        return invoices;
    }

    /** Drafts of the customer whose stored amounts are stale, with ids {@code idPrefix + 0…count - 1}. */
    private static List<Invoice> staleDrafts(int count, String idPrefix, String customerId) {
        return IntStream.range(0, count)
                .mapToObj(i -> stale(InvoiceFixtures.simple(idPrefix + i, customerId, InvoiceStatus.DRAFT, PERIOD)))
                .toList();
    }

    private Map<String, AttributeValue> checkpoint() {
        return dependencies.dynamoDb().getItem(get -> get.tableName(dependencies.config().tableName())
                .key(DraftStore.checkpointKey()).consistentRead(true)).item();
    }

    private static Invoice stale(Invoice invoice) {
        return invoice.withAmounts(invoice.subLineItems(), invoice.invoiceAdjustments(), invoice.subtotal(),
                invoice.tax(), invoice.total().add(new BigDecimal("1.00")));
    }
}
