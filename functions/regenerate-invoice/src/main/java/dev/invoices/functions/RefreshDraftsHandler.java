package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.config.Dependencies;
import dev.invoices.events.EventBridgeEvent;
import dev.invoices.http.HttpApi;
import dev.invoices.observability.LogLine;
import dev.invoices.observability.Metrics;
import dev.invoices.observability.Observation;
import dev.invoices.refresh.DraftRefresher;
import dev.invoices.refresh.RefreshReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The hourly refresh of every draft's amounts ({@code Scheduled Event}): its own function, so that it has the
 * time a long pass needs ({@code Timeout: 300}), one run at a time (reserved concurrency 1), and a role that
 * may Query the drafts index while the request functions may not. Each run carries on from the last one's
 * checkpoint and stops cleanly before its time runs out. Each run writes an audit line for every draft it
 * rewrites, one schedule line with its report, and its metrics ({@code DraftsRefreshed}).
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
        EventBridgeEvent schedule = EventBridgeEvent.from(read.get()).requireDetailType(EventBridgeEvent.SCHEDULED);
        Observation observation = new Observation(context, context.getAwsRequestId());
        observation.actor(ACTOR);
        RefreshReport report;
        try {
            report = drafts.refresh(context::getRemainingTimeInMillis, observation::audit);
        } catch (RuntimeException failure) {
            // Lambda retries the run, which resumes from the checkpoint saved before the failure.
            scheduleLine(observation, schedule, LogLevel.ERROR, "failed").failure(failure).writeTo(context);
            observation.metrics().addDynamoDbCounts();
            observation.metrics().writeTo(context, observation.requestId());
            throw failure;
        }
        LogLevel level = report.skipped() > 0 ? LogLevel.WARN : LogLevel.INFO;
        scheduleLine(observation, schedule, level, report.completed() ? "completed" : "checkpointed")
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

    private static LogLine scheduleLine(Observation observation, EventBridgeEvent schedule, LogLevel level,
                                        String outcome) {
        return LogLine.of(level, "schedule")
                .with("request_id", observation.requestId())
                .with("event_id", schedule.id())
                .with("detail_type", schedule.detailType())
                .with("outcome", outcome)
                .with("duration_ms", observation.elapsedMillis());
    }
}
