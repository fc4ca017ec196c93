package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.config.Dependencies;
import dev.invoices.events.EventBridgeEvent;
import dev.invoices.events.MalformedEventException;
import dev.invoices.http.HttpApi;
import dev.invoices.observability.LogLine;
import dev.invoices.observability.Metrics;
import dev.invoices.observability.Observation;
import dev.invoices.refresh.DraftRefresher;
import dev.invoices.refresh.RefreshReport;
import dev.invoices.store.InvoiceTable;


import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * The hourly refresh of every draft's amounts: its own function, so that it has the time a long pass needs
 * ({@code Timeout: 900}), a role that may Query the drafts index while the request functions may not, and
 * reserved concurrency for one run per shard. The schedule sends one event per Drafts shard,
 * {@code {"shard": n}} (the rules' constant input), and the shards are refreshed side by side, each from its own
 * checkpoint and under its lease ({@link DraftRefresher#refreshShard}); a {@code Scheduled Event} that names no
 * shard walks them all in turn. Each run carries on from its checkpoint and stops cleanly before its time runs
 * out, and writes an audit line for every draft it rewrites, one schedule line with its report, and its metrics
 * ({@code DraftsRefreshed}).
 */
public final class RefreshDraftsHandler implements RequestStreamHandler {
    /** Who the audit lines of the drafts a run rewrites name. */
    static final String ACTOR = "schedule";

    private final DraftRefresher drafts;

    /** Lambda's entry: clients and configuration are built once per container. */
    public RefreshDraftsHandler() {
        this(Dependencies.fromEnvironment());
    }

    /** The function's composition root. */
    public RefreshDraftsHandler(Dependencies dependencies) {
        this.drafts = new DraftRefresher(dependencies);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Optional<Map<String, Object>> read = HttpApi.readEvent(input, output, context);
        if (read.isEmpty()) {
            return;
        }
        Run run = Run.of(read.get());
        Observation observation = new Observation(context, context.getAwsRequestId());
        observation.actor(ACTOR);
        Optional<RefreshReport> done;
        try {
            done = run.shard().isPresent()
                    ? drafts.refreshShard(run.shard().get(), context::getRemainingTimeInMillis, observation::audit)
                    : Optional.of(drafts.refresh(context::getRemainingTimeInMillis, observation::audit));
        } catch (RuntimeException failure) {
            // Lambda retries the run, which resumes from the checkpoint saved before the failure.
            scheduleLine(observation, run, LogLevel.ERROR, "failed").failure(failure).writeTo(context);
            observation.metrics().addDynamoDbCounts();
            observation.metrics().writeTo(context, observation.requestId());
            throw failure;
        }
        if (done.isEmpty()) {
            // Another run holds the shard (a retried run, or the last hour's, still going): it carries on.
            scheduleLine(observation, run, LogLevel.WARN, "shard_busy").writeTo(context);
            return;
        }
        RefreshReport report = done.get();
        LogLevel level = report.skipped() > 0 ? LogLevel.WARN : LogLevel.INFO;
        scheduleLine(observation, run, level, report.completed() ? "completed" : "checkpointed")
                .with("scanned", report.scanned())
                .with("changed", report.changed())
                .with("unchanged", report.unchanged())
                .with("conflicts", report.conflicts())
                .with("skipped", report.skipped())
                .with("skipped_pks", report.skippedPks())
                .with("pages", report.pages())
                .with("writes", report.writes())
                .writeTo(context);
        observation.metrics().add(Metrics.DRAFTS_REFRESHED, report.changed());
        observation.metrics().addDynamoDbCounts();
        observation.metrics().writeTo(context, observation.requestId());
    }

    private static LogLine scheduleLine(Observation observation, Run run, LogLevel level, String outcome) {
        return LogLine.of(level, "schedule")
                .with("request_id", observation.requestId())
                .with("event_id", run.eventId().orElse(null))
                .with("detail_type", run.eventId().isPresent() ? EventBridgeEvent.SCHEDULED : null)
                .with("shard", run.shard().orElse(null))
                .with("outcome", outcome)
                .with("duration_ms", observation.elapsedMillis());
    }

    /**
     * What an invocation asks for: one shard ({@code {"shard": n}}, the rules' constant input), or, for a
     * {@code Scheduled Event}, every shard in turn (its {@code detail} may name a shard too).
     */
    record Run(Optional<Integer> shard, Optional<String> eventId) {
        static Run of(Map<String, Object> event) {
            if (!event.containsKey("detail-type")) {
                if (event.size() == 1 && event.get("shard") instanceof BigDecimal number) {
                    return new Run(Optional.of(shard(number)), Optional.empty());
                }
                throw new MalformedEventException("The event is neither a Scheduled Event nor {\"shard\": n}.");
            }
            EventBridgeEvent schedule = EventBridgeEvent.from(event).requireDetailType(EventBridgeEvent.SCHEDULED);
            Optional<Integer> shard = schedule.detail().get("shard") instanceof BigDecimal number
                    ? Optional.of(shard(number)) : Optional.empty();
            return new Run(shard, Optional.of(schedule.id()));
        }

        private static int shard(BigDecimal number) {
            try {
                int shard = number.intValueExact();
                if (shard >= 0 && shard < InvoiceTable.DRAFT_SHARDS) {
                    return shard;
                }
            } catch (ArithmeticException notAWholeNumber) {
                // refused below
            }
            throw new MalformedEventException("shard must be a whole number from 0 to "
                    + (InvoiceTable.DRAFT_SHARDS - 1));
        }
    }
}
