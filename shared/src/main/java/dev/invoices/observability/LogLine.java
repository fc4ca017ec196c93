package dev.invoices.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.invoices.json.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One application log line: a single JSON object with stable keys, written so that CloudWatch keeps it as
 * fields (docs/observability.md, "How a line reaches CloudWatch").
 *
 * <p>Under {@code LogFormat: JSON} the Java runtime wraps a {@code String} given to {@code LambdaLogger} in its own
 * object, as the escaped text of a {@code "message"} field, so a JSON message would not be queryable by field. A
 * {@code byte[]} message is passed on as it is, one log event, still filtered by the level it is logged at:
 * that is how every line here is written. Each starts with {@code timestamp} (RFC 3339, UTC), {@code level},
 * {@code kind} ({@code request}, {@code event}, {@code schedule}, {@code audit}) and {@code function}; the rest
 * is the kind's own keys, in the order they were added. A key whose value is unknown is written as {@code null},
 * so that each kind has the same keys on every line.
 */
public final class LogLine {
    private final LogLevel level;
    private final String kind;
    private final List<Field> fields = new ArrayList<>();

    private record Field(String name, Object value) {
    }

    private LogLine(LogLevel level, String kind) {
        this.level = level;
        this.kind = kind;
    }

    public static LogLine of(LogLevel level, String kind) {
        return new LogLine(level, kind);
    }

    public LogLevel level() {
        return level;
    }

    /** A string, number, boolean, {@code null}, list of strings, or nested {@code Map<String, ?>} of those. */
    public LogLine with(String name, Object value) {
        fields.add(new Field(name, value));
        return this;
    }

    /** The failure's class and message, and its whole stack trace with causes, in {@code error} and {@code stack}. */
    public LogLine failure(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return with("error", failure.toString()).with("stack", trace.toString().stripTrailing());
    }

    /** The line as Lambda would store it: one JSON object (without the line feed). */
    public String toJson(Context context) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            g.writeStringField("level", level.name());
            g.writeStringField("kind", kind);
            g.writeStringField("function", context.getFunctionName());
            for (Field field : fields) {
                g.writeFieldName(field.name());
                value(g, field.value());
            }
            g.writeEndObject();
        });
    }

    /** Writes the line to the invocation's log, at its level. */
    public void writeTo(Context context) {
        write(context, level, toJson(context));
    }

    /** Writes one JSON object to the invocation's log as it is (see the class comment), ended by a line feed. */
    static void write(Context context, LogLevel level, String json) {
        context.getLogger().log((json + "\n").getBytes(StandardCharsets.UTF_8), level);
    }

    // An if chain rather than a pattern switch, which bootstraps through invokedynamic: a cold-start cost.
    private static void value(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String text) {
            g.writeString(text);
        } else if (value instanceof Integer number) {
            g.writeNumber(number);
        } else if (value instanceof Long number) {
            g.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            g.writeBoolean(flag);
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                value(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> object) {
            g.writeStartObject();
            for (Map.Entry<?, ?> member : object.entrySet()) {
                g.writeFieldName(String.valueOf(member.getKey()));
                value(g, member.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeString(value.toString());
        }
    }
}
