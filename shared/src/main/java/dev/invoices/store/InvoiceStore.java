package dev.invoices.store;

import static dev.invoices.store.DynamoDbCalls.call;

import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceFields;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DynamoDB access for invoices. Reads and writes go through {@link InvoiceItemMapper}, and SDK failures
 * through {@link DynamoDbCalls}.
 */
public final class InvoiceStore {
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
     * Stores a new invoice; false, and nothing written, when an invoice with its id already exists (for any
     * customer: ids are unique across the store).
     */
    public boolean create(Invoice invoice) {
        return write(List.of(createPut(invoice)), Optional.empty()) == WriteResult.WRITTEN;
    }

    /**
     * Replaces a stored invoice with {@code updated}, provided the stored one still has {@code expectedVersion};
     * false, and nothing written, when another writer got there first (optimistic locking). The caller sets
     * {@code updated}'s new version.
     */
    public boolean replace(Invoice updated, long expectedVersion) {
        return write(List.of(replacePut(updated, expectedVersion)), Optional.empty()) == WriteResult.WRITTEN;
    }

    /** A Put that creates {@code invoice} only if its id is new. */
    public Put createPut(Invoice invoice) {
        return Put.builder()
                .tableName(tableName)
                .item(InvoiceItemMapper.toItem(invoice))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", InvoiceTable.PK))
                .build();
    }

    /** A Put that stores {@code updated} only if the stored invoice still has {@code expectedVersion}. */
    public Put replacePut(Invoice updated, long expectedVersion) {
        return Put.builder()
                .tableName(tableName)
                .item(InvoiceItemMapper.toItem(updated))
                .conditionExpression("#version = :expected")
                .expressionAttributeNames(Map.of("#version", InvoiceFields.VERSION))
                .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expectedVersion))))
                .build();
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
     * Writes the invoice Puts and the {@code extra} item (an idempotency record) all or nothing: one PutItem
     * when there is a single Put and no extra item, else one TransactWriteItems.
     */
    public WriteResult write(List<Put> invoicePuts, Optional<TransactWriteItem> extra) {
        if (invoicePuts.size() == 1 && extra.isEmpty()) {
            return DynamoDbCalls.putIf(dynamoDb, invoicePuts.getFirst())
                    ? WriteResult.WRITTEN : WriteResult.INVOICE_CHANGED;
        }
        List<TransactWriteItem> items = new ArrayList<>();
        invoicePuts.forEach(put -> items.add(TransactWriteItem.builder().put(put).build()));
        extra.ifPresent(items::add);
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
        if (merged.size() <= limit) {
            return new StorePage(merged, Optional.empty());
        }
        List<Invoice> page = merged.subList(0, limit);
        return new StorePage(page, Optional.of(periodKey(page.getLast())));
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
                                      Map<String, AttributeValue> startKey, int limit) {
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
