package dev.invoices.http;

import dev.invoices.error.FieldError;
import dev.invoices.error.PayloadTooLargeException;
import dev.invoices.error.UnsupportedMediaTypeException;
import dev.invoices.error.ValidationException;
import dev.invoices.json.Json;
import dev.invoices.model.Ids;
import dev.invoices.model.Text;
import dev.invoices.service.InvoiceCommands;
import dev.invoices.service.InvoiceCommands.Outcome;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The bodies and answers of the command routes ({@code POST /v1/invoices/void}, {@code POST
 * /v1/invoices/regenerate}) and their EventBridge events, which carry the same body as {@code detail}. Bodies
 * are strict: unknown fields are rejected, so no request can slip in {@code status}, {@code total} or
 * {@code version}.
 */
public final class CommandApi {
    /** Contract §5: bodies over 64 KiB are refused. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Set<String> VOID_FIELDS = Set.of("id", "reason");
    private static final Set<String> REGENERATE_FIELDS = Set.of("id");

    private CommandApi() {
    }

    /** {@code {"id": "…", "reason": "…"}}, reason optional. */
    public record VoidBody(String id, String reason) {
    }

    /** {@code {"id": "…"}}. */
    public record RegenerateBody(String id) {
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

    public static VoidBody voidBody(Map<String, Object> body) {
        List<FieldError> errors = new ArrayList<>();
        unknownFields(body, VOID_FIELDS, errors);
        String id = id(body, errors);
        Object reason = body.get("reason");
        if (reason != null && !(reason instanceof String)) {
            errors.add(new FieldError("reason", "must be a string"));
        } else if (reason instanceof String text && Text.characters(text) > InvoiceCommands.MAX_REASON_LENGTH) {
            errors.add(new FieldError("reason", "must be at most " + InvoiceCommands.MAX_REASON_LENGTH + " characters"));
        } else if (reason instanceof String text && text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            errors.add(new FieldError("reason", "must not contain control characters"));
        } else if (reason instanceof String text && !isWellFormed(text)) {
            errors.add(new FieldError("reason", "must be valid Unicode text"));
        } else if (reason instanceof String text && text.chars().anyMatch(CommandApi::isBidiControl)) {
            errors.add(new FieldError("reason", "must not contain bidirectional control characters"));
        }
        throwIfAny(errors);
        return new VoidBody(id, (String) reason);
    }

    public static RegenerateBody regenerateBody(Map<String, Object> body) {
        List<FieldError> errors = new ArrayList<>();
        unknownFields(body, REGENERATE_FIELDS, errors);
        String id = id(body, errors);
        throwIfAny(errors);
        return new RegenerateBody(id);
    }

    /**
     * The answer to a command's outcome: {@code 201} with {@code Location} for a new invoice, {@code 200}
     * otherwise, always {@code {"data": invoice}}.
     */
    public static HttpResponse response(Outcome outcome) {
        if (outcome instanceof InvoiceCommands.Regenerated regenerated) {
            return CanonicalApi.invoiceResponse(201, regenerated.invoice()).withHeader("location",
                    "/v1/customers/" + regenerated.invoice().customerId() + "/invoices/" + regenerated.invoice().id());
        }
        return CanonicalApi.invoiceResponse(200, outcome.invoice());
    }

    private static String id(Map<String, Object> body, List<FieldError> errors) {
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

    private static void unknownFields(Map<String, Object> body, Set<String> known, List<FieldError> errors) {
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

    /** No lone surrogates: JSON escapes can spell them, and they would be stored as '?'. */
    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Characters that reorder how text is displayed (U+202A–202E, U+2066–2069): a reason is shown to people. */
    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
