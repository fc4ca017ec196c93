package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.auth.Caller;
import dev.invoices.config.Dependencies;
import dev.invoices.events.CommandEvents;
import dev.invoices.events.EventBridgeEvent;
import dev.invoices.http.Authorization;
import dev.invoices.http.CommandApi;
import dev.invoices.http.HttpApi;
import dev.invoices.idempotency.IdempotencyStore;
import dev.invoices.idempotency.IdempotentExecution;
import dev.invoices.priming.Priming;
import dev.invoices.regeneration.RegenerateBody;
import dev.invoices.regeneration.RegenerateCommand;
import dev.invoices.service.InvoiceChanges;
import dev.invoices.store.InvoiceStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Regenerates an invoice: {@code POST /v1/invoices/regenerate} through API Gateway, or a {@code Regenerate
 * Invoice} event through EventBridge (told apart by {@code detail-type}, which only EventBridge events have).
 * The hourly refresh of every draft is another function ({@link RefreshDraftsHandler}), with its own time limit
 * and role.
 */
public final class RegenerateInvoiceHandler implements RequestStreamHandler {
    static final String DETAIL_TYPE = "Regenerate Invoice";
    private static final String ROUTE = "POST /v1/invoices/regenerate";

    private final RegenerateCommand command;
    private final IdempotentExecution execution;
    private final CommandEvents events;
    private final Authorization authorization;

    /**
     * Lambda's entry: clients and configuration are built once per container, and the request path is primed
     * before a SnapStart snapshot (see {@link Priming}).
     */
    public RegenerateInvoiceHandler() {
        this(Dependencies.fromEnvironment());
        Priming.register(RegenerateInvoiceHandler::new, "regenerate-event.json");
    }

    /** The function's composition root: everything it runs is built here, once per container. */
    public RegenerateInvoiceHandler(Dependencies dependencies) {
        String table = dependencies.config().tableName();
        this.command = new RegenerateCommand(new InvoiceChanges(new InvoiceStore(dependencies.dynamoDb(), table),
                dependencies.clock()), dependencies.clock());
        this.execution = new IdempotentExecution(new IdempotencyStore(dependencies.dynamoDb(), table,
                dependencies.clock()), CommandApi.ANSWERS);
        this.events = new CommandEvents(execution);
        this.authorization = new Authorization(dependencies.config().authorizationRequired());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Optional<Map<String, Object>> read = HttpApi.readEvent(input, output, context);
        if (read.isEmpty()) {
            return;
        }
        Map<String, Object> event = read.get();
        if (EventBridgeEvent.isEventBridge(event)) {
            EventBridgeEvent regenerateEvent = EventBridgeEvent.from(event).requireDetailType(DETAIL_TYPE);
            RegenerateBody body = RegenerateBody.parse(regenerateEvent.detail());
            events.run(regenerateEvent, body.id(), DETAIL_TYPE + "\n" + body, recorder ->
                    command.regenerate(CommandEvents.CALLER, body.id(), recorder), context);
            return;
        }
        HttpApi.respond(event, context, "POST", (request, observation) -> {
            Caller caller = authorization.caller(request, Authorization.WRITE);
            observation.caller(caller, request.subject());
            RegenerateBody body = RegenerateBody.parse(CommandApi.jsonBody(request));
            observation.invoiceId(body.id());
            return CommandApi.response(observation.record(execution.execute(CommandApi.idempotencyKey(request),
                    caller, ROUTE + "\n" + request.body(),
                    recorder -> command.regenerate(caller, body.id(), recorder))));
        }).writeEvent(output);
    }
}
