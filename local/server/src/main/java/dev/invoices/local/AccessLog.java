package dev.invoices.local;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The local server's line per request, in the shape of the HTTP API's access log as the template defines it
 * ({@code AccessLogSettings.Format}): one JSON object with the same keys, every value a string, {@code "-"} where
 * API Gateway has no value. So a local run prints what CloudWatch would hold: this line, and the handlers' own
 * JSON request, audit and metrics lines.
 */
final class AccessLog {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final String NONE = "-";

    private final Map<String, String> fields = new LinkedHashMap<>();

    /** A request's line, with what is known when it arrives; the rest is {@code "-"} until set. */
    AccessLog(String requestId, Instant time, String sourceIp, String userAgent) {
        for (String key : new String[]{"requestId", "time", "routeKey", "status", "responseLatency",
                "integrationLatency", "integrationStatus", "integrationError", "authorizerError", "customerId",
                "clientId", "sourceIp", "userAgent"}) {
            fields.put(key, NONE);
        }
        set("requestId", requestId);
        set("time", REQUEST_TIME.format(time));
        set("sourceIp", sourceIp);
        set("userAgent", userAgent);
    }

    /** Sets a field; a null or empty value stays {@code "-"}, as API Gateway writes it. */
    AccessLog set(String key, Object value) {
        if (!fields.containsKey(key)) {
            throw new IllegalArgumentException("the access log has no " + key);
        }
        String text = value == null ? "" : value.toString();
        fields.put(key, text.isEmpty() ? NONE : text);
        return this;
    }

    void writeTo(PrintStream log) {
        log.println(JsonValues.write(fields));
    }
}
