package dev.invoices.refresh;

import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceFields;
import dev.invoices.store.DynamoDbCalls;
import dev.invoices.store.InvoiceItemMapper;
import dev.invoices.store.InvoiceStore;
import dev.invoices.store.InvoiceTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.invoices.store.DynamoDbCalls.call;

/**
 * DynamoDB access for the scheduled draft refresh: pages of the sparse {@value InvoiceTable#DRAFTS_INDEX}
 * index, one shard at a time, and the refresh's checkpoint. Writes of the drafts themselves go through
 * {@link InvoiceStore#replace}, so that they are conditioned on {@code version} like every other change. SDK
 * failures are translated by {@link DynamoDbCalls}.
 *
 * <p>The checkpoint is one item in the invoices table, so the refresh needs no storage of its own and the
 * function's policy stays on one table:
 * <table>
 *   <caption>The checkpoint item</caption>
 *   <tr><th>attribute</th><th>value</th></tr>
 *   <tr><td>{@code pk}</td><td>{@value #CHECKPOINT_PK}</td></tr>
 *   <tr><td>{@code entity}</td><td>{@value #ENTITY_SCHEDULE}</td></tr>
 *   <tr><td>{@value #CHECKPOINT_SHARD}</td><td>the shard the next run starts in, 0 to
 *       {@value InvoiceTable#DRAFT_SHARDS} − 1</td></tr>
 *   <tr><td>{@value #CHECKPOINT_AFTER_PK}</td><td>the {@code pk} of the last draft handled in that shard;
 *       absent when the shard starts from its beginning</td></tr>
 *   <tr><td>{@code updated_at}</td><td>when the checkpoint was saved (RFC 3339), for operators</td></tr>
 * </table>
 * It carries none of the indexes' key attributes ({@code customer_id}, {@code customer_status},
 * {@code period_key}, {@code draft_shard}), so it appears in no index: no list and no refresh ever reads it.
 *
 * <p>A position is the {@code pk} alone because in the Drafts index {@code pk} is the sort key and the table
 * key at once: {@code {draft_shard, pk}} is the whole {@code ExclusiveStartKey}.
 */
public final class DraftStore {
    /** The checkpoint's partition key: outside the {@code INVOICE#} key space, so no invoice id can collide. */
    public static final String CHECKPOINT_PK = "SCHEDULE#draft-refresh";
    public static final String ENTITY_SCHEDULE = "SCHEDULE";
    public static final String CHECKPOINT_SHARD = "shard";
    public static final String CHECKPOINT_AFTER_PK = "after_pk";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DraftStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** Where a refresh continues: a shard, and the {@code pk} after which it resumes (empty: its beginning). */
    public record Position(int shard, Optional<String> afterPk) {
        public static final Position START = new Position(0, Optional.empty());

        public Position {
            if (shard < 0 || shard >= InvoiceTable.DRAFT_SHARDS) {
                throw new IllegalArgumentException("shard must be 0 to " + (InvoiceTable.DRAFT_SHARDS - 1));
            }
            Objects.requireNonNull(afterPk, "afterPk");
        }
    }

    /**
     * A draft as the index holds it: its {@code pk}, and the invoice, empty when the item cannot be read (a
     * server-side bug the refresh steps over instead of stopping on it every run).
     */
    public record IndexedDraft(String pk, Optional<Invoice> invoice) {
    }

    /** One Query's drafts, in {@code pk} order, and the {@code pk} to continue after when the shard goes on. */
    public record DraftPage(List<IndexedDraft> drafts, Optional<String> lastEvaluatedPk) {
        public DraftPage {
            drafts = List.copyOf(drafts);
        }
    }

    /**
     * One Query of the Drafts index: up to {@code limit} drafts of {@code shard} after {@code afterPk}.
     * {@code lastEvaluatedPk} is DynamoDB's {@code LastEvaluatedKey}; it can be present on a page that turns
     * out to be the shard's last (the next page is then empty), as DynamoDB reports it whenever the limit is
     * reached.
     */
    public DraftPage page(int shard, Optional<String> afterPk, int limit) {
        String shardName = InvoiceTable.draftShardName(shard);
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(InvoiceTable.DRAFTS_INDEX)
                .keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", InvoiceTable.DRAFT_SHARD))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(shardName)))
                .exclusiveStartKey(afterPk.map(pk -> Map.of(
                        InvoiceTable.DRAFT_SHARD, AttributeValue.fromS(shardName),
                        InvoiceTable.PK, AttributeValue.fromS(pk))).orElse(null))
                .limit(limit)
                .build();
        QueryResponse response = call(() -> dynamoDb.query(request));
        List<IndexedDraft> drafts = new ArrayList<>(response.items().size());
        for (Map<String, AttributeValue> item : response.items()) {
            drafts.add(new IndexedDraft(item.get(InvoiceTable.PK).s(), read(item)));
        }
        Optional<String> last = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(response.lastEvaluatedKey().get(InvoiceTable.PK).s())
                : Optional.empty();
        return new DraftPage(drafts, last);
    }

    /** The saved position, if a pass is under way: one strongly consistent GetItem. */
    public Optional<Position> checkpoint() {
        GetItemResponse response = call(() -> dynamoDb.getItem(get -> get
                .tableName(tableName)
                .key(checkpointKey())
                .consistentRead(true)));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        AttributeValue after = item.get(CHECKPOINT_AFTER_PK);
        return Optional.of(new Position(Integer.parseInt(item.get(CHECKPOINT_SHARD).n()),
                Optional.ofNullable(after).map(AttributeValue::s)));
    }

    /** Saves {@code position} for the next run, replacing any earlier checkpoint. */
    public void saveCheckpoint(Position position, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(checkpointKey());
        item.put(InvoiceTable.ENTITY, AttributeValue.fromS(ENTITY_SCHEDULE));
        item.put(CHECKPOINT_SHARD, AttributeValue.fromN(Integer.toString(position.shard())));
        position.afterPk().ifPresent(pk -> item.put(CHECKPOINT_AFTER_PK, AttributeValue.fromS(pk)));
        item.put(InvoiceFields.UPDATED_AT, AttributeValue.fromS(now.toString()));
        call(() -> dynamoDb.putItem(put -> put.tableName(tableName).item(item)));
    }

    /** Removes the checkpoint, so that the next run starts a new pass. */
    public void deleteCheckpoint() {
        call(() -> dynamoDb.deleteItem(delete -> delete.tableName(tableName).key(checkpointKey())));
    }

    /** The checkpoint's table key, for tests and tools that look at the item itself. */
    public static Map<String, AttributeValue> checkpointKey() {
        return Map.of(InvoiceTable.PK, AttributeValue.fromS(CHECKPOINT_PK));
    }

    private static Optional<Invoice> read(Map<String, AttributeValue> item) {
        try {
            return Optional.of(InvoiceItemMapper.fromItem(item));
        } catch (IllegalStateException unreadable) {
            return Optional.empty();
        }
    }
}
