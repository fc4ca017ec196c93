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

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
     * still belongs to {@code storedCustomerId} and still starts at {@code storedPeriodStart}; when the customer
     * or the billing month changes, the counts move with it.
     */
    public record Overwrite(Invoice invoice, String storedCustomerId, Instant storedPeriodStart)
            implements InvoiceWrite {
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
        countChanges(writes).forEach((customerId, deltas) -> counterUpdate(customerId, deltas)
                .ifPresent(update -> items.add(TransactWriteItem.builder().update(update).build())));
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

    /**
     * By customer, in a stable order: how much each write changes each of the customer's counts (the total and
     * the billing month's). A replacement keeps its invoice's customer and period, so it changes none.
     */
    private static Map<String, Map<String, Integer>> countChanges(List<? extends InvoiceWrite> writes) {
        Map<String, Map<String, Integer>> deltas = new TreeMap<>();
        for (InvoiceWrite write : writes) {
            switch (write) {
                case Create create -> count(deltas, create.invoice().customerId(),
                        create.invoice().startTimestamp(), 1);
                case Replace ignored -> {
                }
                case Overwrite overwrite -> {
                    count(deltas, overwrite.invoice().customerId(), overwrite.invoice().startTimestamp(), 1);
                    count(deltas, overwrite.storedCustomerId(), overwrite.storedPeriodStart(), -1);
                }
            }
        }
        return deltas;
    }

    private static void count(Map<String, Map<String, Integer>> deltas, String customerId, Instant periodStart,
                              int delta) {
        Map<String, Integer> customer = deltas.computeIfAbsent(customerId, id -> new TreeMap<>());
        customer.merge(InvoiceTable.INVOICE_COUNT, delta, Integer::sum);
        customer.merge(InvoiceTable.monthCount(periodStart), delta, Integer::sum);
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
                    .conditionExpression("#customer = :customer AND #period = :period")
                    .expressionAttributeNames(Map.of("#customer", InvoiceTable.CUSTOMER_ID,
                            "#period", InvoiceTable.PERIOD_KEY))
                    .expressionAttributeValues(Map.of(
                            ":customer", AttributeValue.fromS(overwrite.storedCustomerId()),
                            ":period", AttributeValue.fromS(InvoiceTable.periodKey(overwrite.storedPeriodStart(),
                                    overwrite.invoice().id()))))
                    .build();
        };
    }

    /**
     * {@code ADD} of each non-zero delta on the customer's counter item, which the first ADD creates; empty when
     * nothing changes.
     */
    private Optional<Update> counterUpdate(String customerId, Map<String, Integer> deltas) {
        List<String> adds = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        deltas.forEach((attribute, delta) -> {
            if (delta != 0) {
                int n = adds.size();
                adds.add("#c" + n + " :d" + n);
                names.put("#c" + n, attribute);
                values.put(":d" + n, AttributeValue.fromN(Integer.toString(delta)));
            }
        });
        if (adds.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Update.builder()
                .tableName(tableName)
                .key(Map.of(InvoiceTable.PK, AttributeValue.fromS(InvoiceTable.customerPk(customerId))))
                .updateExpression("ADD " + String.join(", ", adds))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build());
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
     * How many of the customer's invoices the query matches, exactly. A date range without a status filter is
     * summed from the counter item's billing months (one strongly consistent GetItem): a month wholly inside
     * the range counts as it stands, and only the months the range's ends cut through, two at most, are
     * counted by Query. So the cost grows with the months the customer has, not with its invoices. A counter item
     * whose months do not add up to its total was written before months were counted: then, and for a status
     * filter, every matching invoice is counted by Query ({@link #countByQuery}).
     */
    public long count(CustomerQuery query) {
        if (query.filtersStatus() || (query.startingOn() == null && query.endingBefore() == null)) {
            return countByQuery(query);
        }
        Counters counters = counters(query.customerId());
        if (!counters.monthsAddUp()) {
            return countByQuery(query);
        }
        long count = 0;
        for (Map.Entry<YearMonth, Long> month : counters.byMonth().entrySet()) {
            Instant monthStart = month.getKey().atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant monthEnd = month.getKey().plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant from = query.startingOn() == null || query.startingOn().isBefore(monthStart)
                    ? monthStart : query.startingOn();
            Instant to = query.endingBefore() == null || query.endingBefore().isAfter(monthEnd)
                    ? monthEnd : query.endingBefore();
            if (!from.isBefore(to) || month.getValue() == 0) {
                continue;
            }
            count += from.equals(monthStart) && to.equals(monthEnd)
                    ? month.getValue()
                    : countByQuery(new CustomerQuery(query.customerId(), Set.of(), from, to, false));
        }
        return count;
    }

    /** A customer's counter item: its total, and its invoices by billing month. */
    record Counters(long total, Map<YearMonth, Long> byMonth) {
        boolean monthsAddUp() {
            return byMonth.values().stream().mapToLong(Long::longValue).sum() == total;
        }
    }

    private Counters counters(String customerId) {
        GetItemResponse response = call(() -> dynamoDb.getItem(get -> get
                .tableName(tableName)
                .key(Map.of(InvoiceTable.PK, AttributeValue.fromS(InvoiceTable.customerPk(customerId))))
                .consistentRead(true)));
        Map<String, AttributeValue> item = response.hasItem() ? response.item() : Map.of();
        long total = 0;
        Map<YearMonth, Long> byMonth = new TreeMap<>();
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            String name = attribute.getKey();
            if (name.equals(InvoiceTable.INVOICE_COUNT)) {
                total = Long.parseLong(attribute.getValue().n());
            } else if (name.startsWith(InvoiceTable.MONTH_COUNT_PREFIX)) {
                byMonth.put(YearMonth.parse(name.substring(InvoiceTable.MONTH_COUNT_PREFIX.length())),
                        Long.parseLong(attribute.getValue().n()));
            }
        }
        return new Counters(total, byMonth);
    }

    /**
     * How many of the customer's invoices the query matches by {@code Select=COUNT} Queries over the same
     * partitions and key range {@link #page} reads, following {@code LastEvaluatedKey} (DynamoDB counts at
     * most 1 MB of items per call). Returns no items, but is charged as reading every matching item.
     */
    long countByQuery(CustomerQuery query) {
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
