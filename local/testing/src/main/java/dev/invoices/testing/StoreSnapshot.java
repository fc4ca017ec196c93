package dev.invoices.testing;

import dev.invoices.model.Invoice;
import dev.invoices.store.InvoiceStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a table holds at one moment, for tests that prove a request changed nothing: every seeded invoice as
 * {@link InvoiceStore#get} reads it, and every item of the table from a consistent Scan (test-only: no request
 * path scans). {@link #assertUnchanged} compares both, and the item count, with the table now.
 */
public final class StoreSnapshot {
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final InvoiceStore store;
    private final List<Invoice> seeded;
    private final List<Map<String, AttributeValue>> items;

    private StoreSnapshot(DynamoDbClient dynamoDb, String tableName, List<Invoice> seeded) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.store = new InvoiceStore(dynamoDb, tableName);
        this.seeded = List.copyOf(seeded);
        this.items = scan(dynamoDb, tableName);
    }

    /** Takes a snapshot; each seeded invoice must be stored exactly as given. */
    public static StoreSnapshot of(DynamoDbClient dynamoDb, String tableName, List<Invoice> seeded) {
        StoreSnapshot snapshot = new StoreSnapshot(dynamoDb, tableName, seeded);
        for (Invoice invoice : seeded) {
            assertEquals(Optional.of(invoice), snapshot.store.get(invoice.id()), "seeded " + invoice.id());
        }
        return snapshot;
    }

    /** Every item of the table, read with a consistent Scan, sorted by {@code pk}. */
    public static List<Map<String, AttributeValue>> scan(DynamoDbClient dynamoDb, String tableName) {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(tableName).consistentRead(true);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = dynamoDb.scan(request.build());
            all.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        all.sort(Comparator.comparing(item -> item.get("pk").s()));
        return all;
    }

    /** The number of items in the table now. */
    public int itemCount() {
        return scan(dynamoDb, tableName).size();
    }

    /** Asserts that every seeded invoice, the item count and every item are as when the snapshot was taken. */
    public void assertUnchanged(String label) {
        for (Invoice invoice : seeded) {
            assertEquals(Optional.of(invoice), store.get(invoice.id()), label + ": invoice " + invoice.id() + " changed");
        }
        List<Map<String, AttributeValue>> now = scan(dynamoDb, tableName);
        assertEquals(items.size(), now.size(), label + ": the table's item count changed");
        assertEquals(items, now, label + ": the table's items changed");
    }
}
