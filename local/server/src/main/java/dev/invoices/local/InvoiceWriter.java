package dev.invoices.local;

import dev.invoices.error.StoreUnavailableException;
import dev.invoices.json.InvoiceJson;
import dev.invoices.store.DynamoDbCalls;
import dev.invoices.store.InvoiceItemMapper;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Bulk reads and writes of invoices: {@code BatchGetItem} (strongly consistent, 100 keys a call, retrying what
 * DynamoDB leaves unprocessed or throttles with jittered exponential backoff, as the SDK documentation asks),
 * and transactions of up to 100 items through {@link InvoiceStore}, which keeps each customer's invoice count
 * with its invoices. One writer may be used by several threads at once.
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
    private final AtomicLong retries = new AtomicLong();

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
                BatchGetItemResponse response;
                try {
                    response = DynamoDbCalls.call(() -> client.batchGetItem(get -> get.requestItems(request)));
                } catch (StoreUnavailableException throttled) {
                    retries.incrementAndGet();
                    backOff(attempt, "BatchGetItem");
                    continue;
                }
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                    found.put(item.get(InvoiceTable.PK).s().substring("INVOICE#".length()), item);
                }
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!pending.isEmpty()) {
                    retries.incrementAndGet();
                    backOff(attempt, "BatchGetItem");
                }
            }
        }
        return found;
    }

    /**
     * Writes every invoice in order through {@link #write}, one transaction after the other: for a handful of
     * invoices, such as the demo ones. {@code import} writes its chunks in parallel instead.
     *
     * @param progress told the number written so far after each transaction
     */
    void writeAll(List<? extends InvoiceStore.InvoiceWrite> writes, IntConsumer progress) {
        int written = 0;
        List<InvoiceStore.InvoiceWrite> chunk = new ArrayList<>();
        int chunkBytes = 0;
        for (InvoiceStore.InvoiceWrite write : writes) {
            int bytes = InvoiceJson.toJson(write.invoice()).length();
            if (!chunk.isEmpty() && (chunk.size() == TRANSACTION_INVOICES || chunkBytes + bytes > TRANSACTION_JSON_BUDGET)) {
                written += write(chunk);
                progress.accept(written);
                chunk = new ArrayList<>();
                chunkBytes = 0;
            }
            chunk.add(write);
            chunkBytes += bytes;
        }
        if (!chunk.isEmpty()) {
            written += write(chunk);
            progress.accept(written);
        }
    }

    /**
     * Writes one chunk through {@link InvoiceStore#write}, so that each customer's invoice count changes in the
     * same transaction as its invoices. Batch writes cannot be conditional or transactional, so the chunk is one
     * TransactWriteItems: new invoices only if their id is new, replaced ones only if they still belong to the
     * customer they were read with. A chunk holds at most {@value #TRANSACTION_INVOICES} invoices (so that with
     * one counter per customer it stays within DynamoDB's 100 items) and about {@value #TRANSACTION_JSON_BUDGET}
     * bytes of invoice JSON, well inside DynamoDB's 4 MB per transaction. Safe to call from several threads.
     *
     * <p>Throttling ({@code ProvisionedThroughputExceededException}, {@code ThrottlingException},
     * {@code RequestLimitExceeded}, after the SDK's own retries), a 5xx or a timeout is retried with jittered
     * exponential backoff. So is a cancelled transaction whose invoices are still as they were read: DynamoDB
     * cancels a transaction that meets another one on the same item (two chunks of one customer, whose counter
     * both change) or that is throttled, and that is worth another try; an invoice that someone else wrote
     * meanwhile is not.
     *
     * @return the number of invoices written
     * @throws LocalFailure when an invoice was written by someone else meanwhile, or the retries ran out: that
     *     chunk wrote nothing, and running the import again carries on
     */
    int write(List<? extends InvoiceStore.InvoiceWrite> chunk) {
        InvoiceStore store = new InvoiceStore(client, tableName);
        for (int attempt = 1; ; attempt++) {
            try {
                if (store.write(chunk, Optional.empty()) == InvoiceStore.WriteResult.WRITTEN) {
                    return chunk.size();
                }
                switch (stateOf(chunk)) {
                    case AS_READ -> { }
                    case WRITTEN -> {
                        return chunk.size();
                    }
                    case CHANGED -> throw new LocalFailure("a transaction of " + chunk.size() + " invoices was"
                            + " cancelled: one of them was written by someone else meanwhile; it wrote nothing."
                            + " Run the import again.");
                }
            } catch (StoreUnavailableException unavailable) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new LocalFailure("DynamoDB is unavailable: " + unavailable.getCause(), unavailable);
                }
            }
            retries.incrementAndGet();
            backOff(attempt, "TransactWriteItems");
        }
    }

    /** How many times a write or read was tried again after throttling, a conflict or a transient failure. */
    long retries() {
        return retries.get();
    }

    private enum ChunkState {
        /** Every invoice is as it was read: nothing of the chunk is written, and it may be tried again. */
        AS_READ,
        /** Every invoice is stored as the chunk has it: an attempt whose answer was lost did write it. */
        WRITTEN,
        CHANGED
    }

    /** Where a cancelled chunk stands, from its invoices read again. */
    private ChunkState stateOf(List<? extends InvoiceStore.InvoiceWrite> chunk) {
        Map<String, Map<String, AttributeValue>> stored =
                getAll(chunk.stream().map(write -> write.invoice().id()).toList());
        boolean asRead = true;
        boolean written = true;
        for (InvoiceStore.InvoiceWrite write : chunk) {
            Map<String, AttributeValue> item = stored.get(write.invoice().id());
            written &= item != null && InvoiceItemMapper.fromItem(item).equals(
                    InvoiceItemMapper.fromItem(InvoiceItemMapper.toItem(write.invoice())));
            asRead &= switch (write) {
                case InvoiceStore.Create ignored -> item == null;
                case InvoiceStore.Overwrite overwrite -> item != null
                        && overwrite.storedCustomerId().equals(item.get(InvoiceTable.CUSTOMER_ID).s());
                case InvoiceStore.Replace ignored -> false;
            };
        }
        return asRead ? ChunkState.AS_READ : written ? ChunkState.WRITTEN : ChunkState.CHANGED;
    }

    private static void backOff(int attempt, String operation) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new LocalFailure(operation + " was still throttled or conflicting after " + MAX_ATTEMPTS
                    + " attempts; nothing more was written, try again later");
        }
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << (attempt - 1));
        try {
            // Jitter: spread out the retries of parallel writers, which would otherwise arrive together.
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalFailure("interrupted while retrying " + operation);
        }
    }
}
