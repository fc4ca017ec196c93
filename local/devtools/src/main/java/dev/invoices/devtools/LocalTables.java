package dev.invoices.devtools;

import dev.invoices.template.CloudFormationTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Creates DynamoDB tables exactly as {@code template.yaml} defines them (key schema, attributes, indexes,
 * billing mode, TTL), so that tests and the local server never repeat the template.
 */
public final class LocalTables {
    private LocalTables() {
    }

    /**
     * Creates the table that {@code logicalId} defines under {@code tableName}, waits until it is active, and
     * turns on TTL when the template does.
     *
     * @throws IllegalArgumentException if the template has no such table
     * @throws software.amazon.awssdk.services.dynamodb.model.ResourceInUseException if the table exists
     */
    public static void create(DynamoDbClient client, CloudFormationTemplate template, String logicalId,
                              String tableName) {
        client.createTable(template.createTableRequest(logicalId, tableName));
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client).build()) {
            waiter.waitUntilTableExists(request -> request.tableName(tableName));
        }
        template.timeToLiveAttribute(logicalId).ifPresent(attribute ->
                client.updateTimeToLive(request -> request
                        .tableName(tableName)
                        .timeToLiveSpecification(ttl -> ttl.attributeName(attribute).enabled(true))));
    }

    /**
     * {@link #create} unless a table named {@code tableName} already exists, as it does when a persistent local
     * store is opened again; an existing table is left as it is.
     *
     * @return true when the table was created, false when it existed
     */
    public static boolean createIfMissing(DynamoDbClient client, CloudFormationTemplate template, String logicalId,
                                          String tableName) {
        try {
            client.describeTable(request -> request.tableName(tableName));
            return false;
        } catch (ResourceNotFoundException missing) {
            create(client, template, logicalId, tableName);
            return true;
        }
    }
}
