package dev.invoices.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.invoices.json.Json;
import dev.invoices.store.DynamoDbRetries;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One invocation's counts, written at its end as one CloudWatch Embedded Metric Format object (docs/observability.md,
 * "Metrics"), by hand: the format is a few lines of JSON, and a library for it would add more to every jar than
 * the lines it saves. Every metric has the dimension {@code function}; {@link #CONFLICTS} and
 * {@link #CLIENT_ERRORS} are also published by {@code function} and {@code code}, the problem's. Nothing is
 * written for an invocation that counted nothing.
 */
public final class Metrics {
    /** The variable that names the namespace; {@value #DEFAULT_NAMESPACE} when it is unset. */
    public static final String NAMESPACE_VARIABLE = "METRICS_NAMESPACE";
    public static final String DEFAULT_NAMESPACE = "Invoices";

    public static final String VOIDS = "Voids";
    public static final String REGENERATIONS = "Regenerations";
    public static final String DRAFTS_REFRESHED = "DraftsRefreshed";
    public static final String IDEMPOTENT_REPLAYS = "IdempotentReplays";
    public static final String CONFLICTS = "Conflicts";
    public static final String CLIENT_ERRORS = "ClientErrors";
    public static final String DYNAMODB_RETRIES = "DynamoDbRetries";
    public static final String DYNAMODB_THROTTLES = "DynamoDbThrottles";

    private static final String NAMESPACE = namespace(System.getenv());

    private final String namespace;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Long> countsByCode = new LinkedHashMap<>();
    private String code;

    /** The counts of one invocation, in the namespace the environment names. */
    public Metrics() {
        this(NAMESPACE);
    }

    public Metrics(String namespace) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /** {@value #NAMESPACE_VARIABLE} when set and not blank, else {@value #DEFAULT_NAMESPACE}. */
    public static String namespace(Map<String, String> environment) {
        String value = environment.get(NAMESPACE_VARIABLE);
        return value == null || value.isBlank() ? DEFAULT_NAMESPACE : value.strip();
    }

    public void add(String metric, long count) {
        if (count > 0) {
            counts.merge(metric, count, Long::sum);
        }
    }

    /** The answer's problem, when it is one: a 4xx is a client error, and a 409 a conflict too. */
    public void problem(int status, String problemCode) {
        if (status < 400 || status >= 500 || problemCode == null) {
            return;
        }
        code = problemCode;
        countsByCode.merge(CLIENT_ERRORS, 1L, Long::sum);
        if (status == 409) {
            countsByCode.merge(CONFLICTS, 1L, Long::sum);
        }
    }

    /** The DynamoDB client's retries and throttled calls since the last invocation ended. */
    public void addDynamoDbCounts() {
        DynamoDbRetries.Counts dynamoDb = DynamoDbRetries.take();
        add(DYNAMODB_RETRIES, dynamoDb.retries());
        add(DYNAMODB_THROTTLES, dynamoDb.throttled());
    }

    /** The EMF object, when anything was counted. */
    public Optional<String> toEmf(Context context, String requestId) {
        if (counts.isEmpty() && countsByCode.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Json.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("_aws");
            g.writeNumberField("Timestamp", Instant.now().toEpochMilli());
            g.writeArrayFieldStart("CloudWatchMetrics");
            if (!counts.isEmpty()) {
                directive(g, counts, false);
            }
            if (!countsByCode.isEmpty()) {
                directive(g, countsByCode, true);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeStringField("level", LogLevel.INFO.name());
            g.writeStringField("kind", "metrics");
            g.writeStringField("request_id", requestId);
            g.writeStringField("function", context.getFunctionName());
            if (!countsByCode.isEmpty()) {
                g.writeStringField("code", code);
            }
            for (Map.Entry<String, Long> count : counts.entrySet()) {
                g.writeNumberField(count.getKey(), count.getValue());
            }
            for (Map.Entry<String, Long> count : countsByCode.entrySet()) {
                g.writeNumberField(count.getKey(), count.getValue());
            }
            g.writeEndObject();
        }));
    }

    /** Writes the EMF object to the invocation's log, when anything was counted. */
    public void writeTo(Context context, String requestId) {
        toEmf(context, requestId).ifPresent(emf -> LogLine.write(context, LogLevel.INFO, emf));
    }

    private void directive(JsonGenerator g, Map<String, Long> metrics, boolean byCode) throws IOException {
        g.writeStartObject();
        g.writeStringField("Namespace", namespace);
        g.writeArrayFieldStart("Dimensions");
        g.writeStartArray();
        g.writeString("function");
        g.writeEndArray();
        if (byCode) {
            g.writeStartArray();
            g.writeString("function");
            g.writeString("code");
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("Metrics");
        for (String name : metrics.keySet()) {
            g.writeStartObject();
            g.writeStringField("Name", name);
            g.writeStringField("Unit", "Count");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
