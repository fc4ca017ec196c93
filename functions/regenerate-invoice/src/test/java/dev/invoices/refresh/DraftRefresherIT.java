package dev.invoices.refresh;

import dev.invoices.error.StoreUnavailableException;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceCalculator;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.model.SubLineItem;
import dev.invoices.service.StateChange;
import dev.invoices.store.InvoiceItemMapper;
import dev.invoices.store.InvoiceStore;
import dev.invoices.store.InvoiceTable;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.LocalDynamoDb;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration tests of the scheduled draft refresh on the local DynamoDB engine, with the table made from template.yaml.
 * Every test checks the table afterwards item by item, not only the report.
 */
class DraftRefresherIT {
    private static final Instant NOW = Instant.parse("2025-07-01T08:00:00Z");
    private static final Instant CONCURRENT_WRITE_AT = Instant.parse("2025-07-01T07:59:59Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long PLENTY_OF_TIME = 900_000;
    private static final long TOO_LITTLE_TIME = DraftRefresher.SAFETY_MARGIN.toMillis() - 1;

    private static final int DRAFTS = 3_000;
    private static final int NON_DRAFTS = 300;
    private static final int CUSTOMERS = 7;

    private final DynamoDbClient dynamoDb = LocalDynamoDb.client();
    private final String table = LocalDynamoDb.createInvoicesTable();

    @Test
    void aFewThousandDrafts_withShortTime_stopEarly_andASecondRunFinishes_writingEachStaleDraftOnce() {
        // given 3,000 drafts of 7 customers, every 7th with stale amounts (three kinds), and stale finalized and
        // voided invoices that are not the refresh's business
        List<Invoice> stored = new ArrayList<>();
        Set<String> staleDraftIds = new HashSet<>();
        for (int i = 0; i < DRAFTS; i++) {
            Invoice fresh = invoice("inv_d_%05d".formatted(i), i, InvoiceStatus.DRAFT);
            boolean stale = i % 7 == 0;
            stored.add(stale ? stale(fresh, i / 7 % 3) : fresh);
            if (stale) {
                staleDraftIds.add(fresh.id());
            }
        }
        for (int i = 0; i < NON_DRAFTS; i++) {
            InvoiceStatus status = i % 2 == 0 ? InvoiceStatus.FINALIZED : InvoiceStatus.VOID;
            stored.add(stale(invoice("inv_n_%05d".formatted(i), i, status), i % 3));
        }
        batchWrite(stored);
        AtomicInteger calls = new AtomicInteger();
        // Enough time for 40 checks (a Query or a write each), i.e. two or three pages of 100 drafts with their
        // writes; then less than the margin.
        LongSupplier runsOutAfterAFewPages = () -> calls.incrementAndGet() <= 40 ? PLENTY_OF_TIME : TOO_LITTLE_TIME;
        DraftRefresher refresher = new DraftRefresher(dynamoDb, table, CLOCK);

        // when the first run has too little time
        RefreshReport first = refresher.refresh(runsOutAfterAFewPages);

        // then it stopped early, and the checkpoint is exactly where its writes end
        assertFalse(first.completed());
        Map<String, AttributeValue> checkpoint = item(DraftStore.checkpointKey());
        assertEquals(Set.of(InvoiceTable.PK, InvoiceTable.ENTITY, DraftStore.CHECKPOINT_SHARD,
                DraftStore.CHECKPOINT_AFTER_PK, "updated_at"), checkpoint.keySet());
        assertEquals(DraftStore.ENTITY_SCHEDULE, checkpoint.get(InvoiceTable.ENTITY).s());
        assertEquals(NOW.toString(), checkpoint.get("updated_at").s());
        int shard = Integer.parseInt(checkpoint.get(DraftStore.CHECKPOINT_SHARD).n());
        String afterPk = checkpoint.get(DraftStore.CHECKPOINT_AFTER_PK).s();
        List<Invoice> handledFirst = stored.stream()
                .filter(invoice -> invoice.status() == InvoiceStatus.DRAFT)
                .filter(invoice -> atOrBefore(invoice, shard, afterPk))
                .toList();
        Set<String> staleHandledFirst = handledFirst.stream().map(Invoice::id)
                .filter(staleDraftIds::contains).collect(Collectors.toSet());
        assertTrue(handledFirst.size() >= 100 && handledFirst.size() < DRAFTS, "a few pages: " + handledFirst.size());
        assertEquals(new RefreshReport(handledFirst.size(), staleHandledFirst.size(),
                        handledFirst.size() - staleHandledFirst.size(), 0, 0, List.of(), first.pages(),
                        staleHandledFirst.size() + 1, false, first.elapsedMillis()),
                first);
        Map<String, Invoice> afterFirst = invoicesByPk();
        for (Invoice invoice : stored) {
            Invoice expected = staleHandledFirst.contains(invoice.id()) ? refreshed(invoice) : invoice;
            assertEquals(expected, afterFirst.get(InvoiceTable.invoicePk(invoice.id())), invoice.id());
        }

        // when the second run has plenty of time
        RefreshReport second = refresher.refresh(() -> PLENTY_OF_TIME);

        // then it finished the pass from the checkpoint: together the runs handled every draft exactly once,
        // and the checkpoint is gone
        assertTrue(second.completed());
        assertEquals(DRAFTS, first.scanned() + second.scanned());
        assertEquals(new RefreshReport(DRAFTS - handledFirst.size(), staleDraftIds.size() - staleHandledFirst.size(),
                        DRAFTS - handledFirst.size() - (staleDraftIds.size() - staleHandledFirst.size()), 0, 0,
                        List.of(), second.pages(), staleDraftIds.size() - staleHandledFirst.size() + 1, true,
                        second.elapsedMillis()),
                second);
        assertTrue(item(DraftStore.checkpointKey()).isEmpty());

        // and every stale draft holds its recomputed amounts at version 2, every fresh draft and every other
        // invoice is exactly as it was, and nothing else is in the table
        Map<String, Invoice> afterSecond = invoicesByPk();
        assertEquals(DRAFTS + NON_DRAFTS, afterSecond.size());
        for (Invoice invoice : stored) {
            Invoice expected = staleDraftIds.contains(invoice.id()) ? refreshed(invoice) : invoice;
            assertEquals(expected, afterSecond.get(InvoiceTable.invoicePk(invoice.id())), invoice.id());
        }

        // when a third run has plenty of time
        RefreshReport third = refresher.refresh(() -> PLENTY_OF_TIME);

        // then it reads every draft, one page of 100 at a time per shard (DynamoDB reports a LastEvaluatedKey
        // on a full page, so each shard ends with one more, short or empty, page), and writes nothing
        Map<Integer, Long> draftsPerShard = stored.stream()
                .filter(invoice -> invoice.status() == InvoiceStatus.DRAFT)
                .collect(Collectors.groupingBy(DraftRefresherIT::shardOf, Collectors.counting()));
        int expectedPages = draftsPerShard.values().stream().mapToInt(n -> (int) (n / 100) + 1).sum();
        assertEquals(new RefreshReport(DRAFTS, 0, DRAFTS, 0, 0, List.of(), expectedPages, 0, true,
                third.elapsedMillis()), third);
        assertEquals(afterSecond, invoicesByPk());
    }

    // --- the schedule's fan-out: one run per shard

    /** 800 drafts, every 4th stale, over all eight shards. */
    private List<Invoice> draftsOverEveryShard(Set<String> staleIds) {
        List<Invoice> stored = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            Invoice fresh = invoice("inv_s_%05d".formatted(i), i, InvoiceStatus.DRAFT);
            boolean stale = i % 4 == 0;
            stored.add(stale ? stale(fresh, i % 3) : fresh);
            if (stale) {
                staleIds.add(fresh.id());
            }
        }
        batchWrite(stored);
        assertEquals(InvoiceTable.DRAFT_SHARDS, stored.stream().map(DraftRefresherIT::shardOf).distinct().count());
        return stored;
    }

    @Test
    void aShardRun_refreshesItsShardOnly_fromItsOwnCheckpoint_andGivesItsLeaseBack() {
        // given
        Set<String> staleIds = new HashSet<>();
        List<Invoice> stored = draftsOverEveryShard(staleIds);
        DraftRefresher refresher = new DraftRefresher(dynamoDb, table, CLOCK, DraftRefresher.SAFETY_MARGIN, 20);
        AtomicInteger calls = new AtomicInteger();

        // when: shard 3 runs out of time after a few pages, then finishes in a second run
        RefreshReport first = refresher.refreshShard(3, () -> calls.incrementAndGet() <= 8 ? PLENTY_OF_TIME
                : TOO_LITTLE_TIME, change -> { }).orElseThrow();
        Map<String, AttributeValue> checkpoint = item(DraftStore.checkpointKey(DraftStore.Scope.shard(3)));
        RefreshReport second = refresher.refreshShard(3, () -> PLENTY_OF_TIME, change -> { }).orElseThrow();

        // then: shard 3's checkpoint was its own (the whole pass's was never written), and together the two runs
        // refreshed exactly shard 3's stale drafts, each once, and gave the lease back
        assertFalse(first.completed());
        assertEquals("3", checkpoint.get(DraftStore.CHECKPOINT_SHARD).n());
        assertTrue(item(DraftStore.checkpointKey()).isEmpty());
        assertTrue(second.completed());
        assertTrue(item(DraftStore.checkpointKey(DraftStore.Scope.shard(3))).isEmpty());
        assertTrue(item(DraftStore.leaseKey(3)).isEmpty());
        long inShard = stored.stream().filter(invoice -> shardOf(invoice) == 3).count();
        assertEquals(inShard, first.scanned() + second.scanned());
        Map<String, Invoice> after = invoicesByPk();
        for (Invoice invoice : stored) {
            boolean refreshed = staleIds.contains(invoice.id()) && shardOf(invoice) == 3;
            assertEquals(refreshed ? refreshed(invoice) : invoice, after.get(InvoiceTable.invoicePk(invoice.id())),
                    invoice.id());
        }
    }

    @Test
    void aShardWhoseLeaseIsHeld_isLeftToItsHolder_untilTheLeaseExpires() {
        // given: another run holds shard 5 for another minute
        Set<String> staleIds = new HashSet<>();
        List<Invoice> stored = draftsOverEveryShard(staleIds);
        DraftStore store = new DraftStore(dynamoDb, table);
        assertTrue(store.lease(5, NOW.plusSeconds(60), NOW));

        // when / then: a run now finds it busy and touches nothing
        Map<String, Invoice> before = invoicesByPk();
        assertTrue(new DraftRefresher(dynamoDb, table, CLOCK).refreshShard(5, () -> PLENTY_OF_TIME, c -> { })
                .isEmpty());
        assertEquals(before, invoicesByPk());

        // and a run two minutes later (the holder died) takes the expired lease and refreshes the shard
        DraftRefresher later = new DraftRefresher(dynamoDb, table,
                Clock.fixed(NOW.plusSeconds(120), ZoneOffset.UTC));
        RefreshReport report = later.refreshShard(5, () -> PLENTY_OF_TIME, c -> { }).orElseThrow();
        assertEquals(stored.stream().filter(i -> shardOf(i) == 5 && staleIds.contains(i.id())).count(),
                report.changed());
    }

    @Test
    void sixteenShardRunsAtOnce_twoPerShard_refreshEveryStaleDraftExactlyOnce() throws Exception {
        // given
        Set<String> staleIds = new HashSet<>();
        List<Invoice> stored = draftsOverEveryShard(staleIds);
        DraftRefresher refresher = new DraftRefresher(dynamoDb, table, CLOCK, DraftRefresher.SAFETY_MARGIN, 25);
        List<StateChange> changes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);

        // when: two runs of every shard, all sixteen at once
        List<Future<Optional<RefreshReport>>> runs = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 16; i++) {
                int shard = i % InvoiceTable.DRAFT_SHARDS;
                runs.add(threads.submit(() -> {
                    start.await();
                    return refresher.refreshShard(shard, () -> PLENTY_OF_TIME, changes::add);
                }));
            }
            start.countDown();
            for (Future<Optional<RefreshReport>> run : runs) {
                run.get();
            }
        }

        // then: each stale draft was written once (a second run of a shard was either refused its lease or came
        // after the first and found nothing to change), and every lease was given back
        assertEquals(staleIds, changes.stream().map(StateChange::invoiceId).collect(Collectors.toSet()));
        assertEquals(staleIds.size(), changes.size());
        Map<String, Invoice> after = invoicesByPk();
        for (Invoice invoice : stored) {
            assertEquals(staleIds.contains(invoice.id()) ? refreshed(invoice) : invoice,
                    after.get(InvoiceTable.invoicePk(invoice.id())), invoice.id());
        }
        for (int shard = 0; shard < InvoiceTable.DRAFT_SHARDS; shard++) {
            assertTrue(item(DraftStore.leaseKey(shard)).isEmpty(), "shard " + shard);
        }
    }

    @Test
    void theCheckpoint_appearsInNoIndex() {
        // given a stopped run's checkpoint among drafts and other invoices
        List<Invoice> stored = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            stored.add(stale(invoice("inv_d_%05d".formatted(i), i, InvoiceStatus.DRAFT), 0));
        }
        stored.add(invoice("inv_f_00001", 1, InvoiceStatus.FINALIZED));
        batchWrite(stored);
        AtomicInteger calls = new AtomicInteger();
        new DraftRefresher(dynamoDb, table, CLOCK)
                .refresh(() -> calls.incrementAndGet() <= 3 ? PLENTY_OF_TIME : TOO_LITTLE_TIME);
        assertFalse(item(DraftStore.checkpointKey()).isEmpty());

        // when each index is read in full
        Map<String, List<String>> pksByIndex = new TreeMap<>();
        for (String index : List.of(InvoiceTable.BY_CUSTOMER_INDEX, InvoiceTable.BY_CUSTOMER_STATUS_INDEX,
                InvoiceTable.DRAFTS_INDEX)) {
            pksByIndex.put(index, scan(index).stream().map(item -> item.get(InvoiceTable.PK).s()).sorted().toList());
        }

        // then the indexes hold the invoices (the Drafts index only the drafts) and never the checkpoint
        List<String> all = stored.stream().map(invoice -> InvoiceTable.invoicePk(invoice.id())).sorted().toList();
        List<String> drafts = all.stream().filter(pk -> pk.startsWith("INVOICE#inv_d_")).toList();
        assertEquals(Map.of(InvoiceTable.BY_CUSTOMER_INDEX, all, InvoiceTable.BY_CUSTOMER_STATUS_INDEX, all,
                InvoiceTable.DRAFTS_INDEX, drafts), pksByIndex);
        assertEquals(all.size() + 1, scan(null).size());
    }

    @Test
    void aDraftChangedBetweenReadAndWrite_isACountedConflict_andTheOtherWritersItemStands() {
        // given 250 stale drafts; the first two of shard 0 (the first two a run reads) will change under the run
        List<Invoice> stored = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            stored.add(stale(invoice("inv_d_%05d".formatted(i), i, InvoiceStatus.DRAFT), 0));
        }
        batchWrite(stored);
        List<Invoice> shardZero = stored.stream().filter(invoice -> shardOf(invoice) == 0)
                .sorted(Comparator.comparing(invoice -> InvoiceTable.invoicePk(invoice.id()))).toList();
        Invoice regenerated = regeneratedWithTax(shardZero.get(0), "2.00");
        Invoice finalized = finalized(shardZero.get(1));
        InvoiceStore otherWriter = new InvoiceStore(dynamoDb, table);
        AtomicInteger calls = new AtomicInteger();
        // The run checks the time before its first Query and again before its first write: between the two,
        // another writer regenerates one draft and finalizes the next.
        LongSupplier otherWriterBetweenReadAndWrite = () -> {
            if (calls.incrementAndGet() == 2) {
                assertTrue(otherWriter.replace(regenerated, 1));
                assertTrue(otherWriter.replace(finalized, 1));
            }
            return PLENTY_OF_TIME;
        };

        // when
        RefreshReport report = new DraftRefresher(dynamoDb, table, CLOCK).refresh(otherWriterBetweenReadAndWrite);

        // then both lost races are counted, and the other writer's items are exactly as it wrote them
        assertEquals(new RefreshReport(250, 248, 0, 2, 0, List.of(), report.pages(), 250, true,
                report.elapsedMillis()), report);
        Map<String, Invoice> after = invoicesByPk();
        assertEquals(regenerated, after.get(InvoiceTable.invoicePk(regenerated.id())));
        assertEquals(finalized, after.get(InvoiceTable.invoicePk(finalized.id())));
        for (Invoice invoice : stored) {
            if (!invoice.id().equals(regenerated.id()) && !invoice.id().equals(finalized.id())) {
                assertEquals(refreshed(invoice), after.get(InvoiceTable.invoicePk(invoice.id())), invoice.id());
            }
        }

        // and the next pass finds the regenerated draft right and no longer sees the finalized invoice
        RefreshReport next = new DraftRefresher(dynamoDb, table, CLOCK).refresh(() -> PLENTY_OF_TIME);
        assertEquals(new RefreshReport(249, 0, 249, 0, 0, List.of(), next.pages(), 0, true, next.elapsedMillis()),
                next);
        assertEquals(after, invoicesByPk());
    }

    @Test
    void aRunWithNoTimeLeft_readsNothing_writesNothing_andLeavesNoCheckpoint() {
        // given
        List<Invoice> stored = List.of(stale(invoice("inv_d_00001", 1, InvoiceStatus.DRAFT), 0));
        batchWrite(stored);

        // when
        RefreshReport report = new DraftRefresher(dynamoDb, table, CLOCK).refresh(() -> TOO_LITTLE_TIME);

        // then
        assertEquals(new RefreshReport(0, 0, 0, 0, 0, List.of(), 0, 0, false, report.elapsedMillis()), report);
        assertTrue(item(DraftStore.checkpointKey()).isEmpty());
        assertEquals(Map.of(InvoiceTable.invoicePk("inv_d_00001"), stored.getFirst()), invoicesByPk());
    }

    @Test
    void indexItemsThatAreNotReadableDrafts_areSkippedAndNamed_andTheRestIsRefreshed() {
        // given a stale draft, an item in the Drafts index the mapper cannot read, and a finalized invoice that
        // still carries the index key (as a faulty partial update would leave it)
        Invoice draft = stale(invoice("inv_d_00001", 1, InvoiceStatus.DRAFT), 1);
        batchWrite(List.of(draft));
        Map<String, AttributeValue> unreadable = Map.of(
                InvoiceTable.PK, AttributeValue.fromS("INVOICE#inv_broken"),
                InvoiceTable.ENTITY, AttributeValue.fromS(InvoiceTable.ENTITY_INVOICE),
                InvoiceTable.DRAFT_SHARD, AttributeValue.fromS(InvoiceTable.draftShard("inv_broken")),
                "status", AttributeValue.fromS("DRAFT"));
        Map<String, AttributeValue> strayFinalized = new HashMap<>(InvoiceItemMapper.toItem(
                stale(invoice("inv_f_00001", 1, InvoiceStatus.FINALIZED), 0)));
        strayFinalized.put(InvoiceTable.DRAFT_SHARD, AttributeValue.fromS(InvoiceTable.draftShard("inv_f_00001")));
        dynamoDb.putItem(put -> put.tableName(table).item(unreadable));
        dynamoDb.putItem(put -> put.tableName(table).item(strayFinalized));
        Map<String, AttributeValue> strayAsStored = item(Map.of(InvoiceTable.PK, strayFinalized.get(InvoiceTable.PK)));

        // when
        RefreshReport report = new DraftRefresher(dynamoDb, table, CLOCK).refresh(() -> PLENTY_OF_TIME);

        // then
        assertEquals(Set.of("INVOICE#inv_broken", "INVOICE#inv_f_00001"), Set.copyOf(report.skippedPks()));
        assertEquals(new RefreshReport(3, 1, 0, 0, 2, report.skippedPks(), InvoiceTable.DRAFT_SHARDS, 1, true,
                report.elapsedMillis()), report);
        assertEquals(refreshed(draft), InvoiceItemMapper.fromItem(
                item(Map.of(InvoiceTable.PK, AttributeValue.fromS(InvoiceTable.invoicePk(draft.id()))))));
        assertEquals(unreadable, item(Map.of(InvoiceTable.PK, unreadable.get(InvoiceTable.PK))));
        assertEquals(strayAsStored, item(Map.of(InvoiceTable.PK, strayFinalized.get(InvoiceTable.PK))));
    }

    @Test
    void aRunCutShortByAnUnreachableDynamoDb_savesHowFarItGot_andTheNextRunCarriesOn() {
        // given 250 stale drafts, and a client on which every Query after the third fails as if DynamoDB were
        // unreachable (pages of 10, so the third page ends inside shard 0)
        List<Invoice> stored = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            stored.add(stale(invoice("inv_d_%05d".formatted(i), i, InvoiceStatus.DRAFT), 2));
        }
        batchWrite(stored);
        AtomicInteger queries = new AtomicInteger();
        ExecutionInterceptor unreachableAfterThreeQueries = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest && queries.incrementAndGet() > 3) {
                    throw SdkClientException.create("injected: DynamoDB unreachable");
                }
            }
        };
        List<Invoice> shardZero = stored.stream().filter(invoice -> shardOf(invoice) == 0)
                .sorted(Comparator.comparing(invoice -> InvoiceTable.invoicePk(invoice.id()))).toList();
        Set<String> firstThirty = shardZero.subList(0, 30).stream().map(Invoice::id).collect(Collectors.toSet());

        // when
        try (DynamoDbClient failing = clientWith(unreachableAfterThreeQueries)) {
            DraftRefresher refresher = new DraftRefresher(failing, table, CLOCK, DraftRefresher.SAFETY_MARGIN, 10);
            assertThrows(StoreUnavailableException.class, () -> refresher.refresh(() -> PLENTY_OF_TIME));
        }

        // then the checkpoint names the last draft of the third page, and exactly the drafts before it are
        // refreshed
        Map<String, AttributeValue> checkpoint = item(DraftStore.checkpointKey());
        assertEquals("0", checkpoint.get(DraftStore.CHECKPOINT_SHARD).n());
        assertEquals(InvoiceTable.invoicePk(shardZero.get(29).id()), checkpoint.get(DraftStore.CHECKPOINT_AFTER_PK).s());
        Map<String, Invoice> afterFailure = invoicesByPk();
        for (Invoice invoice : stored) {
            Invoice expected = firstThirty.contains(invoice.id()) ? refreshed(invoice) : invoice;
            assertEquals(expected, afterFailure.get(InvoiceTable.invoicePk(invoice.id())), invoice.id());
        }

        // and when DynamoDB is back, the next run handles the other 220 drafts and ends the pass
        RefreshReport next = new DraftRefresher(dynamoDb, table, CLOCK).refresh(() -> PLENTY_OF_TIME);
        assertEquals(new RefreshReport(220, 220, 0, 0, 0, List.of(), next.pages(), 221, true, next.elapsedMillis()),
                next);
        assertTrue(item(DraftStore.checkpointKey()).isEmpty());
        Map<String, Invoice> afterNext = invoicesByPk();
        for (Invoice invoice : stored) {
            assertEquals(refreshed(invoice), afterNext.get(InvoiceTable.invoicePk(invoice.id())), invoice.id());
        }
    }

    // --- fixtures

    /** A consistent invoice: customer, and a period start spread over a year, from {@code i}. */
    private static Invoice invoice(String id, int i, InvoiceStatus status) {
        Instant start = Instant.parse("2025-01-01T00:00:00Z").atZone(ZoneOffset.UTC).plusMonths(i % 12).toInstant();
        return InvoiceFixtures.simple(id, "cus_%02d".formatted(i % CUSTOMERS), status, start);
    }

    /**
     * {@code invoice} with amounts that recomputation changes: kind 0, subtotal and total one cent high; kind 1,
     * tax set without the total following; kind 2, the sub line item's subtotal one cent low.
     */
    private static Invoice stale(Invoice invoice, int kind) {
        BigDecimal cent = new BigDecimal("0.01");
        return switch (kind) {
            case 0 -> invoice.withAmounts(invoice.subLineItems(), invoice.invoiceAdjustments(),
                    invoice.subtotal().add(cent), invoice.tax(), invoice.total().add(cent));
            case 1 -> invoice.withAmounts(invoice.subLineItems(), invoice.invoiceAdjustments(),
                    invoice.subtotal(), new BigDecimal("1.00"), invoice.total());
            case 2 -> {
                SubLineItem line = invoice.subLineItems().getFirst();
                yield invoice.withAmounts(List.of(line.withAmounts(line.subtotal().subtract(cent), line.tiers())),
                        invoice.invoiceAdjustments(), invoice.subtotal(), invoice.tax(), invoice.total());
            }
            default -> throw new IllegalArgumentException("kind " + kind);
        };
    }

    /** What the refresh writes for a stale draft: recomputed amounts, updated now, version + 1. */
    private static Invoice refreshed(Invoice stale) {
        return copy(InvoiceCalculator.recompute(stale), stale.status(), null, NOW, stale.version() + 1);
    }

    /** The draft as a regenerate elsewhere writes it: a new tax, its amounts recomputed, version + 1. */
    private static Invoice regeneratedWithTax(Invoice draft, String tax) {
        Invoice taxed = draft.withAmounts(draft.subLineItems(), draft.invoiceAdjustments(), draft.subtotal(),
                new BigDecimal(tax), draft.total());
        return copy(InvoiceCalculator.recompute(taxed), InvoiceStatus.DRAFT, null, CONCURRENT_WRITE_AT,
                draft.version() + 1);
    }

    /** The draft finalized elsewhere, its stale amounts as they were. */
    private static Invoice finalized(Invoice draft) {
        return copy(draft, InvoiceStatus.FINALIZED, CONCURRENT_WRITE_AT, CONCURRENT_WRITE_AT, draft.version() + 1);
    }

    private static Invoice copy(Invoice i, InvoiceStatus status, Instant issuedAt, Instant updatedAt, long version) {
        return new Invoice(i.id(), i.customerId(), i.statementNumber(), status, i.paid(), i.currencyCode(),
                i.startTimestamp(), i.endTimestamp(), issuedAt == null ? i.issuedAt() : issuedAt, i.planId(),
                i.planName(), i.planCustomFields(), i.subLineItems(), i.invoiceAdjustments(), i.subtotal(), i.tax(),
                i.total(), i.voidReason(), i.voidedAt(), i.regeneratedFromInvoiceId(), i.replacedByInvoiceId(),
                i.createdAt(), updatedAt, version);
    }

    private static int shardOf(Invoice invoice) {
        String shard = InvoiceTable.draftShard(invoice.id());
        return Integer.parseInt(shard.substring(shard.indexOf('#') + 1));
    }

    /** Whether a run stopped at ({@code shard}, {@code afterPk}) had handled this draft: index order. */
    private static boolean atOrBefore(Invoice draft, int shard, String afterPk) {
        int draftShard = shardOf(draft);
        return draftShard < shard
                || draftShard == shard && InvoiceTable.invoicePk(draft.id()).compareTo(afterPk) <= 0;
    }

    // --- table access for the tests

    /** A client on the local engine with {@code interceptor}, for fault injection. */
    private static DynamoDbClient clientWith(ExecutionInterceptor interceptor) {
        return DynamoDbClient.builder()
                .endpointOverride(LocalDynamoDb.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(override -> override.addExecutionInterceptor(interceptor))
                .build();
    }

    /** Writes the invoices 25 at a time, retrying what DynamoDB leaves unprocessed. */
    private void batchWrite(List<Invoice> invoices) {
        for (int from = 0; from < invoices.size(); from += 25) {
            List<WriteRequest> batch = invoices.subList(from, Math.min(from + 25, invoices.size())).stream()
                    .map(invoice -> WriteRequest.builder()
                            .putRequest(PutRequest.builder().item(InvoiceItemMapper.toItem(invoice)).build())
                            .build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(write -> write.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    private Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        return dynamoDb.getItem(get -> get.tableName(table).key(key).consistentRead(true)).item();
    }

    /** Every invoice in the table by pk; checkpoints and leases, when there are any, are left out. */
    private Map<String, Invoice> invoicesByPk() {
        Map<String, Invoice> invoices = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : scan(null)) {
            if (!item.get(InvoiceTable.PK).s().startsWith(DraftStore.CHECKPOINT_PK)) {
                invoices.put(item.get(InvoiceTable.PK).s(), InvoiceItemMapper.fromItem(item));
            }
        }
        return invoices;
    }

    /** The whole table, or the whole index: a test's view, never the service's. */
    private List<Map<String, AttributeValue>> scan(String index) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest request = ScanRequest.builder().tableName(table).indexName(index).exclusiveStartKey(start)
                    .consistentRead(index == null).build();
            ScanResponse response = dynamoDb.scan(request);
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }
}
