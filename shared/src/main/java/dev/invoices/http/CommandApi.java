package dev.invoices.http;

import dev.invoices.error.FieldError;
import dev.invoices.error.InvoicesException;
import dev.invoices.error.PayloadTooLargeException;
import dev.invoices.error.UnsupportedMediaTypeException;
import dev.invoices.error.ValidationException;
import dev.invoices.idempotency.IdempotentExecution;
import dev.invoices.idempotency.StoredResponse;
import dev.invoices.json.Json;
import dev.invoices.model.Ids;
import dev.invoices.service.Outcome;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the command routes ({@code POST /v1/invoices/void}, {@code POST /v1/invoices/regenerate}) share over
 * HTTP: the JSON body's frame, the {@code Idempotency-Key} header, and the answers. Each command's own body is
 * its function's ({@code VoidBody}, {@code RegenerateBody}), built from the checks here. Bodies are strict:
 * unknown fields are rejected, so no request can slip in {@code status}, {@code total} or {@code version}.
 */
public final class CommandApi {
    /** Bodies over 64 KiB are refused (SECURITY.md). */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final String KEY_HEADER = "idempotency-key";
    public static final String REPLAYED_HEADER = "idempotent-replayed";
    private static final Pattern KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");

    /** How the command routes' answers are kept for replays: as the HTTP responses they are. */
    public static final IdempotentExecution.Answers ANSWERS = new IdempotentExecution.Answers() {
        @Override
        public StoredResponse answer(Outcome outcome) {
            return stored(response(outcome));
        }

        @Override
        public StoredResponse refusal(InvoicesException refused, String requestId) {
            return stored(Problems.from(refused, requestId).toResponse());
        }
    };

    private CommandApi() {
    }

    /**
     * The request's body as a JSON object: at most {@value #MAX_BODY_BYTES} bytes (else 413), declared as JSON
     * (else 415), well-formed (else 400).
     */
    public static Map<String, Object> jsonBody(HttpRequest request) {
        if (request.body().length() > MAX_BODY_BYTES
                || request.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new PayloadTooLargeException(MAX_BODY_BYTES);
        }
        if (!isJson(request.header("content-type"))) {
            throw new UnsupportedMediaTypeException();
        }
        if (request.body().isEmpty()) {
            throw ValidationException.of("body", "is required: a JSON object");
        }
        return Json.readObject(request.body());
    }

    /** {@code application/json} or any {@code application/*+json}, with parameters such as a UTF-8 charset. */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        boolean json = type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT).replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return json;
    }

    /**
     * The answer to a command's outcome: {@code 201} with {@code Location} for a new invoice, {@code 200}
     * otherwise, always {@code {"data": invoice}}.
     */
    public static HttpResponse response(Outcome outcome) {
        if (outcome instanceof Outcome.Regenerated regenerated) {
            return CanonicalApi.invoiceResponse(201, regenerated.invoice()).withHeader("location",
                    "/v1/customers/" + regenerated.invoice().customerId() + "/invoices/" + regenerated.invoice().id());
        }
        return CanonicalApi.invoiceResponse(200, outcome.invoice());
    }

    /** The answer to an execution: the kept answer, marked {@code Idempotent-Replayed: true} on a replay. */
    public static HttpResponse response(IdempotentExecution.Execution execution) {
        StoredResponse answer = execution.answer();
        HttpResponse response = new HttpResponse(answer.status(), answer.headers(), answer.body());
        return execution instanceof IdempotentExecution.Replayed ? response.withHeader(REPLAYED_HEADER, "true") : response;
    }

    /** The {@code Idempotency-Key} header of a request, checked; empty when it has none. */
    public static Optional<String> idempotencyKey(HttpRequest request) {
        String key = request.header(KEY_HEADER);
        if (key == null) {
            return Optional.empty();
        }
        if (!KEY.matcher(key).matches()) {
            throw ValidationException.of("Idempotency-Key", "must be 1 to 255 printable ASCII characters");
        }
        return Optional.of(key);
    }

    private static StoredResponse stored(HttpResponse response) {
        return new StoredResponse(response.statusCode(), response.headers(), response.body());
    }

    /** The body's {@code id}: present and a valid invoice id, else an error for it. */
    public static String requiredId(Map<String, Object> body, List<FieldError> errors) {
        Object id = body.get("id");
        if (id == null) {
            errors.add(new FieldError("id", "is required"));
            return null;
        }
        if (!(id instanceof String text) || !Ids.isValid(text)) {
            errors.add(new FieldError("id", Ids.rule()));
            return null;
        }
        return text;
    }

    /** An error naming each field the body has that the command does not take (ten at most). */
    public static void rejectUnknownFields(Map<String, Object> body, Set<String> known, List<FieldError> errors) {
        body.keySet().stream()
                .filter(name -> !known.contains(name))
                .sorted()
                .limit(10)
                .forEach(name -> errors.add(new FieldError(shortened(name), "is not a field of this request")));
    }

    /** A client's field name cut to 64 characters for the answer, never inside a surrogate pair. */
    private static String shortened(String name) {
        if (name.length() <= 64) {
            return name;
        }
        return name.substring(0, Character.isHighSurrogate(name.charAt(63)) ? 63 : 64);
    }

    /** A validation problem listing every error, when there is one. */
    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
