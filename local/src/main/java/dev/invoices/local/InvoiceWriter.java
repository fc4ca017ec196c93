package dev.invoices.local;

import dev.invoices.model.Invoice;
import dev.invoices.store.InvoiceItemMapper;
import dev.invoices.store.InvoiceTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Bulk reads and writes of invoices through the item mapper: {@code BatchGetItem} (strongly consistent, 100
 * keys a call) and {@code BatchWriteItem} (25 puts a call), each retrying what DynamoDB leaves unprocessed with
 * exponential backoff, as the SDK documentation asks.
 */
final class InvoiceWriter {
    static final int WRITE_BATCH = 25;
    static final int READ_BATCH = 100;
    private static final int MAX_ATTEMPTS = 10;
    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final DynamoDbClient client;
    private final String tableName;

    InvoiceWriter(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    /** Whether the table holds no item at all (one Scan of one item: a dev-tool question, never a request path). */
    boolean isEmpty() {
        return client.scan(scan -> scan.tableName(tableName).limit(1)).count() == 0;
    }

    /** The stored items of these invoice ids, by id; ids that are not stored are absent. */
    Map<String, Map<String, AttributeValue>> getAll(List<String> ids) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += READ_BATCH) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + READ_BATCH))
                    .stream()
                    .map(id -> Map.of(InvoiceTable.PK, AttributeValue.fromS(InvoiceTable.invoicePk(id))))
                    .toList();
            Map<String, KeysAndAttributes> pending = Map.of(tableName,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = client.batchGetItem(get -> get.requestItems(request));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                    found.put(item.get(InvoiceTable.PK).s().substring("INVOICE#".length()), item);
                }
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!pending.isEmpty()) {
                    backOff(attempt, "BatchGetItem");
                }
            }
        }
        return found;
    }

    /**
     * Puts every invoice, 25 a call.
     *
     * @param progress told the number written so far after each batch
     */
    void putAll(List<Invoice> invoices, IntConsumer progress) {
        int written = 0;
        for (int from = 0; from < invoices.size(); from += WRITE_BATCH) {
            List<Invoice> batch = invoices.subList(from, Math.min(invoices.size(), from + WRITE_BATCH));
            List<WriteRequest> requests = new ArrayList<>(batch.size());
            for (Invoice invoice : batch) {
                requests.add(WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(InvoiceItemMapper.toItem(invoice)).build())
                        .build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(tableName, requests);
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = client.batchWriteItem(write -> write.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                if (!pending.isEmpty()) {
                    backOff(attempt, "BatchWriteItem");
                }
            }
            written += batch.size();
            progress.accept(written);
        }
    }

    private static void backOff(int attempt, String operation) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new LocalFailure(operation + " still left items unprocessed after " + MAX_ATTEMPTS
                    + " attempts; the table is throttled, try again later");
        }
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << (attempt - 1));
        try {
            // Full jitter: spread out retries that would otherwise arrive together.
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalFailure("interrupted while retrying " + operation);
        }
    }
}
