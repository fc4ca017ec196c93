package dev.invoices.refresh;

import java.util.List;

/**
 * What one run of the scheduled draft refresh did, for the function's log and for tests.
 *
 * @param scanned       drafts the run handled: {@code changed + unchanged + conflicts + skipped}. A draft read
 *                      in the run's last page but not reached before it stopped is not counted; the next run
 *                      reads it again
 * @param changed       drafts written with recomputed amounts ({@code version} + 1)
 * @param unchanged     drafts whose stored amounts were already right: not written
 * @param conflicts     drafts another writer changed between this run's read and its write: the other writer's
 *                      item stands, and the next pass checks it again
 * @param skipped       index items left alone because they are not a readable draft (an item the mapper cannot
 *                      read, or one that is not {@code DRAFT} but still carries the index key)
 * @param skippedPks    the {@code pk}s of the first {@value DraftRefresher#SKIPPED_PKS_REPORTED} skipped items, so
 *                      the log names them
 * @param pages         DynamoDB Queries issued on the Drafts index
 * @param writes        DynamoDB write requests issued: draft writes ({@code changed + conflicts}) plus checkpoint
 *                      saves and deletes, and a shard run's lease and its release
 * @param completed     true when the run reached the end of the last shard (the pass is over and the next run
 *                      starts a new one); false when it stopped early and saved a checkpoint
 * @param elapsedMillis wall time of the run
 */
public record RefreshReport(int scanned, int changed, int unchanged, int conflicts, int skipped,
                            List<String> skippedPks, int pages, int writes, boolean completed,
                            long elapsedMillis) {
    public RefreshReport {
        skippedPks = List.copyOf(skippedPks);
    }

    /** This report, counting {@code leaseWrites} more writes. */
    RefreshReport withLeaseWrites(int leaseWrites) {
        return new RefreshReport(scanned, changed, unchanged, conflicts, skipped, skippedPks, pages,
                writes + leaseWrites, completed, elapsedMillis);
    }
}
