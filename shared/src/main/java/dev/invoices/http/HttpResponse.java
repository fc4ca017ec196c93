package dev.invoices.http;

import dev.invoices.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response in API Gateway HTTP API (payload format 2.0) form. */
public record HttpResponse(int statusCode, Map<String, String> headers, String body) {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    /** A JSON response with the headers every response carries: billing data is private and never cached. */
    public static HttpResponse json(int statusCode, String body) {
        return withContentType(statusCode, JSON, body, Map.of());
    }

    static HttpResponse withContentType(int statusCode, String contentType, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("cache-control", "no-store");
        headers.put("x-content-type-options", "nosniff");
        headers.putAll(extra);
        return new HttpResponse(statusCode, headers, body);
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(statusCode, copy, body);
    }

    /** Writes the Lambda result that API Gateway turns into the HTTP response. */
    public void writeEvent(OutputStream out) throws IOException {
        String event = Json.write(g -> {
            g.writeStartObject();
            g.writeNumberField("statusCode", statusCode);
            g.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                g.writeStringField(header.getKey(), header.getValue());
            }
            g.writeEndObject();
            g.writeStringField("body", body);
            g.writeBooleanField("isBase64Encoded", false);
            g.writeEndObject();
        });
        out.write(event.getBytes(StandardCharsets.UTF_8));
    }
}
