package dev.invoices.http;

import dev.invoices.auth.Caller;
import dev.invoices.error.InvoicesException;
import dev.invoices.error.ValidationException;
import dev.invoices.idempotency.IdempotencyStore;
import dev.invoices.idempotency.StoredResponse;
import dev.invoices.service.InvoiceCommands.AnswerRecorder;
import dev.invoices.service.InvoiceCommands.Result;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs a command under an optional idempotency key (docs/api.md, "Void and regenerate"), for the HTTP routes and the
 * EventBridge events alike: the first answer other than a 5xx is kept and replayed, with the change and its
 * answer written together where there is a change.
 */
public final class IdempotentExecution {
    public static final String KEY_HEADER = "idempotency-key";
    public static final String REPLAYED_HEADER = "idempotent-replayed";
    private static final Pattern KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");

    private final IdempotencyStore store;

    public IdempotentExecution(IdempotencyStore store) {
        this.store = store;
    }

    /** The {@code Idempotency-Key} header of a request, checked; empty when it has none. */
    public static Optional<String> key(HttpRequest request) {
        String key = request.header(KEY_HEADER);
        if (key == null) {
            return Optional.empty();
        }
        if (!KEY.matcher(key).matches()) {
            throw ValidationException.of("Idempotency-Key", "must be 1 to 255 printable ASCII characters");
        }
        return Optional.of(key);
    }

    /**
     * Runs {@code command} once per key: a replay returns the stored answer with {@code Idempotent-Replayed:
     * true}; a refusal (4xx) is stored and rethrown; a failure (5xx or unexpected) frees the key and is
     * rethrown.
     *
     * @param fingerprint what makes two requests with one key "the same request"
     */
    public HttpResponse execute(Optional<String> key, Caller caller, String fingerprint,
                                Function<AnswerRecorder, Result> command) {
        if (key.isEmpty()) {
            return CommandApi.response(command.apply(AnswerRecorder.NONE).outcome());
        }
        IdempotencyStore.Start start = store.begin(caller.idempotencyScope(), key.get(), fingerprint);
        if (start instanceof IdempotencyStore.Replay(StoredResponse stored)) {
            return new HttpResponse(stored.status(), stored.headers(), stored.body())
                    .withHeader(REPLAYED_HEADER, "true");
        }
        IdempotencyStore.Claim claim = ((IdempotencyStore.Proceed) start).claim();
        try {
            Result result = command.apply(outcome -> Optional.of(
                    store.completion(claim, stored(CommandApi.response(outcome)))));
            HttpResponse response = CommandApi.response(result.outcome());
            if (!result.answerRecorded()) {
                store.complete(claim, stored(response));
            }
            return response;
        } catch (InvoicesException refused) {
            Problem problem = Problems.from(refused, null);
            if (problem.status() >= 500) {
                store.release(claim);
            } else {
                store.complete(claim, stored(problem.toResponse()));
            }
            throw refused;
        } catch (RuntimeException | Error failure) {
            store.release(claim);
            throw failure;
        }
    }

    private static StoredResponse stored(HttpResponse response) {
        return new StoredResponse(response.statusCode(), response.headers(), response.body());
    }
}
