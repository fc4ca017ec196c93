package dev.invoices.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.lambda.InvocationContext;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The Lambda context of one local invocation: a fresh request id, the time left until the template's
 * {@code Timeout}, and a logger that writes each line to stderr prefixed with the function and request id.
 */
final class LocalContext {
    private LocalContext() {
    }

    static InvocationContext create(String functionName, int timeoutSeconds, int memoryMb, PrintStream log) {
        String requestId = UUID.randomUUID().toString();
        String prefix = functionName + " " + requestId + " ";
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                log.println(prefix + message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }

            @Override
            public void log(String message, LogLevel level) {
                log.println(prefix + level + " " + message);
            }
        };
        return new InvocationContext(functionName, requestId, Duration.ofSeconds(timeoutSeconds), memoryMb, logger);
    }
}
