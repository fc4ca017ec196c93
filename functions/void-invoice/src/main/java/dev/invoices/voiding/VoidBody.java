package dev.invoices.voiding;

import dev.invoices.error.FieldError;
import dev.invoices.http.CommandApi;
import dev.invoices.model.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code {"id": "…", "reason": "…"}}, reason optional: the body of {@code POST /v1/invoices/void} and the detail of
 * a {@code Void Invoice} event. A reason is shown to people, so it is plain text: no control characters but line
 * breaks, no lone surrogates, no bidirectional controls.
 */
public record VoidBody(String id, String reason) {
    private static final Set<String> FIELDS = Set.of("id", "reason");

    public static VoidBody parse(Map<String, Object> body) {
        List<FieldError> errors = new ArrayList<>();
        CommandApi.rejectUnknownFields(body, FIELDS, errors);
        String id = CommandApi.requiredId(body, errors);
        Object reason = body.get("reason");
        if (reason != null && !(reason instanceof String)) {
            errors.add(new FieldError("reason", "must be a string"));
        } else if (reason instanceof String text && Text.characters(text) > VoidCommand.MAX_REASON_LENGTH) {
            errors.add(new FieldError("reason", "must be at most " + VoidCommand.MAX_REASON_LENGTH + " characters"));
        } else if (reason instanceof String text && text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            errors.add(new FieldError("reason", "must not contain control characters"));
        } else if (reason instanceof String text && !isWellFormed(text)) {
            errors.add(new FieldError("reason", "must be valid Unicode text"));
        } else if (reason instanceof String text && text.chars().anyMatch(VoidBody::isBidiControl)) {
            errors.add(new FieldError("reason", "must not contain bidirectional control characters"));
        }
        CommandApi.throwIfAny(errors);
        return new VoidBody(id, (String) reason);
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

    /** Characters that reorder how text is displayed (U+202A–202E, U+2066–2069). */
    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
