package dev.invoices.config;

import dev.invoices.store.DynamoDbClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Objects;

/**
 * What a handler needs from outside, built once per container: its configuration, the DynamoDB client and
 * the clock. Lambda's entry constructors use {@link #fromEnvironment()}; tests and the local server build one
 * around the local DynamoDB engine.
 */
public record Dependencies(ServiceConfig config, DynamoDbClient dynamoDb, Clock clock) {
    public Dependencies {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(clock, "clock");
    }

    public static Dependencies fromEnvironment() {
        ServiceConfig config = ServiceConfig.fromEnvironment();
        return new Dependencies(config, DynamoDbClients.create(config.region()), Clock.systemUTC());
    }
}
