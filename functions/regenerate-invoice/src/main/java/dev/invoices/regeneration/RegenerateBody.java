package dev.invoices.regeneration;

import dev.invoices.error.FieldError;
import dev.invoices.http.CommandApi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code {"id": "…"}}: the body of {@code POST /v1/invoices/regenerate} and the detail of a {@code Regenerate Invoice} event. */
public record RegenerateBody(String id) {
    private static final Set<String> FIELDS = Set.of("id");

    public static RegenerateBody parse(Map<String, Object> body) {
        List<FieldError> errors = new ArrayList<>();
        CommandApi.rejectUnknownFields(body, FIELDS, errors);
        String id = CommandApi.requiredId(body, errors);
        CommandApi.throwIfAny(errors);
        return new RegenerateBody(id);
    }
}
