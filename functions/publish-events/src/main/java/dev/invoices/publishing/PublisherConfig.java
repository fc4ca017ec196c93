package dev.invoices.publishing;

import java.util.Map;
import java.util.Optional;

/**
 * What the publisher reads from its environment, once per container.
 *
 * @param busName {@code EVENT_BUS_NAME}: the bus the events go to (required; the template sets it)
 * @param source  {@code EVENT_SOURCE}: the events' {@code source}, {@value #DEFAULT_SOURCE} when unset
 * @param region  {@code AWS_REGION}, which Lambda always sets; {@code us-east-1} when absent (local use)
 */
public record PublisherConfig(String busName, String source, String region) {
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    public static final String EVENT_SOURCE = "EVENT_SOURCE";
    public static final String DEFAULT_SOURCE = "invoices";

    public static PublisherConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static PublisherConfig from(Map<String, String> env) {
        String bus = nonBlank(env.get(EVENT_BUS_NAME))
                .orElseThrow(() -> new IllegalStateException(EVENT_BUS_NAME + " is not set"));
        return new PublisherConfig(bus, nonBlank(env.get(EVENT_SOURCE)).orElse(DEFAULT_SOURCE),
                nonBlank(env.get("AWS_REGION")).orElse("us-east-1"));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
