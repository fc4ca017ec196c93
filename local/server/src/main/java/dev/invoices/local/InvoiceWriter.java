package dev.invoices.local;

import dev.invoices.error.StoreUnavailableException;
import dev.invoices.json.InvoiceJson;
import dev.invoices.store.InvoiceStore;
import dev.invoices.store.InvoiceTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

/**
 * Bulk reads and writes of invoices: {@code BatchGetItem} (strongly consistent, 100 keys a call, retrying what
 * DynamoDB leaves unprocessed with exponential backoff, as the SDK documentation asks), and transactions of up
 * to 100 items through {@link InvoiceStore}, which keeps each customer's invoice count with its invoices.
 */
final class InvoiceWriter {
    /** Invoices per transaction: half of DynamoDB's 100 items, so that their customers' counters always fit. */
    static final int TRANSACTION_INVOICES = 50;
    /** Invoice JSON per transaction: a generous margin below DynamoDB's 4 MB, since items are a little larger. */
    static final int TRANSACTION_JSON_BUDGET = 2_000_000;
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
     * Writes every invoice through {@link InvoiceStore#write}, so that each customer's invoice count changes in
     * the same transaction as its invoices. Batch writes cannot be conditional or transactional, so each chunk
     * is one TransactWriteItems: new invoices only if their id is new, replaced ones only if they still belong
     * to the customer they were read with. A chunk holds at most {@value #TRANSACTION_INVOICES} invoices (so
     * that with one counter per customer it stays within DynamoDB's 100 items) and about
     * {@value #TRANSACTION_JSON_BUDGET} bytes of invoice JSON, well inside DynamoDB's 4 MB per transaction.
     *
     * @param progress told the number written so far after each transaction
     * @throws LocalFailure when a transaction is cancelled (an invoice was written by someone else meanwhile,
     *     or the table throttled): that chunk wrote nothing, and running the import again carries on
     */
    void writeAll(List<? extends InvoiceStore.InvoiceWrite> writes, IntConsumer progress) {
        InvoiceStore store = new InvoiceStore(client, tableName);
        int written = 0;
        List<InvoiceStore.InvoiceWrite> chunk = new ArrayList<>();
        int chunkBytes = 0;
        for (InvoiceStore.InvoiceWrite write : writes) {
            int bytes = InvoiceJson.toJson(write.invoice()).length();
            if (!chunk.isEmpty() && (chunk.size() == TRANSACTION_INVOICES || chunkBytes + bytes > TRANSACTION_JSON_BUDGET)) {
                written += commit(store, chunk);
                progress.accept(written);
                chunk = new ArrayList<>();
                chunkBytes = 0;
            }
            chunk.add(write);
            chunkBytes += bytes;
        }
        if (!chunk.isEmpty()) {
            written += commit(store, chunk);
            progress.accept(written);
        }
    }

    private static int commit(InvoiceStore store, List<InvoiceStore.InvoiceWrite> chunk) {
        InvoiceStore.WriteResult result;
        try {
            result = store.write(chunk, Optional.empty());
        } catch (StoreUnavailableException unavailable) {
            throw new LocalFailure("DynamoDB is unavailable: " + unavailable.getCause(), unavailable);
        }
        if (result != InvoiceStore.WriteResult.WRITTEN) {
            throw new LocalFailure("a transaction of " + chunk.size() + " invoices was cancelled (one was written by"
                    + " someone else meanwhile, or the table is throttled); it wrote nothing. Run the import again.");
        }
        return chunk.size();
    }

    private static void backOff(int attempt, String operation) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new LocalFailure(operation + " still left items unprocessed after " + MAX_ATTEMPTS
                    + " attempts; the table is throttled, try again later");
        }
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << (attempt - 1));
        try {
            // Full jitter: spread out retries that would otherwise arrive together.
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalFailure("interrupted while retrying " + operation);
        }
    }
}
