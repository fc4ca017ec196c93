package dev.invoices.publishing;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of one item, as DynamoDB Streams records it and Lambda delivers it: {@code INSERT}, {@code MODIFY}
 * or {@code REMOVE}, the item's images before and after ({@code NEW_AND_OLD_IMAGES}), and the record's sequence
 * number, which is what a batch item failure names.
 *
 * @param sequenceNumber {@code dynamodb.SequenceNumber}: the record's place in its shard
 * @param eventName      {@code INSERT}, {@code MODIFY} or {@code REMOVE}
 * @param partitionKey   the item's {@code pk}
 * @param oldImage       the item before the change; empty for an insert
 * @param newImage       the item after the change; empty for a removal
 */
public record StreamRecord(String sequenceNumber, String eventName, String partitionKey,
                           Optional<Map<String, AttributeValue>> oldImage,
                           Optional<Map<String, AttributeValue>> newImage) {
    public static final String INSERT = "INSERT";
    public static final String MODIFY = "MODIFY";
    public static final String REMOVE = "REMOVE";

    public StreamRecord {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(oldImage, "oldImage");
        Objects.requireNonNull(newImage, "newImage");
    }
}
