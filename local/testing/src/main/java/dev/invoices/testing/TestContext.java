package dev.invoices.testing;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.json.Json;
import dev.invoices.lambda.InvocationContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * A Lambda context for tests (aws-lambda-java-tests has none): a fresh request id, a 15 s budget like the
 * functions' timeout, and a logger that keeps every line so tests can assert on what was logged. A line logged
 * as bytes is kept as Lambda stores it (the application's JSON object, as it is); {@link #logObjects} parses them.
 */
public final class TestContext extends InvocationContext {
    private final CapturingLogger logger;
    private final Optional<IntSupplier> remainingMillis;

    public TestContext() {
        this(new CapturingLogger(), Optional.empty());
    }

    private TestContext(CapturingLogger logger, Optional<IntSupplier> remainingMillis) {
        super("test", UUID.randomUUID().toString(), Duration.ofSeconds(15), 1024, logger);
        this.logger = logger;
        this.remainingMillis = remainingMillis;
    }

    /** A context whose time left is what {@code remainingMillis} answers each time, for running out of time. */
    public static TestContext withRemainingTime(IntSupplier remainingMillis) {
        return new TestContext(new CapturingLogger(), Optional.of(remainingMillis));
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis.map(IntSupplier::getAsInt).orElseGet(super::getRemainingTimeInMillis);
    }

    /** Everything logged so far, one entry per call; calls with a level start with it. */
    public List<String> logLines() {
        return List.copyOf(logger.lines);
    }

    /** The lines that are JSON objects, parsed, in the order they were logged. */
    public List<Map<String, Object>> logObjects() {
        return logger.lines.stream().filter(line -> line.startsWith("{")).map(Json::readObject).toList();
    }

    /** The JSON lines of one {@code kind} ({@code request}, {@code audit}, {@code event}, {@code schedule}). */
    public List<Map<String, Object>> logObjects(String kind) {
        return logObjects().stream().filter(line -> kind.equals(line.get("kind"))).toList();
    }

    /** The Embedded Metric Format objects: the lines with an {@code _aws} member. */
    public List<Map<String, Object>> metricObjects() {
        return logObjects().stream().filter(line -> line.containsKey("_aws")).toList();
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

        @Override
        public void log(byte[] message, LogLevel level) {
            lines.add(new String(message, StandardCharsets.UTF_8).stripTrailing());
        }
    }
}
