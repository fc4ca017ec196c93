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
import software.amazon.awssdk.services.dynamodb.model.Put;
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
 *
 * <p>A refresh of one shard (the schedule runs one per shard, side by side) keeps its own checkpoint,
 * {@code SCHEDULE#draft-refresh#shard-<n>}, and holds the shard's lease while it runs,
 * {@code SCHEDULE#draft-refresh#shard-<n>#lease} with {@value #LEASE_UNTIL} (epoch seconds): a conditional put
 * that only succeeds when no lease is held or the one held has expired, so no shard is refreshed twice at once,
 * and a run that died leaves a lease that expires by itself.
 */
public final class DraftStore {
    /** The checkpoint's partition key: outside the {@code INVOICE#} key space, so no invoice id can collide. */
    public static final String CHECKPOINT_PK = "SCHEDULE#draft-refresh";
    public static final String ENTITY_SCHEDULE = "SCHEDULE";
    public static final String CHECKPOINT_SHARD = "shard";
    public static final String CHECKPOINT_AFTER_PK = "after_pk";
    public static final String LEASE_UNTIL = "lease_until";

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

    /**
     * Which checkpoint a run keeps: the whole pass's (every shard in turn, {@link #CHECKPOINT_PK}) or one
     * shard's.
     */
    public record Scope(Optional<Integer> shard) {
        public static final Scope ALL_SHARDS = new Scope(Optional.empty());

        public Scope {
            Objects.requireNonNull(shard, "shard");
            shard.ifPresent(n -> {
                if (n < 0 || n >= InvoiceTable.DRAFT_SHARDS) {
                    throw new IllegalArgumentException("shard must be 0 to " + (InvoiceTable.DRAFT_SHARDS - 1));
                }
            });
        }

        public static Scope shard(int shard) {
            return new Scope(Optional.of(shard));
        }

        /** The first position of the scope. */
        public Position start() {
            return new Position(shard.orElse(0), Optional.empty());
        }

        /** The last shard the scope walks. */
        public int lastShard() {
            return shard.orElse(InvoiceTable.DRAFT_SHARDS - 1);
        }

        String checkpointPk() {
            return shard.map(n -> CHECKPOINT_PK + "#shard-" + n).orElse(CHECKPOINT_PK);
        }
    }

    /** The saved position, if a pass is under way: one strongly consistent GetItem. */
    public Optional<Position> checkpoint() {
        return checkpoint(Scope.ALL_SHARDS);
    }

    /** The saved position of {@code scope}, if its pass is under way. */
    public Optional<Position> checkpoint(Scope scope) {
        GetItemResponse response = call(() -> dynamoDb.getItem(get -> get
                .tableName(tableName)
                .key(checkpointKey(scope))
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
        saveCheckpoint(Scope.ALL_SHARDS, position, now);
    }

    /** Saves {@code position} as {@code scope}'s checkpoint. */
    public void saveCheckpoint(Scope scope, Position position, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(checkpointKey(scope));
        item.put(InvoiceTable.ENTITY, AttributeValue.fromS(ENTITY_SCHEDULE));
        item.put(CHECKPOINT_SHARD, AttributeValue.fromN(Integer.toString(position.shard())));
        position.afterPk().ifPresent(pk -> item.put(CHECKPOINT_AFTER_PK, AttributeValue.fromS(pk)));
        item.put(InvoiceFields.UPDATED_AT, AttributeValue.fromS(now.toString()));
        call(() -> dynamoDb.putItem(put -> put.tableName(tableName).item(item)));
    }

    /** Removes the checkpoint, so that the next run starts a new pass. */
    public void deleteCheckpoint() {
        deleteCheckpoint(Scope.ALL_SHARDS);
    }

    /** Removes {@code scope}'s checkpoint. */
    public void deleteCheckpoint(Scope scope) {
        call(() -> dynamoDb.deleteItem(delete -> delete.tableName(tableName).key(checkpointKey(scope))));
    }

    /**
     * Takes the shard's lease until {@code until}: false, and nothing written, while another run holds an
     * unexpired one.
     */
    public boolean lease(int shard, Instant until, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(leaseKey(shard));
        item.put(InvoiceTable.ENTITY, AttributeValue.fromS(ENTITY_SCHEDULE));
        item.put(LEASE_UNTIL, AttributeValue.fromN(Long.toString(until.getEpochSecond())));
        return DynamoDbCalls.putIf(dynamoDb, Put.builder()
                .tableName(tableName)
                .item(item)
                .conditionExpression("attribute_not_exists(#pk) OR #until < :now")
                .expressionAttributeNames(Map.of("#pk", InvoiceTable.PK, "#until", LEASE_UNTIL))
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                .build());
    }

    /** Gives the shard's lease back, so that the next run need not wait for it to expire. */
    public void release(int shard) {
        call(() -> dynamoDb.deleteItem(delete -> delete.tableName(tableName).key(leaseKey(shard))));
    }

    /** The checkpoint's table key, for tests and tools that look at the item itself. */
    public static Map<String, AttributeValue> checkpointKey() {
        return checkpointKey(Scope.ALL_SHARDS);
    }

    public static Map<String, AttributeValue> checkpointKey(Scope scope) {
        return Map.of(InvoiceTable.PK, AttributeValue.fromS(scope.checkpointPk()));
    }

    public static Map<String, AttributeValue> leaseKey(int shard) {
        return Map.of(InvoiceTable.PK, AttributeValue.fromS(Scope.shard(shard).checkpointPk() + "#lease"));
    }

    private static Optional<Invoice> read(Map<String, AttributeValue> item) {
        try {
            return Optional.of(InvoiceItemMapper.fromItem(item));
        } catch (IllegalStateException unreadable) {
            return Optional.empty();
        }
    }
}
