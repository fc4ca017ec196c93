package dev.invoices.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.config.Dependencies;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A test handler: answers 200 with the event it received as the body, and its configuration in headers. */
public final class EchoHandler implements RequestStreamHandler {
    private final Dependencies dependencies;

    public EchoHandler(Dependencies dependencies) {
        this.dependencies = dependencies;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("x-table-name", dependencies.config().tableName());
        headers.put("x-cursor-secret-length",
                Integer.toString(dependencies.config().cursorSecret().map(String::length).orElse(0)));
        headers.put("x-remaining-ms", Integer.toString(context.getRemainingTimeInMillis()));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", new BigDecimal(200));
        response.put("headers", headers);
        response.put("cookies", List.of("session=abc; HttpOnly", "theme=dark"));
        response.put("body", event);
        response.put("isBase64Encoded", false);
        output.write(JsonValues.write(response).getBytes(StandardCharsets.UTF_8));
    }
}
