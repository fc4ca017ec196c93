package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.auth.Caller;
import dev.invoices.config.Dependencies;
import dev.invoices.events.CommandEvents;
import dev.invoices.events.EventBridgeEvent;
import dev.invoices.http.Authorization;
import dev.invoices.http.CommandApi;
import dev.invoices.http.CommandRoutes;
import dev.invoices.http.CommandApi.RegenerateBody;
import dev.invoices.http.HttpApi;
import dev.invoices.http.IdempotentExecution;
import dev.invoices.priming.Priming;
import dev.invoices.refresh.DraftRefresher;
import dev.invoices.refresh.RefreshReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Regenerates an invoice: {@code POST /v1/invoices/regenerate} through API Gateway, a {@code Regenerate
 * Invoice} event through EventBridge, and, on the schedule ({@code Scheduled Event}), a refresh of every draft.
 * Input kinds are told apart by {@code detail-type}, which only EventBridge events have.
 */
public final class RegenerateInvoiceHandler implements RequestStreamHandler {
    static final String DETAIL_TYPE = "Regenerate Invoice";
    private static final String ROUTE = "POST /v1/invoices/regenerate";

    private final CommandRoutes routes;
    private final DraftRefresher drafts;

    /**
     * Lambda's entry: clients and configuration are built once per container, and the request path is primed
     * before a SnapStart snapshot (see {@link Priming}).
     */
    public RegenerateInvoiceHandler() {
        this(Dependencies.fromEnvironment());
        Priming.register(RegenerateInvoiceHandler::new, "regenerate-event.json");
    }

    public RegenerateInvoiceHandler(Dependencies dependencies) {
        this.routes = CommandRoutes.from(dependencies);
        this.drafts = new DraftRefresher(dependencies);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Optional<Map<String, Object>> read = HttpApi.readEvent(input, output, context);
        if (read.isEmpty()) {
            return;
        }
        Map<String, Object> event = read.get();
        if (EventBridgeEvent.isEventBridge(event)) {
            EventBridgeEvent bridged = EventBridgeEvent.from(event);
            if (EventBridgeEvent.SCHEDULED.equals(bridged.detailType())) {
                RefreshReport report = drafts.refresh(context::getRemainingTimeInMillis);
                context.getLogger().log("draft refresh: " + report, LogLevel.INFO);
                return;
            }
            EventBridgeEvent regenerateEvent = bridged.requireDetailType(DETAIL_TYPE);
            RegenerateBody body = CommandApi.regenerateBody(regenerateEvent.detail());
            routes.events().run(regenerateEvent, DETAIL_TYPE + "\n" + body, recorder ->
                    routes.commands().regenerate(CommandEvents.CALLER, body.id(), recorder), context);
            return;
        }
        HttpApi.respond(event, context, "POST", request -> {
            Caller caller = routes.authorization().caller(request, Authorization.WRITE);
            RegenerateBody body = CommandApi.regenerateBody(CommandApi.jsonBody(request));
            return routes.execution().execute(IdempotentExecution.key(request), caller, ROUTE + "\n" + request.body(),
                    recorder -> routes.commands().regenerate(caller, body.id(), recorder));
        }).writeEvent(output);
    }
}
