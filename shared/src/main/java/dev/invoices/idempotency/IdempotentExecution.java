package dev.invoices.idempotency;

import dev.invoices.auth.Caller;
import dev.invoices.error.InvoicesException;
import dev.invoices.service.AnswerRecorder;
import dev.invoices.service.CommandResult;
import dev.invoices.service.Outcome;

import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a command under an optional idempotency key, the same way for every transport: HTTP routes key it with
 * {@code Idempotency-Key}, EventBridge commands with the event id. The first answer other than a 5xx is kept
 * and replayed, written together with the change where there is one. The answer is made by the {@link Answers}
 * it is handed, so that this class knows nothing of how a transport renders it.
 */
public final class IdempotentExecution {
    /** How a transport renders the answers kept for replays. */
    public interface Answers {
        StoredResponse answer(Outcome outcome);

        /**
         * The answer to a refusal, quoting the request it answers; a 5xx one frees the key instead of being
         * kept.
         */
        StoredResponse refusal(InvoicesException refused, String requestId);
    }

    /** What an execution did. */
    public sealed interface Execution permits Executed, Replayed {
        StoredResponse answer();
    }

    /** The command ran now: its outcome and the answer that was kept (when keyed). */
    public record Executed(Outcome outcome, StoredResponse answer) implements Execution {
    }

    /** An earlier execution with this key answered; nothing ran now. */
    public record Replayed(StoredResponse answer) implements Execution {
    }

    private final IdempotencyStore store;
    private final Answers answers;

    public IdempotentExecution(IdempotencyStore store, Answers answers) {
        this.store = store;
        this.answers = answers;
    }

    /**
     * Runs {@code command} once per key: a replay returns the stored answer; a refusal (4xx) is stored and
     * rethrown; a failure (5xx or unexpected) frees the key and is rethrown.
     *
     * @param fingerprint what makes two requests with one key "the same request"
     * @param requestId   the request this execution answers: a kept refusal quotes it, and so do its replays
     */
    public Execution execute(Optional<String> key, Caller caller, String fingerprint, String requestId,
                             Function<AnswerRecorder, CommandResult> command) {
        if (key.isEmpty()) {
            Outcome outcome = command.apply(AnswerRecorder.NONE).outcome();
            return new Executed(outcome, answers.answer(outcome));
        }
        IdempotencyStore.Start start = store.begin(caller.idempotencyScope(), key.get(), fingerprint);
        if (start instanceof IdempotencyStore.Replay(StoredResponse stored)) {
            return new Replayed(stored);
        }
        IdempotencyStore.Claim claim = ((IdempotencyStore.Proceed) start).claim();
        try {
            CommandResult result = command.apply(outcome ->
                    Optional.of(store.completion(claim, answers.answer(outcome))));
            StoredResponse answer = answers.answer(result.outcome());
            if (!result.answerRecorded()) {
                store.complete(claim, answer);
            }
            return new Executed(result.outcome(), answer);
        } catch (InvoicesException refused) {
            StoredResponse refusal = answers.refusal(refused, requestId);
            if (refusal.status() >= 500) {
                store.release(claim);
            } else {
                store.complete(claim, refusal);
            }
            throw refused;
        } catch (RuntimeException | Error failure) {
            store.release(claim);
            throw failure;
        }
    }
}
