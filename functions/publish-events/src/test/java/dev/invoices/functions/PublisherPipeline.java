package dev.invoices.functions;

import dev.invoices.devtools.LocalEngine;
import dev.invoices.devtools.LocalEventBus;
import dev.invoices.devtools.StreamPump;
import dev.invoices.json.Json;
import dev.invoices.lambda.InvocationContext;
import dev.invoices.publishing.EventBridgeClients;
import dev.invoices.publishing.PublisherConfig;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.LocalDynamoDb;
import dev.invoices.testing.TestContext;
import dev.invoices.store.InvoiceTable;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The publisher as deployed, on this machine, for its tests: a new invoices table on the local engine (with its
 * stream, as the template defines it), the real handler through its entry point, fed by a {@link StreamPump} (what
 * Lambda's event source mapping does) with real stream records in Lambda's shape, and sending with the real SDK
 * client to a loopback {@link LocalEventBus} that can inject faults. The pump's and the client's calls are recorded
 * as the publisher's, for the test of its role.
 */
final class PublisherPipeline implements AutoCloseable {
    static final String FUNCTION = "PublishEventsFunction";
    static final String BUS = "InvoiceEventsBus";

    final String table = LocalDynamoDb.createInvoicesTable();
    final InvoiceStore store = new InvoiceStore(LocalDynamoDb.client(), table);
    final LocalEventBus bus = LocalEventBus.start(line -> { }, InvocationContext.ACCOUNT_ID, InvocationContext.REGION);
    final EventBridgeClient events = EventBridgeClients.create(LocalEngine.REGION.id(), Optional.of(bus.endpoint()),
            LocalDynamoDb.credentials(), List.of(LocalDynamoDb.recorder(FUNCTION)));
    final PublishEventsHandler handler = new PublishEventsHandler(
            Map.of(PublisherConfig.EVENT_BUS_NAME, BUS, "AWS_REGION", LocalEngine.REGION.id()), events);
    final List<TestContext> invocations = new ArrayList<>();
    private final StreamPump pump = new StreamPump(LocalDynamoDb.streams(FUNCTION), table, LocalEngine.REGION.id(),
            100, Optional.empty(), this::invoke);

    /** One batch through the handler, as Lambda would deliver it; what the pump saw. */
    StreamPump.Pass pumpOnce() {
        return pump.pumpOnce();
    }

    /** Batches until the stream is read to its end, or {@code maxBatches}; the passes, in order. */
    List<StreamPump.Pass> drain(int maxBatches) {
        List<StreamPump.Pass> passes = new ArrayList<>();
        for (int i = 0; i < maxBatches; i++) {
            StreamPump.Pass pass = pump.pumpOnce();
            if (pass.records() == 0) {
                return passes;
            }
            passes.add(pass);
        }
        return passes;
    }

    /**
     * The sequence number of the stream record that wrote {@code invoiceId} at {@code version}, read from the
     * stream independently of the pump (by a client that records nothing: these reads are the test's).
     */
    String sequenceNumberOf(String invoiceId, long version) {
        try (DynamoDbStreamsClient reader = DynamoDbStreamsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(LocalDynamoDb.endpoint())
                .region(LocalEngine.REGION)
                .credentialsProvider(LocalDynamoDb.credentials())
                .build()) {
            String arn = reader.listStreams(r -> r.tableName(table)).streams().getFirst().streamArn();
            String shard = reader.describeStream(r -> r.streamArn(arn)).streamDescription().shards().getLast().shardId();
            String iterator = reader.getShardIterator(r -> r.streamArn(arn).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            for (Record record : reader.getRecords(r -> r.shardIterator(iterator).limit(1000)).records()) {
                var image = record.dynamodb().newImage();
                if (image != null && image.containsKey("version")
                        && InvoiceTable.invoicePk(invoiceId).equals(record.dynamodb().keys().get(InvoiceTable.PK).s())
                        && Long.parseLong(image.get("version").n()) == version) {
                    return record.dynamodb().sequenceNumber();
                }
            }
        }
        throw new AssertionError("no stream record wrote " + invoiceId + " at version " + version);
    }

    /** The events delivered so far, parsed. */
    List<Map<String, Object>> delivered() {
        return bus.delivered().stream().map(Json::readObject).toList();
    }

    private byte[] invoke(byte[] event) {
        TestContext context = TestContext.withRemainingTime(() -> 60_000);
        invocations.add(context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        events.close();
        bus.close();
    }
}
