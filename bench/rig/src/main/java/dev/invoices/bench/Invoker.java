package dev.invoices.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.json.Json;
import dev.invoices.testing.TestContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Calls a handler through its real entry point ({@code handleRequest} with the event's bytes), timing only that
 * call, and checks the status afterwards.
 */
final class Invoker {
    private final RequestStreamHandler handler;
    private final TestContext context = new TestContext();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
    private long lastNanos;

    Invoker(RequestStreamHandler handler) {
        this.handler = handler;
    }

    /** Invokes, and returns the payload-2.0 response; fails unless its status is 2xx. */
    Map<String, Object> invoke(byte[] event) {
        out.reset();
        ByteArrayInputStream in = new ByteArrayInputStream(event);
        try {
            long start = System.nanoTime();
            handler.handleRequest(in, out, context);
            lastNanos = System.nanoTime() - start;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> response = Json.readEvent(out.toString(StandardCharsets.UTF_8));
        Object status = response.get("statusCode");
        if (!(status instanceof BigDecimal code) || code.intValue() / 100 != 2) {
            throw new IllegalStateException("status " + status + ": " + response.get("body"));
        }
        return response;
    }

    /** How long the last {@code handleRequest} took. */
    long lastNanos() {
        return lastNanos;
    }

    /** The {@code next_page} of a list response, or null. */
    static String nextPage(Map<String, Object> response) {
        return (String) Json.readObject((String) response.get("body")).get("next_page");
    }
}
