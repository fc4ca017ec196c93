package dev.invoices.http;

import dev.invoices.error.FieldError;
import dev.invoices.json.Json;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An RFC 9457 problem: {@code type}, {@code title}, {@code status}, {@code detail}, and the stable
 * {@code code} clients branch on; validation problems list each field in {@code errors}; {@code request_id}
 * names the request that got the answer (a replayed answer keeps the first request's). {@code extensions} are
 * further members (RFC 9457 extension members), such as the replacement of an already regenerated invoice.
 */
public record Problem(int status, String code, String title, String detail, List<FieldError> errors,
                      String requestId, Map<String, String> headers, Map<String, String> extensions) {
    /** Problem types are URNs: stable names that do not pretend to be documentation URLs. */
    public static final String TYPE_PREFIX = "urn:invoices:problem:";

    public Problem {
        errors = List.copyOf(errors);
        headers = Map.copyOf(headers);
        extensions = Map.copyOf(extensions);
    }

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem(status, code, title, detail, List.of(), null, Map.of(), Map.of());
    }

    /** This problem, quoting the request it answers. */
    public Problem withRequestId(String id) {
        return new Problem(status, code, title, detail, errors, id, headers, extensions);
    }

    public HttpResponse toResponse() {
        String body = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("type", TYPE_PREFIX + code);
            g.writeStringField("title", title);
            g.writeNumberField("status", status);
            g.writeStringField("detail", detail);
            g.writeStringField("code", code);
            if (!errors.isEmpty()) {
                g.writeArrayFieldStart("errors");
                for (FieldError error : errors) {
                    g.writeStartObject();
                    g.writeStringField("field", error.field());
                    g.writeStringField("message", error.message());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            for (Map.Entry<String, String> extension : new TreeMap<>(extensions).entrySet()) {
                g.writeStringField(extension.getKey(), extension.getValue());
            }
            if (requestId != null) {
                g.writeStringField("request_id", requestId);
            }
            g.writeEndObject();
        });
        return HttpResponse.withContentType(status, HttpResponse.PROBLEM_JSON, body, headers);
    }
}
