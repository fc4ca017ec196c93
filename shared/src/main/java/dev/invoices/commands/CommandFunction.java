package dev.invoices.commands;

import com.amazonaws.services.lambda.runtime.Context;
import dev.invoices.auth.Caller;
import dev.invoices.config.Dependencies;
import dev.invoices.events.CommandEvents;
import dev.invoices.events.EventBridgeEvent;
import dev.invoices.http.Authorization;
import dev.invoices.http.CommandApi;
import dev.invoices.http.HttpApi;
import dev.invoices.idempotency.IdempotencyStore;
import dev.invoices.idempotency.IdempotentExecution;
import dev.invoices.service.AnswerRecorder;
import dev.invoices.service.CommandResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the void and regenerate functions share: one command, reached by {@code POST} through API Gateway or by
 * an EventBridge event (told apart by {@code detail-type}, which only EventBridge events have), both under the
 * same idempotency, keyed by {@code Idempotency-Key} or by the event id. Each function names its route, its
 * detail-type, how its body is read, and the command; everything else is built here, once per container.
 *
 * @param <B> the command's body, the same for the HTTP body and the event's {@code detail}
 */
public final class CommandFunction<B> {
    /** Runs the command for a caller; the recorder writes the answer with the change. */
    @FunctionalInterface
    public interface Command<B> {
        CommandResult run(Caller caller, B body, AnswerRecorder recorder);
    }

    private final String route;
    private final String detailType;
    private final Function<Map<String, Object>, B> parse;
    private final Function<B, String> invoiceId;
    private final Command<B> command;
    private final IdempotentExecution execution;
    private final CommandEvents events;
    private final Authorization authorization;

    /**
     * @param route      the HTTP route, as API Gateway names it in {@code routeKey}
     * @param detailType the EventBridge detail-type of the command's events
     * @param parse      reads and checks the body (a validation problem when it is bad)
     * @param invoiceId  the invoice the body names, for the logs
     */
    public CommandFunction(Dependencies dependencies, String route, String detailType,
                           Function<Map<String, Object>, B> parse, Function<B, String> invoiceId, Command<B> command) {
        this.route = route;
        this.detailType = detailType;
        this.parse = parse;
        this.invoiceId = invoiceId;
        this.command = command;
        this.execution = new IdempotentExecution(new IdempotencyStore(dependencies.dynamoDb(),
                dependencies.config().tableName(), dependencies.clock()), CommandApi.ANSWERS);
        this.events = new CommandEvents(execution);
        this.authorization = new Authorization(dependencies.config());
    }

    public void handle(InputStream input, OutputStream output, Context context) throws IOException {
        Optional<Map<String, Object>> read = HttpApi.readEvent(input, output, context);
        if (read.isEmpty()) {
            return;
        }
        Map<String, Object> event = read.get();
        if (EventBridgeEvent.isEventBridge(event)) {
            EventBridgeEvent commandEvent = EventBridgeEvent.from(event).requireDetailType(detailType);
            B body = parse.apply(commandEvent.detail());
            events.run(commandEvent, invoiceId.apply(body), detailType + "\n" + body,
                    recorder -> command.run(CommandEvents.CALLER, body, recorder), context);
            return;
        }
        HttpApi.respond(event, context, "POST", (request, observation) -> {
            Caller caller = authorization.caller(request, Authorization.Access.WRITE, observation);
            B body = parse.apply(CommandApi.jsonBody(request));
            observation.invoiceId(invoiceId.apply(body));
            return CommandApi.response(observation.record(execution.execute(CommandApi.idempotencyKey(request),
                    caller, route + "\n" + request.body(), observation.requestId(),
                    recorder -> command.run(caller, body, recorder))));
        }).writeEvent(output);
    }
}
