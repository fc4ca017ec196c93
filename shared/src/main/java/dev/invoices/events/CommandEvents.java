package dev.invoices.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.auth.Caller;
import dev.invoices.error.AlreadyRegeneratedException;
import dev.invoices.error.InvalidStateException;
import dev.invoices.idempotency.IdempotentExecution;
import dev.invoices.idempotency.StoredResponse;
import dev.invoices.service.AnswerRecorder;
import dev.invoices.service.CommandResult;

import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a command that arrived as an EventBridge event (docs/api.md, "EventBridge and the schedule"). The event id
 * is the idempotency key, so a redelivered event has no second effect. An invoice in the wrong state is logged
 * and the event ends without error (retrying cannot help); anything else that goes wrong fails the invocation,
 * so that Lambda retries it and then sends it to the dead-letter queue.
 *
 * <p>EventBridge events carry no JWT: they are trusted because only this stack's rules, on this account's bus,
 * may invoke the functions (the Lambda permission names the rule), and they act as {@link #CALLER}.
 */
public final class CommandEvents {
    public static final Caller CALLER = new Caller.Trusted("eventbridge");
    /** The status a refusal for the invoice's state is kept with: such an event ends quietly when redelivered. */
    private static final int WRONG_STATE = 409;

    private final IdempotentExecution execution;

    public CommandEvents(IdempotentExecution execution) {
        this.execution = execution;
    }

    /** @param fingerprint what makes a redelivery "the same event": detail-type and the parsed detail */
    public void run(EventBridgeEvent event, String fingerprint, Function<AnswerRecorder, CommandResult> command,
                    Context context) {
        try {
            switch (execution.execute(Optional.of(event.id()), CALLER, fingerprint, command)) {
                case IdempotentExecution.Executed ignored -> log(context, LogLevel.INFO, event, "handled");
                case IdempotentExecution.Replayed(StoredResponse first) when first.status() == WRONG_STATE ->
                        log(context, LogLevel.WARN, event, "ended without change: the invoice is in another state");
                case IdempotentExecution.Replayed(StoredResponse first) when first.status() >= 400 ->
                        // The first delivery was refused and failed its invocation: so does every redelivery.
                        throw new MalformedEventException("the event was refused with status " + first.status());
                case IdempotentExecution.Replayed ignored ->
                        log(context, LogLevel.INFO, event, "was redelivered: already handled");
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
