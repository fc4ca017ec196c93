package dev.invoices.config;

import java.util.Map;
import java.util.Optional;

/**
 * What a function reads from its environment, once per container. The DynamoDB endpoint is not read here: the
 * SDK resolves it itself ({@code DynamoDbClients#create(String)}), as every AWS tool does.
 *
 * @param tableName    {@code TABLE_NAME}: the invoices table (required)
 * @param region       {@code AWS_REGION}, which Lambda always sets; {@code us-east-1} when absent (local use)
 * @param cursorSecret {@code CURSOR_SECRET}: key material for list cursors (only the list function needs it)
 * @param authorizationRequired {@code AUTHORIZATION}: {@code required} (the default, whenever the variable is
 *                     absent) or {@code off}, for local use only, where every route acts for any customer
 */
public record ServiceConfig(String tableName, String region, Optional<String> cursorSecret,
                            boolean authorizationRequired) {
    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String CURSOR_SECRET = "CURSOR_SECRET";
    public static final String AUTHORIZATION = "AUTHORIZATION";

    public static ServiceConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static ServiceConfig from(Map<String, String> env) {
        String table = nonBlank(env.get(TABLE_NAME))
                .orElseThrow(() -> new IllegalStateException(TABLE_NAME + " is not set"));
        String authorization = nonBlank(env.get(AUTHORIZATION)).orElse("required");
        if (!authorization.equals("required") && !authorization.equals("off")) {
            throw new IllegalStateException(AUTHORIZATION + " must be required or off");
        }
        return new ServiceConfig(table, nonBlank(env.get("AWS_REGION")).orElse("us-east-1"),
                nonBlank(env.get(CURSOR_SECRET)), authorization.equals("required"));
    }

    /** This configuration with authorization required or off. */
    public ServiceConfig withAuthorizationRequired(boolean required) {
        return new ServiceConfig(tableName, region, cursorSecret, required);
    }

    /** The cursor secret, for the functions that hand out cursors; fails at start-up when it is missing. */
    public String requireCursorSecret() {
        return cursorSecret.orElseThrow(() -> new IllegalStateException(CURSOR_SECRET + " is not set"));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
