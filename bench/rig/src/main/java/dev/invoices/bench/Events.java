package dev.invoices.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The event files of events/, as sent, or with the few changes a benchmark needs made to their text. */
final class Events {
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("\"idempotency-key\": \"([^\"]*)\"");
    private static final Pattern QUERY = Pattern.compile("\"queryStringParameters\": \\{[^}]*}");
    private static final Pattern RAW_QUERY = Pattern.compile("\"rawQueryString\": \"[^\"]*\"");
    private static final AtomicLong KEYS = new AtomicLong();

    private final Path directory;

    Events(Path directory) {
        this.directory = directory;
    }

    String read(String name) {
        try {
            return Files.readString(directory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event with a new Idempotency-Key, so that each invocation does the work instead of replaying. */
    static String freshKey(String event) {
        Matcher key = IDEMPOTENCY_KEY.matcher(event);
        if (!key.find()) {
            throw new IllegalArgumentException("the event has no idempotency-key header");
        }
        return key.replaceFirst("\"idempotency-key\": \"$1-bench-" + KEYS.incrementAndGet() + "\"");
    }

    /** The list event for another customer and query string (rawQueryString kept in step, as API Gateway does). */
    static String listEvent(String template, String customer, Map<String, String> query) {
        String raw = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String parameters = query.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "\"queryStringParameters\": {", "}"));
        String event = QUERY.matcher(template).replaceFirst(Matcher.quoteReplacement(parameters));
        event = RAW_QUERY.matcher(event).replaceFirst(Matcher.quoteReplacement("\"rawQueryString\": \"" + raw + "\""));
        return event.replace(Seed.EVENT_CUSTOMER, customer);
    }

    static byte[] bytes(String event) {
        return event.getBytes(StandardCharsets.UTF_8);
    }
}
