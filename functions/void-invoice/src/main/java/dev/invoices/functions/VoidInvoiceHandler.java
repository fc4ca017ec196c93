package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.auth.Caller;
import dev.invoices.config.Dependencies;
import dev.invoices.events.CommandEvents;
import dev.invoices.events.EventBridgeEvent;
import dev.invoices.http.Authorization;
import dev.invoices.http.CommandApi;
import dev.invoices.http.CommandRoutes;
import dev.invoices.http.CommandApi.VoidBody;
import dev.invoices.http.HttpApi;
import dev.invoices.http.IdempotentExecution;
import dev.invoices.priming.Priming;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Voids an invoice: {@code POST /v1/invoices/void} through API Gateway, or a {@code Void Invoice} event
 * through EventBridge (told apart by {@code detail-type}, which only EventBridge events have).
 */
public final class VoidInvoiceHandler implements RequestStreamHandler {
    static final String DETAIL_TYPE = "Void Invoice";
    private static final String ROUTE = "POST /v1/invoices/void";

    private final CommandRoutes routes;

    /**
     * Lambda's entry: clients and configuration are built once per container, and the request path is primed
     * before a SnapStart snapshot (see {@link Priming}).
     */
    public VoidInvoiceHandler() {
        this(Dependencies.fromEnvironment());
        Priming.register(VoidInvoiceHandler::new, "void-event.json");
    }

    public VoidInvoiceHandler(Dependencies dependencies) {
        this.routes = CommandRoutes.from(dependencies);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Optional<Map<String, Object>> read = HttpApi.readEvent(input, output, context);
        if (read.isEmpty()) {
            return;
        }
        Map<String, Object> event = read.get();
        if (EventBridgeEvent.isEventBridge(event)) {
            EventBridgeEvent voidEvent = EventBridgeEvent.from(event).requireDetailType(DETAIL_TYPE);
            VoidBody body = CommandApi.voidBody(voidEvent.detail());
            routes.events().run(voidEvent, DETAIL_TYPE + "\n" + body, recorder ->
                    routes.commands().voidInvoice(CommandEvents.CALLER, body.id(), body.reason(), recorder), context);
            return;
        }
        HttpApi.respond(event, context, "POST", request -> {
            Caller caller = routes.authorization().caller(request, Authorization.WRITE);
            VoidBody body = CommandApi.voidBody(CommandApi.jsonBody(request));
            return routes.execution().execute(IdempotentExecution.key(request), caller, ROUTE + "\n" + request.body(),
                    recorder -> routes.commands().voidInvoice(caller, body.id(), body.reason(), recorder));
        }).writeEvent(output);
    }
}
