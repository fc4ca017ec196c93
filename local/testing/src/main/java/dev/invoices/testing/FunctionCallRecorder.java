package dev.invoices.testing;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Records the IAM authorisations the calls of one client need, as one function's, in {@link DynamoDbCallRecorder}'s
 * file: for a client that acts with a function's role but is not called from its handler's stack, or that is not a
 * DynamoDB client. Two kinds:
 * <ul>
 *   <li>DynamoDB Streams ({@code ListStreams}, {@code DescribeStream}, {@code GetShardIterator}, {@code GetRecords}):
 *       {@code dynamodb:<operation>} on the table's stream, written as index {@value #STREAM}; a shard iterator
 *       names no stream, so {@code GetRecords} is recorded on the stream the last iterator came from;</li>
 *   <li>EventBridge ({@code PutEvents}): {@code events:PutEvents} on each entry's bus, by its logical id (local
 *       buses are named by their logical ids), read through the SDK's field access so that this module needs no
 *       EventBridge client.</li>
 * </ul>
 * Any other call is recorded as its operation on no known resource, which fails the test of the roles.
 */
public final class FunctionCallRecorder implements ExecutionInterceptor {
    /** The index column of a call on a table's stream. */
    public static final String STREAM = "stream";

    private final String function;
    private final DynamoDbCallRecorder file;
    private final Function<String, Optional<String>> tableLogicalId;
    private final Set<String> resources;
    private volatile String lastStreamTable = "?";

    FunctionCallRecorder(String function, DynamoDbCallRecorder file, Function<String, Optional<String>> tableLogicalId,
                         Set<String> resources) {
        this.function = function;
        this.file = file;
        this.tableLogicalId = tableLogicalId;
        this.resources = Set.copyOf(resources);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkRequest request = context.request();
        List<DynamoDbCall> calls = new ArrayList<>();
        String none = DynamoDbCall.NONE;
        switch (request) {
            case ListStreamsRequest list -> calls.add(stream(operation, table(list.tableName())));
            case DescribeStreamRequest describe -> calls.add(stream(operation, streamTable(describe.streamArn())));
            case GetShardIteratorRequest iterator -> {
                lastStreamTable = streamTable(iterator.streamArn());
                calls.add(stream(operation, lastStreamTable));
            }
            case GetRecordsRequest ignored -> calls.add(stream(operation, lastStreamTable));
            default -> {
                if (request.getClass().getName().startsWith("software.amazon.awssdk.services.eventbridge.")) {
                    for (Object entry : request.getValueForField("Entries", List.class).orElse(List.of())) {
                        String bus = entry instanceof software.amazon.awssdk.core.SdkPojo pojo
                                ? pojo.sdkFields().stream()
                                        .filter(f -> f.memberName().equals("EventBusName"))
                                        .map(f -> String.valueOf(f.getValueOrDefault(entry)))
                                        .findFirst().orElse("?")
                                : "?";
                        calls.add(new DynamoDbCall(function, operation, "events:" + operation,
                                resources.contains(bus) ? bus : "?" + bus, none, none));
                    }
                } else {
                    calls.add(new DynamoDbCall(function, operation, operation, "?", none, none));
                }
            }
        }
        file.recordAll(calls);
    }

    private DynamoDbCall stream(String operation, String table) {
        return new DynamoDbCall(function, operation, "dynamodb:" + operation, table, STREAM, DynamoDbCall.NONE);
    }

    private String table(String name) {
        return name == null ? "?" : tableLogicalId.apply(name).orElse("?" + name);
    }

    /** The table of {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL}. */
    private String streamTable(String streamArn) {
        if (streamArn == null) {
            return "?";
        }
        int start = streamArn.indexOf(":table/");
        int end = streamArn.indexOf("/stream/");
        return start < 0 || end < start ? "?" : table(streamArn.substring(start + ":table/".length(), end));
    }
}
