package dev.invoices.testing;

import dev.invoices.store.InvoiceTable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Integration test of the DynamoDB Local test base: a table made from template.yaml, over HTTP on loopback. */
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
