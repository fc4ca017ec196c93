package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.config.Dependencies;
import dev.invoices.events.EventBridgeEvent;
import dev.invoices.http.HttpApi;
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
 * checkpoint and stops cleanly before its time runs out.
 */
public final class RefreshDraftsHandler implements RequestStreamHandler {
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
        EventBridgeEvent.from(read.get()).requireDetailType(EventBridgeEvent.SCHEDULED);
        RefreshReport report = drafts.refresh(context::getRemainingTimeInMillis);
        context.getLogger().log("draft refresh: " + report, LogLevel.INFO);
    }
}
