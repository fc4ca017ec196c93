package dev.invoices.store;

import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceFields;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.invoices.store.DynamoDbCalls.call;

/**
 * DynamoDB access for invoices. Reads and writes go through {@link InvoiceItemMapper}, and SDK failures
 * through {@link DynamoDbCalls}.
 */
public final class InvoiceStore {
    /** DynamoDB's limit on the items of one TransactWriteItems. */
    public static final int MAX_TRANSACTION_ITEMS = 100;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public InvoiceStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** The invoice with this id, whoever its customer: one strongly consistent GetItem. */
    public Optional<Invoice> get(String invoiceId) {
        GetItemResponse response = call(() -> dynamoDb.getItem(get -> get
                .tableName(tableName)
                .key(Map.of(InvoiceTable.PK, AttributeValue.fromS(InvoiceTable.invoicePk(invoiceId))))
                .consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(InvoiceItemMapper.fromItem(response.item()))
                : Optional.empty();
    }

    /**
     * Stores a new invoice and counts it for its customer, in one transaction; false, and nothing written,
     * when an invoice with its id already exists (for any customer: ids are unique across the store).
     */
    public boolean create(Invoice invoice) {
        return write(List.of(new Create(invoice)), Optional.empty()) == WriteResult.WRITTEN;
    }

    /**
     * Replaces a stored invoice with {@code updated}, provided the stored one still has {@code expectedVersion};
     * false, and nothing written, when another writer got there first (optimistic locking). The caller sets
     * {@code updated}'s new version.
     */
    public boolean replace(Invoice updated, long expectedVersion) {
        return write(List.of(new Replace(updated, expectedVersion)), Optional.empty()) == WriteResult.WRITTEN;
    }

    /** One invoice write of a {@link #write} call. */
    public sealed interface InvoiceWrite {
        Invoice invoice();
    }

    /** A new invoice, written only if its id is new; its customer's count goes up by one. */
    public record Create(Invoice invoice) implements InvoiceWrite {
    }

    /** A new version of a stored invoice, written only if the stored one has {@code expectedVersion}. */
    public record Replace(Invoice invoice, long expectedVersion) implements InvoiceWrite {
    }

    /**
     * A stored invoice overwritten whatever its version (the import's {@code --replace}), written only if it
     * still belongs to {@code storedCustomerId}; when the customer changes, the counts move with it.
     */
    public record Overwrite(Invoice invoice, String storedCustomerId) implements InvoiceWrite {
    }

    /** How a conditional write ended. */
    public enum WriteResult {
        WRITTEN,
        /** An invoice's condition failed, or a concurrent transaction conflicted: nothing was written. */
        INVOICE_CHANGED,
        /** The extra item's condition failed (an idempotency claim no longer held): nothing was written. */
        EXTRA_REJECTED
    }

    /**
     * Writes the invoices, their customers' counters and the {@code extra} item (an idempotency record) all or
     * nothing: one PutItem for a single {@link Replace} with no extra item, else one TransactWriteItems, in which
     * each customer whose count changes gets one {@code ADD} on its counter item. At most
     * {@value #MAX_TRANSACTION_ITEMS} items in all.
     */
    public WriteResult write(List<? extends InvoiceWrite> writes, Optional<CoWrite> extra) {
        if (writes.size() == 1 && extra.isEmpty() && writes.getFirst() instanceof Replace only) {
            return DynamoDbCalls.putIf(dynamoDb, put(only)) ? WriteResult.WRITTEN : WriteResult.INVOICE_CHANGED;
        }
        List<TransactWriteItem> items = new ArrayList<>();
        writes.forEach(write -> items.add(TransactWriteItem.builder().put(put(write)).build()));
        countChanges(writes).forEach((customerId, delta) -> {
            if (delta != 0) {
                items.add(TransactWriteItem.builder().update(counterUpdate(customerId, delta)).build());
            }
        });
        extra.ifPresent(write -> items.add(write.item()));
        if (items.size() > MAX_TRANSACTION_ITEMS) {
            throw new IllegalArgumentException("A transaction holds at most " + MAX_TRANSACTION_ITEMS + " items");
        }
        try {
            call(() -> dynamoDb.transactWriteItems(request -> request.transactItems(items)));
            return WriteResult.WRITTEN;
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.hasCancellationReasons()
                    ? cancelled.cancellationReasons() : List.of();
            boolean extraFailed = extra.isPresent() && reasons.size() == items.size()
                    && "ConditionalCheckFailed".equals(reasons.getLast().code());
            return extraFailed ? WriteResult.EXTRA_REJECTED : WriteResult.INVOICE_CHANGED;
        }
    }

    /** By customer, in a stable order: how much each write changes the customer's count. */
    private static Map<String, Integer> countChanges(List<? extends InvoiceWrite> writes) {
        Map<String, Integer> deltas = new TreeMap<>();
        for (InvoiceWrite write : writes) {
            switch (write) {
                case Create create -> deltas.merge(create.invoice().customerId(), 1, Integer::sum);
                case Replace ignored -> {
                }
                case Overwrite overwrite -> {
                    if (!overwrite.storedCustomerId().equals(overwrite.invoice().customerId())) {
                        deltas.merge(overwrite.invoice().customerId(), 1, Integer::sum);
                        deltas.merge(overwrite.storedCustomerId(), -1, Integer::sum);
                    }
                }
            }
        }
        return deltas;
    }

    private Put put(InvoiceWrite write) {
        Put.Builder put = Put.builder().tableName(tableName).item(InvoiceItemMapper.toItem(write.invoice()));
        return switch (write) {
            case Create ignored -> put
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", InvoiceTable.PK))
                    .build();
            case Replace replace -> put
                    .conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#version", InvoiceFields.VERSION))
                    .expressionAttributeValues(Map.of(":expected",
                            AttributeValue.fromN(Long.toString(replace.expectedVersion()))))
                    .build();
            case Overwrite overwrite -> put
                    .conditionExpression("#customer = :customer")
                    .expressionAttributeNames(Map.of("#customer", InvoiceTable.CUSTOMER_ID))
                    .expressionAttributeValues(Map.of(":customer",
                            AttributeValue.fromS(overwrite.storedCustomerId())))
                    .build();
        };
    }

    /** {@code ADD invoice_count :delta} on the customer's counter item, which the first ADD creates. */
    private Update counterUpdate(String customerId, int delta) {
        return Update.builder()
                .tableName(tableName)
                .key(Map.of(InvoiceTable.PK, AttributeValue.fromS(InvoiceTable.customerPk(customerId))))
                .updateExpression("ADD #count :delta")
                .expressionAttributeNames(Map.of("#count", InvoiceTable.INVOICE_COUNT))
                .expressionAttributeValues(Map.of(":delta", AttributeValue.fromN(Integer.toString(delta))))
                .build();
    }

    /** How many invoices the customer has: its counter item, one strongly consistent GetItem. */
    public long invoiceCount(String customerId) {
        GetItemResponse response = call(() -> dynamoDb.getItem(get -> get
                .tableName(tableName)
                .key(Map.of(InvoiceTable.PK, AttributeValue.fromS(InvoiceTable.customerPk(customerId))))
                .projectionExpression("#count")
                .expressionAttributeNames(Map.of("#count", InvoiceTable.INVOICE_COUNT))
                .consistentRead(true)));
        AttributeValue count = response.hasItem() ? response.item().get(InvoiceTable.INVOICE_COUNT) : null;
        return count == null ? 0 : Long.parseLong(count.n());
    }

    /**
     * How many of the customer's invoices the query matches: {@code Select=COUNT} Queries over the same
     * partitions and key range {@link #page} reads, following {@code LastEvaluatedKey} (DynamoDB counts at
     * most 1 MB of items per call). Returns no items, but is charged as reading every matching item.
     */
    public long count(CustomerQuery query) {
        long count = 0;
        for (Partition partition : partitions(query)) {
            Map<String, AttributeValue> startKey = null;
            do {
                QueryRequest request = queryRequest(partition, query, startKey, null).toBuilder()
                        .select(Select.COUNT)
                        .build();
                QueryResponse response = call(() -> dynamoDb.query(request));
                count += response.count();
                startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
            } while (startKey != null);
        }
        return count;
    }

    /**
     * A page of at most {@code limit} of the customer's invoices that come after {@code afterPeriodKey} in the
     * query's order. Each index partition is read with {@code Limit = limit + 1}, so the usual page costs one
     * Query and the extra item proves whether more match; several statuses read one partition each and merge.
     * Every condition is a key condition, so pages are always full and never thinned by a filter.
     */
    public StorePage page(CustomerQuery query, Optional<String> afterPeriodKey, int limit) {
        List<Invoice> merged = new ArrayList<>();
        for (Partition partition : partitions(query)) {
            merged.addAll(read(partition, query, afterPeriodKey, limit + 1));
        }
        Comparator<Invoice> order = Comparator.comparing(InvoiceStore::periodKey);
        merged.sort(query.descending() ? order.reversed() : order);
        merged = newestCopyOfEach(merged);
        if (merged.size() <= limit) {
            return new StorePage(merged, Optional.empty());
        }
        List<Invoice> page = merged.subList(0, limit);
        return new StorePage(page, Optional.of(periodKey(page.getLast())));
    }

    /**
     * One copy of each invoice, its newest version, from invoices sorted by period key. An invoice whose status
     * changes between the Queries of two requested statuses is read once from each; its period key (start and
     * id) does not depend on its status, so the copies sit side by side. Because the cursor is a period key, a
     * walk never yields an invoice twice across pages either.
     */
    private static List<Invoice> newestCopyOfEach(List<Invoice> sorted) {
        List<Invoice> unique = new ArrayList<>(sorted.size());
        for (Invoice invoice : sorted) {
            if (!unique.isEmpty() && unique.getLast().id().equals(invoice.id())) {
                if (invoice.version() > unique.getLast().version()) {
                    unique.set(unique.size() - 1, invoice);
                }
            } else {
                unique.add(invoice);
            }
        }
        return unique;
    }

    /** An index partition: the index, its partition key attribute and value. */
    private record Partition(String index, String keyAttribute, String keyValue) {
    }

    private static List<Partition> partitions(CustomerQuery query) {
        if (!query.filtersStatus()) {
            return List.of(new Partition(InvoiceTable.BY_CUSTOMER_INDEX, InvoiceTable.CUSTOMER_ID,
                    query.customerId()));
        }
        return query.statuses().stream()
                .sorted()
                .map(status -> new Partition(InvoiceTable.BY_CUSTOMER_STATUS_INDEX, InvoiceTable.CUSTOMER_STATUS,
                        InvoiceTable.customerStatus(query.customerId(), status)))
                .toList();
    }

    /** Up to {@code wanted} invoices of one partition; more than one Query only past DynamoDB's 1 MB page. */
    private List<Invoice> read(Partition partition, CustomerQuery query, Optional<String> afterPeriodKey,
                               int wanted) {
        List<Invoice> found = new ArrayList<>(wanted);
        Map<String, AttributeValue> startKey = afterPeriodKey.map(key -> startKey(partition, key)).orElse(null);
        do {
            QueryRequest request = queryRequest(partition, query, startKey, wanted - found.size());
            QueryResponse response = call(() -> dynamoDb.query(request));
            for (Map<String, AttributeValue> item : response.items()) {
                found.add(InvoiceItemMapper.fromItem(item));
            }
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (found.size() < wanted && startKey != null);
        return found;
    }

    private QueryRequest queryRequest(Partition partition, CustomerQuery query,
                                      Map<String, AttributeValue> startKey, Integer limit) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#p", partition.keyAttribute());
        values.put(":p", AttributeValue.fromS(partition.keyValue()));
        String condition = "#p = :p";
        if (query.startingOn() != null || query.endingBefore() != null) {
            names.put("#s", InvoiceTable.PERIOD_KEY);
            // Every period_key continues past its fixed-width instant with "#id", so comparing with the bare
            // prefix gives "starts at or after" and "starts before" exactly (see InvoiceTable.periodPrefix).
            if (query.startingOn() != null && query.endingBefore() != null) {
                condition += " AND #s BETWEEN :from AND :before";
            } else if (query.startingOn() != null) {
                condition += " AND #s >= :from";
            } else {
                condition += " AND #s < :before";
            }
            if (query.startingOn() != null) {
                values.put(":from", AttributeValue.fromS(InvoiceTable.periodPrefix(query.startingOn())));
            }
            if (query.endingBefore() != null) {
                values.put(":before", AttributeValue.fromS(InvoiceTable.periodPrefix(query.endingBefore())));
            }
        }
        return QueryRequest.builder()
                .tableName(tableName)
                .indexName(partition.index())
                .keyConditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(!query.descending())
                .exclusiveStartKey(startKey)
                .limit(limit)
                .build();
    }

    /** Where a partition resumes: the index key and table key of the position's invoice. */
    private static Map<String, AttributeValue> startKey(Partition partition, String periodKey) {
        return Map.of(
                InvoiceTable.PK, AttributeValue.fromS(InvoiceTable.invoicePk(InvoiceTable.invoiceIdOf(periodKey))),
                partition.keyAttribute(), AttributeValue.fromS(partition.keyValue()),
                InvoiceTable.PERIOD_KEY, AttributeValue.fromS(periodKey));
    }

    private static String periodKey(Invoice invoice) {
        return InvoiceTable.periodKey(invoice.startTimestamp(), invoice.id());
    }

}
