package dev.invoices.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.json.Json;
import dev.invoices.lambda.InvocationContext;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The Lambda context of one local invocation: a fresh request id, the time left until the template's
 * {@code Timeout}, and a logger that writes to stderr what the Java runtime would send CloudWatch under the
 * template's {@code LogFormat: JSON} (docs/observability.md): a message logged as bytes as it is, one line (the
 * application's JSON objects); a {@code String} wrapped as the runtime wraps it, in an object with
 * {@code timestamp}, {@code message}, {@code level} and {@code AWSRequestId}.
 */
final class LocalContext {
    private LocalContext() {
    }

    static InvocationContext create(String functionName, int timeoutSeconds, int memoryMb, PrintStream log) {
        String requestId = UUID.randomUUID().toString();
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                log(message, LogLevel.UNDEFINED);
            }

            @Override
            public void log(byte[] message) {
                log(message, LogLevel.UNDEFINED);
            }

            @Override
            public void log(String message, LogLevel level) {
                log.println(Json.write(g -> {
                    g.writeStartObject();
                    g.writeStringField("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
                    g.writeStringField("message", message);
                    g.writeStringField("level", level.name());
                    g.writeStringField("AWSRequestId", requestId);
                    g.writeEndObject();
                }));
            }

            @Override
            public void log(byte[] message, LogLevel level) {
                String line = new String(message, StandardCharsets.UTF_8);
                log.print(line.endsWith("\n") ? line : line + "\n");
                log.flush();
            }
        };
        return new InvocationContext(functionName, requestId, Duration.ofSeconds(timeoutSeconds), memoryMb, logger);
    }
}
