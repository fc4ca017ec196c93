package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.auth.Caller;
import dev.invoices.config.Dependencies;
import dev.invoices.events.CommandEvents;
import dev.invoices.events.EventBridgeEvent;
import dev.invoices.http.Authorization;
import dev.invoices.http.CommandApi;
import dev.invoices.http.CommandApi.VoidBody;
import dev.invoices.http.HttpApi;
import dev.invoices.http.IdempotentExecution;
import dev.invoices.idempotency.IdempotencyStore;
import dev.invoices.service.InvoiceCommands;
import dev.invoices.store.InvoiceStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Voids an invoice: {@code POST /v1/invoices/void} through API Gateway, or a {@code Void Invoice} event
 * through EventBridge (told apart by {@code detail-type}, which only EventBridge events have).
 */
public final class VoidInvoiceHandler implements RequestStreamHandler {
    static final String DETAIL_TYPE = "Void Invoice";
    private static final String ROUTE = "POST /v1/invoices/void";

    private final InvoiceCommands commands;
    private final IdempotentExecution execution;
    private final CommandEvents events;
    private final Authorization authorization;

    /** Lambda's entry: clients and configuration are built once per container. */
    public VoidInvoiceHandler() {
        this(Dependencies.fromEnvironment());
    }

    public VoidInvoiceHandler(Dependencies dependencies) {
        String table = dependencies.config().tableName();
        this.commands = new InvoiceCommands(new InvoiceStore(dependencies.dynamoDb(), table), dependencies.clock());
        this.execution = new IdempotentExecution(
                new IdempotencyStore(dependencies.dynamoDb(), table, dependencies.clock()));
        this.events = new CommandEvents(execution);
        this.authorization = new Authorization(dependencies.config().authorizationRequired());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = HttpApi.readEvent(input);
        if (EventBridgeEvent.isEventBridge(event)) {
            EventBridgeEvent voidEvent = EventBridgeEvent.from(event).requireDetailType(DETAIL_TYPE);
            VoidBody body = CommandApi.voidBody(voidEvent.detail());
            events.run(voidEvent, DETAIL_TYPE + "\n" + body, recorder ->
                    commands.voidInvoice(CommandEvents.CALLER, body.id(), body.reason(), recorder), context);
            return;
        }
        HttpApi.respond(event, context, "POST", request -> {
            Caller caller = authorization.caller(request, Authorization.WRITE);
            VoidBody body = CommandApi.voidBody(CommandApi.jsonBody(request));
            return execution.execute(IdempotentExecution.key(request), caller, ROUTE + "\n" + request.body(),
                    recorder -> commands.voidInvoice(caller, body.id(), body.reason(), recorder));
        }).writeEvent(output);
    }
}
