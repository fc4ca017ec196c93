package dev.invoices.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.auth.Caller;
import dev.invoices.error.AlreadyRegeneratedException;
import dev.invoices.error.InvalidStateException;
import dev.invoices.http.HttpResponse;
import dev.invoices.http.IdempotentExecution;
import dev.invoices.service.InvoiceCommands.AnswerRecorder;
import dev.invoices.service.InvoiceCommands.Result;

import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a command that arrived as an EventBridge event (docs/api.md, "EventBridge and the schedule"). The event id is the idempotency key, so a
 * redelivered event has no second effect. An invoice in the wrong state is logged and the event ends without
 * error (retrying cannot help); anything else that goes wrong fails the invocation, so that Lambda retries it
 * and then sends it to the dead-letter queue.
 *
 * <p>EventBridge events carry no JWT: they are trusted because only this stack's rules, on this account's bus,
 * may invoke the functions (the Lambda permission names the rule), and they act as {@link #CALLER}.
 */
public final class CommandEvents {
    public static final Caller CALLER = new Caller.Trusted("eventbridge");

    private final IdempotentExecution execution;

    public CommandEvents(IdempotentExecution execution) {
        this.execution = execution;
    }

    /** @param fingerprint what makes a redelivery "the same event": detail-type and the parsed detail */
    public void run(EventBridgeEvent event, String fingerprint, Function<AnswerRecorder, Result> command,
                    Context context) {
        try {
            HttpResponse response = execution.execute(Optional.of(event.id()), CALLER, fingerprint, command);
            boolean replayed = "true".equals(response.headers().get(IdempotentExecution.REPLAYED_HEADER));
            if (response.statusCode() == 409) {
                log(context, LogLevel.WARN, event, "ended without change: the invoice is in another state");
            } else if (response.statusCode() >= 400) {
                throw new MalformedEventException("the event was refused with status " + response.statusCode());
            } else {
                log(context, LogLevel.INFO, event, replayed ? "was redelivered: already handled" : "handled");
            }
        } catch (InvalidStateException | AlreadyRegeneratedException wrongState) {
            log(context, LogLevel.WARN, event, "ended without change: " + wrongState.getMessage());
        }
    }

    private static void log(Context context, LogLevel level, EventBridgeEvent event, String what) {
        context.getLogger().log("event_id=" + event.id() + " detail_type=\"" + event.detailType() + "\" " + what,
                level);
    }
}
