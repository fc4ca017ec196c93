package dev.invoices.http;

import dev.invoices.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response in API Gateway HTTP API (payload format 2.0) form.
 *
 * @param body            the body as text, or, when {@code base64Encoded}, binary bytes in base64, which API
 *                        Gateway decodes before it answers the client
 * @param base64Encoded   whether {@code body} is base64 of binary bytes
 */
public record HttpResponse(int statusCode, Map<String, String> headers, String body, boolean base64Encoded) {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    /** A text response. */
    public HttpResponse(int statusCode, Map<String, String> headers, String body) {
        this(statusCode, headers, body, false);
    }

    /**
     * A binary response ({@code application/pdf}, say), sent base64-encoded. {@code headers} replace the defaults
     * of {@link #json}; {@code x-content-type-options: nosniff} is always set.
     */
    public static HttpResponse binary(int statusCode, String contentType, byte[] body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("content-type", contentType);
        all.put("x-content-type-options", "nosniff");
        all.putAll(headers);
        return new HttpResponse(statusCode, all, Base64.getEncoder().encodeToString(body), true);
    }

    /** A response without a body, such as {@code 304 Not Modified}. */
    public static HttpResponse empty(int statusCode, Map<String, String> headers) {
        return new HttpResponse(statusCode, headers, "", false);
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
        return new HttpResponse(statusCode, copy, body, base64Encoded);
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
            g.writeBooleanField("isBase64Encoded", base64Encoded);
            g.writeEndObject();
        });
        out.write(event.getBytes(StandardCharsets.UTF_8));
    }
}
