package dev.invoices.devtools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration test of the local engine's launcher and of what our front adds to moto: a data folder that keeps
 * every answered write across a stop and a crash, and an engine that never outlives its parent.
 */
class LocalEngineIT {
    private static final String TABLE = "things";

    @TempDir
    Path data;

    @Test
    void restartedOnItsDataFolder_theEngineHasEveryAnsweredWrite_andNoRefusedOne() {
        // given: puts, an update, a delete, a transaction, and a transaction that was refused
        List<Map<String, AttributeValue>> before;
        try (LocalEngine engine = LocalEngine.persistent(data, 0); DynamoDbClient client = engine.newClient()) {
            createTable(client);
            client.putItem(r -> r.tableName(TABLE).item(item("a", "1")));
            client.putItem(r -> r.tableName(TABLE).item(item("b", "1")));
            client.putItem(r -> r.tableName(TABLE).item(item("gone", "1")));
            client.updateItem(r -> r.tableName(TABLE).key(key("a")).updateExpression("ADD n :two")
                    .expressionAttributeValues(Map.of(":two", AttributeValue.fromN("2"))));
            client.deleteItem(r -> r.tableName(TABLE).key(key("gone")));
            client.transactWriteItems(r -> r.transactItems(put("c", "7", false)));
            assertThrows(TransactionCanceledException.class, () -> client.transactWriteItems(r -> r.transactItems(
                    put("d", "1", false), put("b", "9", true))));
            before = scan(client);
        }

        // when
        List<Map<String, AttributeValue>> after;
        try (LocalEngine engine = LocalEngine.persistent(data, 0); DynamoDbClient client = engine.newClient()) {
            after = scan(client);
        }

        // then
        assertEquals(List.of(item("a", "3"), item("b", "1"), item("c", "7")), before);
        assertEquals(before, after);
    }

    @Test
    void aKilledEngine_losesNothingItAnswered_andALineCutShortByTheCrashIsDropped() throws IOException {
        // given: an engine killed outright after the writes it answered, and half a journal line after them
        LocalEngine first = LocalEngine.persistent(data, 0);
        try (DynamoDbClient client = first.newClient()) {
            createTable(client);
            client.putItem(r -> r.tableName(TABLE).item(item("a", "1")));
            ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
            awaitExit(first.pid());
        } finally {
            first.close();
        }
        Files.writeString(data.resolve("journal.jsonl"), "{\"headers\": {\"X-Amz-Tar", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        // when: started again, written to, and started once more
        try (LocalEngine engine = LocalEngine.persistent(data, 0); DynamoDbClient client = engine.newClient()) {
            client.putItem(r -> r.tableName(TABLE).item(item("b", "2")));
        }
        List<Map<String, AttributeValue>> items;
        try (LocalEngine engine = LocalEngine.persistent(data, 0); DynamoDbClient client = engine.newClient()) {
            items = scan(client);
        }

        // then
        assertEquals(List.of(item("a", "1"), item("b", "2")), items);
    }

    @Test
    void inMemory_anEngineKeepsNothing_andListensOnLoopback() {
        try (LocalEngine engine = LocalEngine.inMemory(0); DynamoDbClient client = engine.newClient()) {
            assertEquals(LocalEngine.LOOPBACK, engine.endpoint().getHost());
            assertTrue(engine.dataDirectory().isEmpty());
            assertEquals(List.of(), client.listTables().tableNames());
        }
        assertFalse(Files.exists(data.resolve("journal.jsonl")));
    }

    @Test
    void closingTheEngine_stopsItsProcess() {
        // given
        LocalEngine engine = LocalEngine.inMemory(0);
        long pid = engine.pid();

        // when
        engine.close();

        // then
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    private static void createTable(DynamoDbClient client) {
        client.createTable(r -> r.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH")));
    }

    private static TransactWriteItem put(String pk, String n, boolean onlyIfNew) {
        return TransactWriteItem.builder().put(p -> {
            p.tableName(TABLE).item(item(pk, n));
            if (onlyIfNew) {
                p.conditionExpression("attribute_not_exists(pk)");
            }
        }).build();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    private static Map<String, AttributeValue> item(String pk, String n) {
        return Map.of("pk", AttributeValue.fromS(pk), "n", AttributeValue.fromN(n));
    }

    private static List<Map<String, AttributeValue>> scan(DynamoDbClient client) {
        return client.scan(r -> r.tableName(TABLE)).items().stream()
                .sorted(Comparator.comparing(item -> item.get("pk").s())).toList();
    }

    private static void awaitExit(long pid) {
        ProcessHandle.of(pid).ifPresent(process -> process.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    }
}
