package dev.invoices.testing;

import dev.invoices.store.InvoiceTable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Integration test of the test base: a table made from template.yaml, over HTTP, and the atomicity every other
 * test relies on. It holds on any engine the seam points at, real DynamoDB included.
 */
class LocalDynamoDbIT extends LocalDynamoDb {

    @Test
    void aTableFromTheTemplate_isActiveWithItsIndexesAndTtl() {
        // given
        String table = createInvoicesTable();

        // when
        TableDescription description = client().describeTable(r -> r.tableName(table)).table();

        // then
        assertEquals("ACTIVE", description.tableStatusAsString());
        assertEquals(List.of(InvoiceTable.BY_CUSTOMER_INDEX, InvoiceTable.BY_CUSTOMER_STATUS_INDEX,
                        InvoiceTable.DRAFTS_INDEX),
                description.globalSecondaryIndexes().stream().map(GlobalSecondaryIndexDescription::indexName).sorted().toList());
        assertEquals(InvoiceTable.EXPIRES_AT, client().describeTimeToLive(r -> r.tableName(table))
                .timeToLiveDescription().attributeName());
    }

    @Test
    void anInvoicePut_isFoundByQueryingByCustomer_andNotUnderAnotherCustomer() {
        // given
        String table = createInvoicesTable();
        DynamoDbClient client = client();
        Map<String, AttributeValue> item = Map.of(
                InvoiceTable.PK, s("INVOICE#inv_1"),
                InvoiceTable.ENTITY, s(InvoiceTable.ENTITY_INVOICE),
                InvoiceTable.CUSTOMER_ID, s("acme-corp"),
                InvoiceTable.CUSTOMER_STATUS, s("acme-corp#FINALIZED"),
                InvoiceTable.PERIOD_KEY, s("2024-10-01T00:00:00.000000000Z#inv_1"),
                "total", AttributeValue.fromN("12.5"));
        client.putItem(r -> r.tableName(table).item(item));

        // when
        QueryResponse mine = queryByCustomer(client, table, "acme-corp");
        QueryResponse theirs = queryByCustomer(client, table, "globex");

        // then
        assertEquals(List.of(item), mine.items());
        assertFalse(mine.hasLastEvaluatedKey());
        assertEquals(List.of(), theirs.items());
    }

    @Test
    void tablesCreatedOneAfterAnother_haveDistinctNames() {
        assertNotEquals(createInvoicesTable(), createInvoicesTable());
    }

    @Test
    void theServer_listensOnLoopbackOnly() throws SocketException {
        // given
        assertEquals("127.0.0.1", endpoint().getHost());
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");

        // when / then
        assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(external.get(), endpoint().getPort()), 1_000);
            }
        });
    }

    @Test
    void twentyConcurrentConditionalTransactions_onOneNewItem_commitExactlyOnce() throws Exception {
        // given: 20 rounds, each of 20 writers racing to create the same item, all released at once
        String table = createInvoicesTable();
        int writers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 20; round++) {
                String pk = "INVOICE#race-" + round;
                CyclicBarrier start = new CyclicBarrier(writers);
                List<Future<Boolean>> outcomes = new ArrayList<>();

                // when
                for (int writer = 0; writer < writers; writer++) {
                    String who = Integer.toString(writer);
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return createOnce(table, pk, who);
                    }));
                }

                // then: one winner, and the item is the winner's
                List<Integer> winners = new ArrayList<>();
                for (int writer = 0; writer < writers; writer++) {
                    if (outcomes.get(writer).get()) {
                        winners.add(writer);
                    }
                }
                assertEquals(1, winners.size(), "round " + round + ": writers that committed " + winners);
                assertEquals(s(Integer.toString(winners.getFirst())), client().getItem(r -> r.tableName(table)
                        .key(Map.of(InvoiceTable.PK, s(pk))).consistentRead(true)).item().get("writer"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTransactionWhoseLastConditionFails_leavesTheItemsItUpdatedFirstUnchanged() {
        // given
        String table = createInvoicesTable();
        client().putItem(r -> r.tableName(table).item(Map.of(InvoiceTable.PK, s("COUNTER#a"), "n", n("1"))));
        client().putItem(r -> r.tableName(table).item(Map.of(InvoiceTable.PK, s("INVOICE#taken"))));

        // when: an update that would succeed, then a create whose condition fails
        assertThrows(TransactionCanceledException.class, () -> client().transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of(InvoiceTable.PK, s("COUNTER#a")))
                        .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", n("1")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of(InvoiceTable.PK, s("INVOICE#taken"),
                                "writer", s("late")))
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", InvoiceTable.PK))).build())));

        // then
        assertEquals(List.of(Map.of(InvoiceTable.PK, s("COUNTER#a"), "n", n("1")),
                        Map.of(InvoiceTable.PK, s("INVOICE#taken"))),
                client().scan(r -> r.tableName(table).consistentRead(true)).items().stream()
                        .sorted(Comparator.comparing(item -> item.get(InvoiceTable.PK).s())).toList());
    }

    /** One conditional TransactWriteItems that creates {@code pk}; true if it committed. */
    private static boolean createOnce(String table, String pk, String writer) {
        try {
            client().transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().put(p -> p.tableName(table)
                    .item(Map.of(InvoiceTable.PK, s(pk), "writer", s(writer)))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", InvoiceTable.PK))).build()));
            return true;
        } catch (TransactionCanceledException lost) {
            return false;
        }
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    private static QueryResponse queryByCustomer(DynamoDbClient client, String table, String customerId) {
        return client.query(r -> r.tableName(table)
                .indexName(InvoiceTable.BY_CUSTOMER_INDEX)
                .keyConditionExpression("#c = :c")
                .expressionAttributeNames(Map.of("#c", InvoiceTable.CUSTOMER_ID))
                .expressionAttributeValues(Map.of(":c", s(customerId))));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
