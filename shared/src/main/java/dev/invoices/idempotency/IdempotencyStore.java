package dev.invoices.idempotency;

import dev.invoices.error.IdempotencyKeyReusedException;
import dev.invoices.store.CoWrite;
import dev.invoices.store.DynamoDbCalls;
import dev.invoices.store.InvoiceTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static dev.invoices.store.DynamoDbCalls.call;

/**
 * Idempotency keys, kept as items of the invoices table for 24 hours (DynamoDB's TTL deletes them).
 *
 * <p>A request with a key first <em>claims</em> it with a conditional Put; the claim holds a random token and
 * a short lock. The operation then writes its state change and the {@linkplain #completion completed record}
 * in one transaction, so a crash between the change and the response can never lose the answer: a retry
 * replays it. A second request with the same key gets the stored answer (same request) or
 * {@link IdempotencyKeyReusedException} (different request, or the first still in flight). A failed request
 * ({@link #release}) leaves nothing behind, so it can be retried.
 *
 * <p>Keys are scoped to the caller: the stored key is a hash of scope and key, so one customer's key can
 * never reach another's answer.
 */
public final class IdempotencyStore {
    /** How long an answer is replayed. */
    public static final Duration RETENTION = Duration.ofHours(24);
    /**
     * How long a claim blocks the key. It must outlast the longest time a function holding a claim can run, so
     * that a live request is never overtaken by a retry with its key: the void and regenerate functions run for
     * at most their {@code Timeout} (15 s, under API Gateway's 30 s; a test holds every such function in
     * template.yaml to it). A crashed request frees its key after this.
     */
    public static final Duration LOCK = Duration.ofSeconds(60);
    private static final String PREFIX = "IDEMPOTENCY#";
    private static final String ENTITY = "IDEMPOTENCY";
    private static final String STATE = "state";
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";
    private static final String TOKEN = "token";
    private static final String REQUEST_HASH = "request_hash";
    private static final String LOCKED_UNTIL = "locked_until";
    private static final String RESPONSE_STATUS = "response_status";
    private static final String RESPONSE_HEADERS = "response_headers";
    private static final String RESPONSE_BODY = "response_body";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;

    public IdempotencyStore(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
    }

    /** A key this request holds until it completes or releases it. */
    public record Claim(String pk, String token, String requestHash) {
    }

    /** What {@link #begin} decided: run the request under a claim, or replay the first answer. */
    public sealed interface Start permits Proceed, Replay {
    }

    public record Proceed(Claim claim) implements Start {
    }

    public record Replay(StoredResponse response) implements Start {
    }

    /**
     * Claims {@code key} for {@code scope}, or finds its first answer.
     *
     * @param requestFingerprint what makes two requests "the same": route and exact body
     * @throws IdempotencyKeyReusedException when the key belongs to another request or is in flight
     */
    public Start begin(String scope, String key, String requestFingerprint) {
        String pk = PREFIX + sha256(scope + '\u0000' + key);
        String requestHash = sha256(requestFingerprint);
        Instant now = clock.instant();
        Claim claim = new Claim(pk, UUID.randomUUID().toString(), requestHash);
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(InvoiceTable.PK, AttributeValue.fromS(pk));
        item.put(InvoiceTable.ENTITY, AttributeValue.fromS(ENTITY));
        item.put(STATE, AttributeValue.fromS(IN_PROGRESS));
        item.put(TOKEN, AttributeValue.fromS(claim.token()));
        item.put(REQUEST_HASH, AttributeValue.fromS(requestHash));
        item.put(LOCKED_UNTIL, AttributeValue.fromN(Long.toString(now.plus(LOCK).toEpochMilli())));
        item.put(InvoiceTable.EXPIRES_AT, expiresAt(now));
        try {
            // Free when absent, expired (TTL deletes lazily), or a crashed request's claim for this same request.
            call(() -> dynamoDb.putItem(put -> put
                    .tableName(tableName)
                    .item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #expires < :nowSeconds"
                            + " OR (#state = :inProgress AND #locked < :nowMillis AND #hash = :hash)")
                    .expressionAttributeNames(Map.of("#pk", InvoiceTable.PK, "#expires", InvoiceTable.EXPIRES_AT,
                            "#state", STATE, "#locked", LOCKED_UNTIL, "#hash", REQUEST_HASH))
                    .expressionAttributeValues(Map.of(
                            ":nowSeconds", AttributeValue.fromN(Long.toString(now.getEpochSecond())),
                            ":nowMillis", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                            ":inProgress", AttributeValue.fromS(IN_PROGRESS),
                            ":hash", AttributeValue.fromS(requestHash)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
            return new Proceed(claim);
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> existing = taken.hasItem() ? taken.item() : Map.of();
            if (!requestHash.equals(string(existing, REQUEST_HASH))) {
                throw new IdempotencyKeyReusedException(
                        "This Idempotency-Key was already used with a different request.");
            }
            if (!COMPLETED.equals(string(existing, STATE))) {
                throw new IdempotencyKeyReusedException(
                        "A request with this Idempotency-Key is still in progress. Retry shortly.");
            }
            return new Replay(response(existing));
        }
    }

    /**
     * The Put that completes {@code claim} with {@code response}, for the operation to add to the transaction
     * that makes its change; it fails the transaction if the claim is no longer ours.
     */
    public CoWrite completion(Claim claim, StoredResponse response) {
        return new CoWrite(TransactWriteItem.builder().put(completedPut(claim, response)).build());
    }

    /** Completes {@code claim} on its own, for answers that changed nothing (refusals, no-ops). */
    public void complete(Claim claim, StoredResponse response) {
        // False when the claim outlived its lock and another request took the key: that request's answer stands.
        DynamoDbCalls.putIf(dynamoDb, completedPut(claim, response));
    }

    /**
     * Gives the key back after a failure (5xx), so that a retry runs the request again, unless the answer was
     * already committed with the change.
     */
    public void release(Claim claim) {
        try {
            call(() -> dynamoDb.deleteItem(delete -> delete
                    .tableName(tableName)
                    .key(Map.of(InvoiceTable.PK, AttributeValue.fromS(claim.pk())))
                    // Only a claim still in progress: if the change and its answer were committed before the
                    // failure (a timeout after DynamoDB wrote them), the answer stays, and a retry replays it.
                    .conditionExpression("#token = :token AND #state = :inProgress")
                    .expressionAttributeNames(Map.of("#token", TOKEN, "#state", STATE))
                    .expressionAttributeValues(Map.of(":token", AttributeValue.fromS(claim.token()),
                            ":inProgress", AttributeValue.fromS(IN_PROGRESS)))));
        } catch (ConditionalCheckFailedException committedOrGone) {
            // Nothing of ours to remove.
        }
    }

    private Put completedPut(Claim claim, StoredResponse response) {
        Map<String, AttributeValue> headers = new LinkedHashMap<>();
        response.headers().forEach((name, value) -> headers.put(name, AttributeValue.fromS(value)));
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(InvoiceTable.PK, AttributeValue.fromS(claim.pk()));
        item.put(InvoiceTable.ENTITY, AttributeValue.fromS(ENTITY));
        item.put(STATE, AttributeValue.fromS(COMPLETED));
        item.put(TOKEN, AttributeValue.fromS(claim.token()));
        item.put(REQUEST_HASH, AttributeValue.fromS(claim.requestHash()));
        item.put(RESPONSE_STATUS, AttributeValue.fromN(Integer.toString(response.status())));
        item.put(RESPONSE_HEADERS, AttributeValue.fromM(headers));
        item.put(RESPONSE_BODY, AttributeValue.fromS(response.body()));
        item.put(InvoiceTable.EXPIRES_AT, expiresAt(clock.instant()));
        return Put.builder()
                .tableName(tableName)
                .item(item)
                .conditionExpression("#token = :token")
                .expressionAttributeNames(Map.of("#token", TOKEN))
                .expressionAttributeValues(Map.of(":token", AttributeValue.fromS(claim.token())))
                .build();
    }

    private static AttributeValue expiresAt(Instant now) {
        return AttributeValue.fromN(Long.toString(now.plus(RETENTION).getEpochSecond()));
    }

    private static StoredResponse response(Map<String, AttributeValue> item) {
        Map<String, String> headers = new LinkedHashMap<>();
        item.getOrDefault(RESPONSE_HEADERS, AttributeValue.fromM(Map.of())).m()
                .forEach((name, value) -> headers.put(name, value.s()));
        return new StoredResponse(Integer.parseInt(item.get(RESPONSE_STATUS).n()), headers,
                item.get(RESPONSE_BODY).s());
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

}
