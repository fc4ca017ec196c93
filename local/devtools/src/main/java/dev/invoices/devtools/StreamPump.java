package dev.invoices.devtools;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.invoices.json.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What Lambda's event source mapping does for a DynamoDB stream, on this machine: reads a table's stream from
 * where it last stopped ({@code ListStreams}, {@code DescribeStream}, {@code GetShardIterator},
 * {@code GetRecords}, the calls and so the permissions the mapping needs), hands each batch to a function as
 * Lambda delivers it ({@code {"Records": [...]}} with {@code eventSourceARN}, {@code ApproximateCreationDateTime}
 * in epoch seconds), reads the function's {@code batchItemFailures}, and moves on only past what succeeded: a batch
 * that reports its record {@code s} is read again from {@code s}; a function that throws sees the whole batch
 * again. The position (the next sequence number to read, and whether it is read at or after) is kept in a file
 * when one is given, so that a restart resumes where the last run stopped, neither losing nor repeating a batch
 * the function finished.
 *
 * <p>The local engine keeps one shard per stream, and a restarted engine replays its journal, which rebuilds the
 * stream with the same sequence numbers; that is what makes a kept position mean the same after a restart.
 */
public final class StreamPump {
    /** How many records a batch holds at most: the template's {@code BatchSize}. */
    private final int batchSize;
    private final DynamoDbStreamsClient streams;
    private final String tableName;
    private final String region;
    private final Optional<Path> positionFile;
    private final Function<byte[], byte[]> function;
    private Position position;
    private String streamArn;
    private String shardId;

    /** Where the next read starts: {@code AT_SEQUENCE_NUMBER} or {@code AFTER_SEQUENCE_NUMBER} a number, or the start. */
    record Position(ShardIteratorType type, String sequenceNumber) {
        static final Position START = new Position(ShardIteratorType.TRIM_HORIZON, "");

        String line() {
            return type == ShardIteratorType.TRIM_HORIZON ? type.toString() : type + " " + sequenceNumber;
        }

        static Position parse(String line) {
            String[] parts = line.strip().split(" ");
            ShardIteratorType type = ShardIteratorType.fromValue(parts[0]);
            if (type == ShardIteratorType.TRIM_HORIZON) {
                return START;
            }
            if (parts.length != 2 || (type != ShardIteratorType.AT_SEQUENCE_NUMBER
                    && type != ShardIteratorType.AFTER_SEQUENCE_NUMBER)) {
                throw new IllegalArgumentException("not a stream position: " + line);
            }
            return new Position(type, parts[1]);
        }
    }

    /** What one {@link #pumpOnce()} did. */
    public record Pass(int records, Optional<String> failedSequenceNumber, Optional<RuntimeException> error) {
        public boolean failed() {
            return failedSequenceNumber.isPresent() || error.isPresent();
        }
    }

    /**
     * @param positionFile where the position is kept; empty to start from the stream's oldest record every time
     * @param function     runs the function with a batch's event and returns its answer
     */
    public StreamPump(DynamoDbStreamsClient streams, String tableName, String region, int batchSize,
                      Optional<Path> positionFile, Function<byte[], byte[]> function) {
        this.streams = streams;
        this.tableName = tableName;
        this.region = region;
        this.batchSize = batchSize;
        this.positionFile = positionFile;
        this.function = function;
        this.position = positionFile.filter(Files::isRegularFile).map(StreamPump::read).orElse(Position.START);
    }

    /** Reads one batch, if there is one, and hands it to the function. */
    public Pass pumpOnce() {
        if (streamArn == null) {
            streamArn = streams.listStreams(request -> request.tableName(tableName)).streams().stream()
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the table " + tableName + " has no stream"))
                    .streamArn();
            List<Shard> shards = streams.describeStream(request -> request.streamArn(streamArn))
                    .streamDescription().shards();
            shardId = shards.getLast().shardId();
        }
        String iterator = streams.getShardIterator(request -> {
            request.streamArn(streamArn).shardId(shardId).shardIteratorType(position.type());
            if (position.type() != ShardIteratorType.TRIM_HORIZON) {
                request.sequenceNumber(position.sequenceNumber());
            }
        }).shardIterator();
        GetRecordsResponse response = streams.getRecords(request -> request.shardIterator(iterator).limit(batchSize));
        List<Record> records = response.records();
        if (records.isEmpty()) {
            return new Pass(0, Optional.empty(), Optional.empty());
        }
        byte[] answer;
        try {
            answer = function.apply(lambdaEvent(records).getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException failure) {
            return new Pass(records.size(), Optional.empty(), Optional.of(failure));
        }
        Optional<String> failed = firstFailure(answer);
        if (failed.isPresent()) {
            moveTo(new Position(ShardIteratorType.AT_SEQUENCE_NUMBER, failed.get()));
        } else {
            moveTo(new Position(ShardIteratorType.AFTER_SEQUENCE_NUMBER,
                    records.getLast().dynamodb().sequenceNumber()));
        }
        return new Pass(records.size(), failed, Optional.empty());
    }

    private void moveTo(Position next) {
        if (next.equals(position)) {
            return;
        }
        position = next;
        positionFile.ifPresent(file -> {
            try {
                Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(temporary, next.line() + "\n", StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the stream position in " + file, e);
            }
        });
    }

    private static Position read(Path file) {
        try {
            return Position.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stream position in " + file, e);
        }
    }

    /** The first {@code batchItemFailures[].itemIdentifier}, if the answer names one. */
    static Optional<String> firstFailure(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8).strip();
        if (text.isEmpty() || text.equals("null")) {
            return Optional.empty();
        }
        Map<String, Object> response = Json.readEvent(text);
        if (response.get("batchItemFailures") instanceof List<?> failures && !failures.isEmpty()
                && failures.getFirst() instanceof Map<?, ?> first && first.get("itemIdentifier") instanceof String id) {
            return Optional.of(id);
        }
        return Optional.empty();
    }

    /** The batch as Lambda delivers it to a function. */
    String lambdaEvent(List<Record> records) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            for (Record record : records) {
                StreamRecord change = record.dynamodb();
                g.writeStartObject();
                g.writeStringField("eventID", record.eventID());
                g.writeStringField("eventName", record.eventNameAsString());
                g.writeStringField("eventVersion", "1.1");
                g.writeStringField("eventSource", "aws:dynamodb");
                g.writeStringField("awsRegion", region);
                g.writeObjectFieldStart("dynamodb");
                if (change.approximateCreationDateTime() != null) {
                    g.writeNumberField("ApproximateCreationDateTime",
                            change.approximateCreationDateTime().getEpochSecond());
                }
                image(g, "Keys", change.keys());
                if (change.hasNewImage()) {
                    image(g, "NewImage", change.newImage());
                }
                if (change.hasOldImage()) {
                    image(g, "OldImage", change.oldImage());
                }
                g.writeStringField("SequenceNumber", change.sequenceNumber());
                if (change.sizeBytes() != null) {
                    g.writeNumberField("SizeBytes", change.sizeBytes());
                }
                g.writeStringField("StreamViewType", change.streamViewTypeAsString());
                g.writeEndObject();
                g.writeStringField("eventSourceARN", streamArn);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void image(JsonGenerator g, String name, Map<String, AttributeValue> image) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, AttributeValue> attribute : image.entrySet()) {
            g.writeFieldName(attribute.getKey());
            value(g, attribute.getValue());
        }
        g.writeEndObject();
    }

    /** An attribute in DynamoDB's typed JSON, numbers as strings (as the wire and Lambda carry them). */
    private static void value(JsonGenerator g, AttributeValue value) throws IOException {
        g.writeStartObject();
        switch (value.type()) {
            case S -> g.writeStringField("S", value.s());
            case N -> g.writeStringField("N", value.n());
            case B -> g.writeStringField("B", base64(value.b()));
            case BOOL -> g.writeBooleanField("BOOL", value.bool());
            case NUL -> g.writeBooleanField("NULL", true);
            case SS -> {
                g.writeArrayFieldStart("SS");
                for (String s : value.ss()) {
                    g.writeString(s);
                }
                g.writeEndArray();
            }
            case NS -> {
                g.writeArrayFieldStart("NS");
                for (String n : value.ns()) {
                    g.writeString(n);
                }
                g.writeEndArray();
            }
            case BS -> {
                g.writeArrayFieldStart("BS");
                for (SdkBytes b : value.bs()) {
                    g.writeString(base64(b));
                }
                g.writeEndArray();
            }
            case L -> {
                g.writeArrayFieldStart("L");
                for (AttributeValue item : value.l()) {
                    value(g, item);
                }
                g.writeEndArray();
            }
            case M -> image(g, "M", value.m());
            default -> throw new IllegalArgumentException("an attribute of no known type");
        }
        g.writeEndObject();
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
