package dev.invoices.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.auth.Caller;
import dev.invoices.error.AlreadyRegeneratedException;
import dev.invoices.error.InvalidStateException;
import dev.invoices.http.Problems;
import dev.invoices.idempotency.IdempotentExecution;
import dev.invoices.idempotency.StoredResponse;
import dev.invoices.observability.LogLine;
import dev.invoices.observability.Observation;
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

    /**
     * Runs the command, and writes one event line ({@code event_id}, {@code detail_type}, {@code invoice_id},
     * {@code outcome}: {@code handled}, {@code redelivered}, {@code no_change} or {@code failed}), an audit line
     * for a change, and the invocation's metrics.
     *
     * @param invoiceId   the invoice the event names
     * @param fingerprint what makes a redelivery "the same event": detail-type and the parsed detail
     */
    public void run(EventBridgeEvent event, String invoiceId, String fingerprint,
                    Function<AnswerRecorder, CommandResult> command, Context context) {
        Observation observation = new Observation(context, context.getAwsRequestId());
        observation.actor("eventbridge:" + event.id());
        observation.invoiceId(invoiceId);
        try {
            switch (observation.record(execution.execute(Optional.of(event.id()), CALLER, fingerprint,
                    observation.requestId(), command))) {
                case IdempotentExecution.Executed ignored ->
                        finish(observation, event, LogLevel.INFO, "handled", null, null);
                case IdempotentExecution.Replayed(StoredResponse first) when first.status() == WRONG_STATE ->
                        finish(observation, event, LogLevel.WARN, "no_change", "the invoice is in another state",
                                null);
                case IdempotentExecution.Replayed(StoredResponse first) when first.status() >= 400 ->
                        // The first delivery was refused and failed its invocation: so does every redelivery.
                        throw new MalformedEventException("the event was refused with status " + first.status());
                case IdempotentExecution.Replayed ignored ->
                        finish(observation, event, LogLevel.INFO, "redelivered", null, null);
            }
        } catch (InvalidStateException | AlreadyRegeneratedException wrongState) {
            observation.metrics().problem(WRONG_STATE, Problems.from(wrongState, null).code());
            finish(observation, event, LogLevel.WARN, "no_change", wrongState.getMessage(), null);
        } catch (RuntimeException failure) {
            finish(observation, event, LogLevel.ERROR, "failed", null, failure);
            throw failure;
        }
    }

    private static void finish(Observation observation, EventBridgeEvent event, LogLevel level, String outcome,
                               String reason, Throwable failure) {
        LogLine line = LogLine.of(level, "event")
                .with("request_id", observation.requestId())
                .with("event_id", event.id())
                .with("detail_type", event.detailType())
                .with("invoice_id", observation.invoiceId().orElse(null))
                .with("outcome", outcome)
                .with("reason", reason)
                .with("idempotent_replayed", observation.replayed())
                .with("duration_ms", observation.elapsedMillis());
        if (failure != null) {
            line.failure(failure);
        }
        line.writeTo(observation.context());
        observation.metrics().addDynamoDbCounts();
        observation.metrics().writeTo(observation.context(), observation.requestId());
    }
}
