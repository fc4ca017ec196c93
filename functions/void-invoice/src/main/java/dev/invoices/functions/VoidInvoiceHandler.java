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
import dev.invoices.service.InvoiceChanges;
import dev.invoices.store.InvoiceStore;
import dev.invoices.voiding.VoidBody;
import dev.invoices.voiding.VoidCommand;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Voids an invoice: {@code POST /v1/invoices/void} through API Gateway, or a {@code Void Invoice} event
 * through EventBridge (told apart by {@code detail-type}, which only EventBridge events have). Both run the same
 * command under the same idempotency, keyed by {@code Idempotency-Key} or by the event id.
 */
public final class VoidInvoiceHandler implements RequestStreamHandler {
    static final String DETAIL_TYPE = "Void Invoice";
    private static final String ROUTE = "POST /v1/invoices/void";

    private final VoidCommand command;
    private final IdempotentExecution execution;
    private final CommandEvents events;
    private final Authorization authorization;

    /**
     * Lambda's entry: clients and configuration are built once per container, and the request path is primed
     * before a SnapStart snapshot (see {@link Priming}).
     */
    public VoidInvoiceHandler() {
        this(Dependencies.fromEnvironment());
        Priming.register(VoidInvoiceHandler::new, "void-event.json");
    }

    /** The function's composition root: everything it runs is built here, once per container. */
    public VoidInvoiceHandler(Dependencies dependencies) {
        String table = dependencies.config().tableName();
        this.command = new VoidCommand(new InvoiceChanges(new InvoiceStore(dependencies.dynamoDb(), table),
                dependencies.clock()));
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
            EventBridgeEvent voidEvent = EventBridgeEvent.from(event).requireDetailType(DETAIL_TYPE);
            VoidBody body = VoidBody.parse(voidEvent.detail());
            events.run(voidEvent, body.id(), DETAIL_TYPE + "\n" + body, recorder ->
                    command.voidInvoice(CommandEvents.CALLER, body.id(), body.reason(), recorder), context);
            return;
        }
        HttpApi.respond(event, context, "POST", (request, observation) -> {
            Caller caller = authorization.caller(request, Authorization.WRITE);
            observation.caller(caller, request.subject());
            VoidBody body = VoidBody.parse(CommandApi.jsonBody(request));
            observation.invoiceId(body.id());
            return CommandApi.response(observation.record(execution.execute(CommandApi.idempotencyKey(request),
                    caller, ROUTE + "\n" + request.body(),
                    recorder -> command.voidInvoice(caller, body.id(), body.reason(), recorder))));
        }).writeEvent(output);
    }
}
