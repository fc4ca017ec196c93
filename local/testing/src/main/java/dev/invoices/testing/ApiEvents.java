package dev.invoices.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.invoices.json.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Drives handlers through their real entry point with the real event files of {@code events/}: load an event,
 * change what the test is about (query, path parameters, method), invoke, and read the response back. Every
 * response is checked against {@code openapi.yaml} ({@link OpenApiContract}) on the way.
 */
public final class ApiEvents {
    private final Map<String, Object> event;

    private ApiEvents(Map<String, Object> event) {
        this.event = event;
    }

    /**
     * The event in {@code events/NAME}, without the JWT authorizer's claims that the HTTP samples carry (so that
     * they pass with {@code AUTHORIZATION=required} under {@code invoke} and {@code sam local}): each test states
     * its own token with {@link #authorizer}, or has none.
     */
    @SuppressWarnings("unchecked")
    public static ApiEvents load(String name) {
        Map<String, Object> event = Json.readObject(RepositoryFiles.read("events/" + name));
        if (event.get("requestContext") instanceof Map<?, ?> context) {
            ((Map<String, Object>) context).remove("authorizer");
        }
        return new ApiEvents(event);
    }

    /** Replaces the query string; null values are left out. Keeps rawQueryString in step, as API Gateway does. */
    public ApiEvents query(Map<String, String> parameters) {
        Map<String, String> present = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (value != null) {
                present.put(name, value);
            }
        });
        if (present.isEmpty()) {
            event.remove("queryStringParameters");
        } else {
            event.put("queryStringParameters", new LinkedHashMap<String, Object>(present));
        }
        event.put("rawQueryString", present.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        return this;
    }

    public ApiEvents pathParameter(String name, String value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> path = (Map<String, Object>) event.computeIfAbsent("pathParameters",
                key -> new LinkedHashMap<String, Object>());
        path.put(name, value);
        return this;
    }

    /** Replaces the body (and content-length, as API Gateway would send it). */
    public ApiEvents body(String body) {
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return header("content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
    }

    /** Sets a header (lower-case name, as HTTP API delivers it); null removes it. */
    @SuppressWarnings("unchecked")
    public ApiEvents header(String name, String value) {
        Map<String, Object> headers = (Map<String, Object>) event.computeIfAbsent("headers",
                key -> new LinkedHashMap<String, Object>());
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    /** Adds what the HTTP API JWT authorizer passes on: the token's claims and scopes. */
    @SuppressWarnings("unchecked")
    public ApiEvents authorizer(Map<String, String> claims, List<String> scopes) {
        Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
        context.put("authorizer", new LinkedHashMap<>(Map.of("jwt",
                new LinkedHashMap<>(Map.of("claims", new LinkedHashMap<String, Object>(claims),
                        "scopes", List.copyOf(scopes))))));
        return this;
    }

    /** Sets a field of an EventBridge event's {@code detail}, or its {@code id}, for the event files. */
    @SuppressWarnings("unchecked")
    public ApiEvents detail(String field, Object value) {
        ((Map<String, Object>) event.get("detail")).put(field, value);
        return this;
    }

    public ApiEvents eventId(String id) {
        event.put("id", id);
        return this;
    }

    /** Sets the route (as API Gateway names it in {@code routeKey}), in both places payload 2.0 carries it. */
    @SuppressWarnings("unchecked")
    public ApiEvents routeKey(String routeKey) {
        event.put("routeKey", routeKey);
        ((Map<String, Object>) event.get("requestContext")).put("routeKey", routeKey);
        return this;
    }

    /** Sets API Gateway's request id ({@code requestContext.requestId}). */
    @SuppressWarnings("unchecked")
    public ApiEvents requestId(String requestId) {
        ((Map<String, Object>) event.get("requestContext")).put("requestId", requestId);
        return this;
    }

    public ApiEvents method(String method) {
        @SuppressWarnings("unchecked")
        Map<String, Object> http = (Map<String, Object>) ((Map<String, Object>) event.get("requestContext"))
                .get("http");
        http.put("method", method);
        return this;
    }

    /** The event as the JSON Lambda would deliver. */
    public String json() {
        return Json.write(g -> writeValue(g, event));
    }

    /** Invokes the handler with this event, as the Lambda runtime would. */
    public ApiResponse invoke(RequestStreamHandler handler) {
        return invoke(handler, new TestContext());
    }

    /** Invokes the handler with this event as EventBridge would (asynchronously, output ignored). */
    public void deliver(RequestStreamHandler handler, TestContext context) {
        try {
            handler.handleRequest(new ByteArrayInputStream(json().getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ApiResponse invoke(RequestStreamHandler handler, TestContext context) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(json().getBytes(StandardCharsets.UTF_8)), output, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ApiResponse response = ApiResponse.parse(output.toString(StandardCharsets.UTF_8));
        if (event.get("routeKey") instanceof String routeKey) {
            OpenApiContract.check(routeKey, method(), response);
        }
        return response;
    }

    @SuppressWarnings("unchecked")
    private String method() {
        Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
        Object http = context == null ? null : context.get("http");
        return http instanceof Map<?, ?> map && map.get("method") instanceof String method ? method : "";
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String text -> g.writeString(text);
            case BigDecimal number -> g.writeNumber(number);
            case Boolean flag -> g.writeBoolean(flag);
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    g.writeFieldName((String) entry.getKey());
                    writeValue(g, entry.getValue());
                }
                g.writeEndObject();
            }
            case List<?> list -> {
                g.writeStartArray();
                for (Object item : list) {
                    writeValue(g, item);
                }
                g.writeEndArray();
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }
}
