package dev.invoices.testing;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.lambda.InvocationContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Lambda context for tests (aws-lambda-java-tests has none): a fresh request id, a 15 s budget like the
 * functions' timeout, and a logger that keeps every line so tests can assert on what was logged.
 */
public final class TestContext extends InvocationContext {
    private final CapturingLogger logger;

    public TestContext() {
        this(new CapturingLogger());
    }

    private TestContext(CapturingLogger logger) {
        super("test", UUID.randomUUID().toString(), Duration.ofSeconds(15), 1024, logger);
        this.logger = logger;
    }

    /** Everything logged so far, one entry per call; calls with a level start with it. */
    public List<String> logLines() {
        return List.copyOf(logger.lines);
    }

    private static final class CapturingLogger implements LambdaLogger {
        private final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void log(String message) {
            lines.add(message);
        }

        @Override
        public void log(byte[] message) {
            lines.add(new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void log(String message, LogLevel level) {
            lines.add(level + " " + message);
        }
    }
}
