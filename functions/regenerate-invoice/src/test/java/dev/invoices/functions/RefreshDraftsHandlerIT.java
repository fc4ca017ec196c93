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

    @Test
    void theScheduledEvent_refreshesStaleDrafts_andLeavesEverythingElse() {
        // given: in a table of its own, a stale draft, a fresh draft and a stale finalized invoice
        Dependencies own = LocalDynamoDb.dependencies(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
        InvoiceStore ownStore = new InvoiceStore(own.dynamoDb(), own.config().tableName());
        Invoice fresh = InvoiceFixtures.simple("inv_sched_fresh", "cust-sched", InvoiceStatus.DRAFT, PERIOD);
        Invoice stale = stale(InvoiceFixtures.simple("inv_sched_stale", "cust-sched", InvoiceStatus.DRAFT, PERIOD));
        Invoice finalized = stale(InvoiceFixtures.simple("inv_sched_final", "cust-sched", InvoiceStatus.FINALIZED, PERIOD));
        List.of(fresh, stale, finalized).forEach(invoice -> assertTrue(ownStore.create(invoice)));
        TestContext context = new TestContext();

        // when: events/scheduled-refresh-drafts.json, as the schedule rule sends it
        ApiEvents.load("scheduled-refresh-drafts.json").deliver(new RefreshDraftsHandler(own), context);

        // then
        assertEquals(stale.withAmountsOf(InvoiceCalculator.recompute(stale), NOW), ownStore.get(stale.id()).orElseThrow());
        assertEquals(fresh, ownStore.get(fresh.id()).orElseThrow());
        assertEquals(finalized, ownStore.get(finalized.id()).orElseThrow());
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
        Dependencies own = LocalDynamoDb.dependencies(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
        InvoiceStore ownStore = new InvoiceStore(own.dynamoDb(), own.config().tableName());
        List<Invoice> drafts = IntStream.range(0, 16)
                .mapToObj(i -> stale(InvoiceFixtures.simple("inv_ckpt_" + i, "cust-ckpt", InvoiceStatus.DRAFT,
                        PERIOD)))
                .toList();
        drafts.forEach(invoice -> assertTrue(ownStore.create(invoice)));
        AtomicInteger checks = new AtomicInteger();
        int plenty = 300_000;
        int tooLittle = (int) DraftRefresher.SAFETY_MARGIN.toMillis() - 1;
        TestContext shortOfTime = TestContext.withRemainingTime(
                () -> checks.incrementAndGet() <= 2 ? plenty : tooLittle);

        // when
        ApiEvents.load("scheduled-refresh-drafts.json").deliver(new RefreshDraftsHandler(own), shortOfTime);

        // then: the pass stopped part-way and said where
        assertFalse(checkpoint(own).isEmpty(), "a checkpoint is saved");

        // when: the next hour's run, with time enough
        ApiEvents.load("scheduled-refresh-drafts.json").deliver(new RefreshDraftsHandler(own), new TestContext());

        // then: every draft is fresh, and the finished pass removed its checkpoint
        for (Invoice draft : drafts) {
            assertEquals(draft.withAmountsOf(InvoiceCalculator.recompute(draft), NOW),
                    ownStore.get(draft.id()).orElseThrow());
        }
        assertEquals(Map.of(), checkpoint(own), "the checkpoint is gone");
    }

    @Test
    void aShardRule_sInput_refreshesThatShardOnly_andLogsTheShard() {
        // given: stale drafts in every shard
        Dependencies own = LocalDynamoDb.dependencies(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
        InvoiceStore ownStore = new InvoiceStore(own.dynamoDb(), own.config().tableName());
        List<Invoice> drafts = IntStream.range(0, 40)
                .mapToObj(i -> stale(InvoiceFixtures.simple("inv_shard_" + i, "cust-shard", InvoiceStatus.DRAFT,
                        PERIOD)))
                .toList();
        drafts.forEach(invoice -> assertTrue(ownStore.create(invoice)));
        TestContext context = new TestContext();

        // when: events/scheduled-refresh-drafts-shard.json, the constant input of the shard 3 rule
        ApiEvents.load("scheduled-refresh-drafts-shard.json").deliver(new RefreshDraftsHandler(own), context);

        // then: shard 3's drafts are fresh, every other draft as it was
        for (Invoice draft : drafts) {
            boolean inShard = InvoiceTable.draftShard(draft.id()).equals(InvoiceTable.draftShardName(3));
            assertEquals(inShard ? draft.withAmountsOf(InvoiceCalculator.recompute(draft), NOW) : draft,
                    ownStore.get(draft.id()).orElseThrow(), draft.id());
        }
        Map<String, Object> line = context.logObjects("schedule").getFirst();
        assertEquals(List.of("completed", BigDecimal.valueOf(3)), List.of(line.get("outcome"), line.get("shard")));
        assertTrue(drafts.stream().anyMatch(d -> InvoiceTable.draftShard(d.id()).equals(InvoiceTable.draftShardName(3))),
                "the test's drafts reach shard 3");
    }

    @Test
    void aShardOutsideTheIndex_orAnInputOfAnotherShape_failsTheInvocationAndChangesNothing() {
        Dependencies own = LocalDynamoDb.dependencies(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
        InvoiceStore ownStore = new InvoiceStore(own.dynamoDb(), own.config().tableName());
        Invoice stale = stale(InvoiceFixtures.simple("inv_bad_shard", "cust-shard", InvoiceStatus.DRAFT, PERIOD));
        assertTrue(ownStore.create(stale));

        for (String input : List.of("{\"shard\": 8}", "{\"shard\": -1}", "{\"shard\": 1.5}", "{\"shard\": \"3\"}",
                "{\"shard\": 3, \"more\": true}", "{}")) {
            MalformedEventException refused = assertThrows(MalformedEventException.class,
                    () -> new RefreshDraftsHandler(own).handleRequest(new ByteArrayInputStream(
                            input.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), new TestContext()),
                    input);
            assertTrue(refused.getMessage().contains("shard"), refused.getMessage());
        }
        assertEquals(stale, ownStore.get(stale.id()).orElseThrow());
    }

    @Test
    void aCommandEvent_isNotThisFunctions_itFailsTheInvocationAndChangesNothing() {
        // given
        Dependencies own = LocalDynamoDb.dependencies(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
        InvoiceStore ownStore = new InvoiceStore(own.dynamoDb(), own.config().tableName());
        Invoice stale = stale(InvoiceFixtures.simple("inv_cmd_stale", "cust-cmd", InvoiceStatus.DRAFT, PERIOD));
        assertTrue(ownStore.create(stale));

        // when / then
        assertThrows(MalformedEventException.class, () -> ApiEvents.load("eventbridge-regenerate-invoice.json")
                .detail("id", stale.id()).deliver(new RefreshDraftsHandler(own), new TestContext()));
        assertEquals(stale, ownStore.get(stale.id()).orElseThrow());
    }

    private static Map<String, AttributeValue> checkpoint(Dependencies own) {
        return own.dynamoDb().getItem(get -> get.tableName(own.config().tableName())
                .key(DraftStore.checkpointKey()).consistentRead(true)).item();
    }

    private static Invoice stale(Invoice invoice) {
        return invoice.withAmounts(invoice.subLineItems(), invoice.invoiceAdjustments(), invoice.subtotal(),
                invoice.tax(), invoice.total().add(new BigDecimal("1.00")));
    }
}
