package dev.invoices.publishing;

import dev.invoices.observability.Metrics;

/** The publisher's metrics (namespace and dimension as every function's: docs/observability.md). */
public final class PublishMetrics {
    /** Events EventBridge accepted. */
    public static final String EVENTS_PUBLISHED = "EventsPublished";
    /** Entries a {@code PutEvents} reported failed ({@code FailedEntryCount}), each time one was. */
    public static final String FAILED_ENTRIES = "EventEntriesFailed";
    /** {@code PutEvents} calls that failed as a whole, after the SDK's retries. */
    public static final String FAILED_CALLS = "EventCallsFailed";
    /** Entries the publisher sent again, and attempts the SDK itself retried. */
    public static final String RETRIES = "EventRetries";
    /** Batches that ended with a batch item failure (Lambda resends them from it). */
    public static final String BATCH_FAILURES = "EventBatchFailures";

    private PublishMetrics() {
    }

    /** @param batchFailed whether the batch answered a batch item failure (a send that failed, or a bad record) */
    public static void add(Metrics metrics, EventPublisher.Report report, boolean batchFailed) {
        metrics.add(EVENTS_PUBLISHED, report.published());
        metrics.add(FAILED_ENTRIES, report.failedEntries());
        metrics.add(FAILED_CALLS, report.failedCalls());
        metrics.add(RETRIES, report.retries() + EventBridgeRetries.take());
        metrics.add(BATCH_FAILURES, batchFailed ? 1 : 0);
    }
}
