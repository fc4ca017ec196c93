package dev.invoices.refresh;

import dev.invoices.config.Dependencies;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceCalculator;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.refresh.DraftStore.DraftPage;
import dev.invoices.refresh.DraftStore.IndexedDraft;
import dev.invoices.refresh.DraftStore.Position;
import dev.invoices.service.StateChange;
import dev.invoices.store.InvoiceStore;
import dev.invoices.store.InvoiceTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The scheduled refresh of every draft's amounts ({@code detail-type} {@code Scheduled Event}; docs/api.md, "EventBridge and the schedule").
 *
 * <p>Drafts are found through the sparse {@value InvoiceTable#DRAFTS_INDEX} index, never a Scan: only drafts
 * carry its key, so the refresh reads drafts and nothing else however many finalized and voided invoices the
 * table holds. It walks the index shard by shard, one Query of {@value #PAGE_SIZE} drafts at a time, and holds
 * one page in memory, so its memory does not grow with the number of drafts.
 *
 * <p>A draft is written only when {@link InvoiceCalculator#recompute} gives different amounts than the stored
 * ones (the invoice is a record, so "equal" means nothing to change); a draft whose amounts are already right
 * keeps its {@code version} and {@code updated_at}. A write is {@link InvoiceStore#replace} conditioned on the
 * version read, so a draft changed meanwhile (edited, regenerated, finalized or voided, the last two also
 * taking it out of the index) is left as the other writer made it and counted as a conflict; the next pass
 * checks it again.
 *
 * <p>Before each Query and each write, the refresh compares the function's remaining time with a safety margin.
 * When time is short it saves a checkpoint (see {@link DraftStore}) and returns; the next run resumes after the
 * last draft handled, so across runs every draft is handled once per pass. The run that finishes the last
 * shard deletes the checkpoint, and the run after it starts a new pass. If a DynamoDB call fails, the run
 * saves how far it got before rethrowing, when it still can, so that Lambda's retry does not start over.
 *
 * <p>The schedule fans out: one run per shard ({@link #refreshShard}), side by side, each with its own
 * checkpoint and holding the shard's lease, so that a pass over every draft takes the time of one shard's, and
 * no shard is refreshed by two runs at once (a retried run and the next hour's, say). {@link #refresh} walks
 * every shard in turn under one checkpoint, for a schedule event that names no shard. Overlapping runs would
 * still not write a draft twice, since writes are conditioned on the version.
 */
public final class DraftRefresher {
    /**
     * Drafts per Query. 100 items of a few KB each stay well under DynamoDB's 1 MB page, and one page is all the
     * refresh holds in memory.
     */
    public static final int PAGE_SIZE = 100;

    /**
     * The remaining time below which a run stops. The longest step between two checks is one DynamoDB call,
     * which the client gives up after 8 s with retries ({@code DynamoDbClients.API_CALL_TIMEOUT}); the checkpoint
     * write after it usually takes milliseconds. 10 s leaves room for both before Lambda ends the function.
     */
    public static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);

    /** How many skipped items a report names, so that one bad batch cannot flood the log. */
    public static final int SKIPPED_PKS_REPORTED = 10;

    private final DraftStore drafts;
    private final InvoiceStore invoices;
    private final Clock clock;
    private final long safetyMarginMillis;
    private final int pageSize;

    /** The refresh of a function container, with the production margin and page size. */
    public DraftRefresher(Dependencies dependencies) {
        this(dependencies.dynamoDb(), dependencies.config().tableName(), dependencies.clock());
    }

    public DraftRefresher(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this(dynamoDb, tableName, clock, SAFETY_MARGIN, PAGE_SIZE);
    }

    /** For tests: a margin and a page size of their choosing. */
    public DraftRefresher(DynamoDbClient dynamoDb, String tableName, Clock clock, Duration safetyMargin,
                          int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        this.drafts = new DraftStore(dynamoDb, tableName);
        this.invoices = new InvoiceStore(dynamoDb, tableName);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.safetyMarginMillis = safetyMargin.toMillis();
        this.pageSize = pageSize;
    }

    /**
     * Refreshes drafts from the saved checkpoint (or from the first shard) until the pass is over or the
     * remaining time falls below the safety margin.
     *
     * @param remainingMillis the function's remaining time, e.g. {@code context::getRemainingTimeInMillis}
     */
    public RefreshReport refresh(LongSupplier remainingMillis) {
        return refresh(remainingMillis, change -> {
        });
    }

    /**
     * {@link #refresh(LongSupplier)}, telling {@code rewritten} of each draft it writes, as soon as the write
     * succeeds (the function writes an audit line for each).
     */
    public RefreshReport refresh(LongSupplier remainingMillis, Consumer<StateChange> rewritten) {
        return new Run(DraftStore.Scope.ALL_SHARDS, Objects.requireNonNull(remainingMillis, "remainingMillis"),
                Objects.requireNonNull(rewritten, "rewritten")).execute();
    }

    /**
     * Refreshes one shard, from its own checkpoint, while holding the shard's lease (until the function's time
     * is up): the schedule runs one of these per shard side by side. Empty, with nothing read or written but the
     * refused lease, while another run holds the shard.
     */
    public Optional<RefreshReport> refreshShard(int shard, LongSupplier remainingMillis,
                                                Consumer<StateChange> rewritten) {
        DraftStore.Scope scope = DraftStore.Scope.shard(shard);
        Instant now = clock.instant();
        if (!drafts.lease(shard, now.plusMillis(remainingMillis.getAsLong()), now)) {
            return Optional.empty();
        }
        RefreshReport report;
        try {
            report = new Run(scope, Objects.requireNonNull(remainingMillis, "remainingMillis"),
                    Objects.requireNonNull(rewritten, "rewritten")).execute();
        } catch (RuntimeException failure) {
            try {
                drafts.release(shard);
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed); // the lease then expires when the function's time is up
            }
            throw failure;
        }
        drafts.release(shard);
        return Optional.of(report.withLeaseWrites(2));
    }

    /** The state of one run: where it is, and what it has done so far. */
    private final class Run {
        private final DraftStore.Scope scope;
        private final LongSupplier remainingMillis;
        private final Consumer<StateChange> rewritten;
        private final long startedNanos = System.nanoTime();
        private final List<String> skippedPks = new ArrayList<>();
        private Position position = Position.START;
        private int changed;
        private int unchanged;
        private int conflicts;
        private int skipped;
        private int pages;
        private int writes;

        Run(DraftStore.Scope scope, LongSupplier remainingMillis, Consumer<StateChange> rewritten) {
            this.scope = scope;
            this.remainingMillis = remainingMillis;
            this.rewritten = rewritten;
        }

        RefreshReport execute() {
            Optional<Position> checkpoint = drafts.checkpoint(scope);
            Position startedAt = checkpoint.orElse(scope.start());
            position = startedAt;
            boolean completed;
            try {
                completed = walk();
            } catch (RuntimeException failure) {
                if (!position.equals(startedAt)) {
                    saveProgressAfter(failure);
                }
                throw failure;
            }
            if (completed && checkpoint.isPresent()) {
                drafts.deleteCheckpoint(scope);
                writes++;
            } else if (!completed && !position.equals(startedAt)) {
                // A run that made no progress leaves the table as it is: it already says where to start.
                drafts.saveCheckpoint(scope, position, clock.instant());
                writes++;
            }
            return new RefreshReport(changed + unchanged + conflicts + skipped, changed, unchanged, conflicts,
                    skipped, skippedPks, pages, writes, completed,
                    Duration.ofNanos(System.nanoTime() - startedNanos).toMillis());
        }

        /** True when the scope's last shard is done; false when time ran short first. */
        private boolean walk() {
            while (true) {
                if (lowOnTime()) {
                    return false;
                }
                DraftPage page = drafts.page(position.shard(), position.afterPk(), pageSize);
                pages++;
                for (IndexedDraft draft : page.drafts()) {
                    if (!handle(draft)) {
                        return false;
                    }
                    position = new Position(position.shard(), Optional.of(draft.pk()));
                }
                if (page.lastEvaluatedPk().isPresent()) {
                    position = new Position(position.shard(), page.lastEvaluatedPk());
                } else if (position.shard() < scope.lastShard()) {
                    position = new Position(position.shard() + 1, Optional.empty());
                } else {
                    return true;
                }
            }
        }

        /** Refreshes one draft; false, with nothing done, when time is too short for its write. */
        private boolean handle(IndexedDraft entry) {
            Optional<Invoice> read = entry.invoice().filter(invoice -> invoice.status() == InvoiceStatus.DRAFT);
            if (read.isEmpty()) {
                skipped++;
                if (skippedPks.size() < SKIPPED_PKS_REPORTED) {
                    skippedPks.add(entry.pk());
                }
                return true;
            }
            Invoice stored = read.get();
            Invoice recomputed = InvoiceCalculator.recompute(stored);
            if (recomputed.equals(stored)) {
                unchanged++;
                return true;
            }
            if (lowOnTime()) {
                return false;
            }
            writes++;
            Invoice refreshed = stored.withAmountsOf(recomputed, clock.instant());
            if (invoices.replace(refreshed, stored.version())) {
                changed++;
                rewritten.accept(StateChange.of(StateChange.RECOMPUTE, stored, refreshed));
            } else {
                conflicts++;
            }
            return true;
        }

        private boolean lowOnTime() {
            return remainingMillis.getAsLong() < safetyMarginMillis;
        }

        /**
         * Best effort after a failed DynamoDB call: the checkpoint write may fail for the same reason, and then
         * the next run repeats this one's drafts (finding their amounts already right).
         */
        private void saveProgressAfter(RuntimeException failure) {
            try {
                drafts.saveCheckpoint(scope, position, clock.instant());
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
        }
    }
}
