package dev.invoices.config;

import dev.invoices.auth.TokenRules;

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
 * @param tokens       {@code READ_SCOPE}, {@code WRITE_SCOPE}, {@code ADMIN_SCOPE}, {@code CUSTOMER_CLAIM}: how
 *                     a token is read (each defaults to {@link TokenRules#DEFAULT}'s)
 */
public record ServiceConfig(String tableName, String region, Optional<String> cursorSecret,
                            boolean authorizationRequired, TokenRules tokens) {
    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String CURSOR_SECRET = "CURSOR_SECRET";
    public static final String AUTHORIZATION = "AUTHORIZATION";
    public static final String READ_SCOPE = "READ_SCOPE";
    public static final String WRITE_SCOPE = "WRITE_SCOPE";
    public static final String ADMIN_SCOPE = "ADMIN_SCOPE";
    public static final String CUSTOMER_CLAIM = "CUSTOMER_CLAIM";

    /** A configuration that reads tokens by the default rules. */
    public ServiceConfig(String tableName, String region, Optional<String> cursorSecret,
                         boolean authorizationRequired) {
        this(tableName, region, cursorSecret, authorizationRequired, TokenRules.DEFAULT);
    }

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
        TokenRules defaults = TokenRules.DEFAULT;
        TokenRules tokens = new TokenRules(
                nonBlank(env.get(READ_SCOPE)).orElse(defaults.readScope()),
                nonBlank(env.get(WRITE_SCOPE)).orElse(defaults.writeScope()),
                nonBlank(env.get(ADMIN_SCOPE)).orElse(defaults.adminScope()),
                nonBlank(env.get(CUSTOMER_CLAIM)).orElse(defaults.customerClaim()));
        return new ServiceConfig(table, nonBlank(env.get("AWS_REGION")).orElse("us-east-1"),
                nonBlank(env.get(CURSOR_SECRET)), authorization.equals("required"), tokens);
    }

    /** This configuration with authorization required or off. */
    public ServiceConfig withAuthorizationRequired(boolean required) {
        return new ServiceConfig(tableName, region, cursorSecret, required, tokens);
    }

    /** This configuration reading tokens by {@code rules}. */
    public ServiceConfig withTokenRules(TokenRules rules) {
        return new ServiceConfig(tableName, region, cursorSecret, authorizationRequired, rules);
    }

    /** The cursor secret, for the functions that hand out cursors; fails at start-up when it is missing. */
    public String requireCursorSecret() {
        return cursorSecret.orElseThrow(() -> new IllegalStateException(CURSOR_SECRET + " is not set"));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
