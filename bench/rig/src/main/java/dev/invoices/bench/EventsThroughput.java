package dev.invoices.bench;

import dev.invoices.devtools.LocalEngine;
import dev.invoices.devtools.LocalEventBus;
import dev.invoices.devtools.StreamPump;
import dev.invoices.functions.PublishEventsHandler;
import dev.invoices.lambda.InvocationContext;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.publishing.EventBridgeClients;
import dev.invoices.publishing.PublisherConfig;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.TestContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The publisher's throughput on the local engine, end to end as {@code serve} runs it: {@link StreamPump} reads the
 * table's stream in batches of the template's 100, the handler's entry point turns them into events, and its real
 * SDK client sends them to a loopback {@link LocalEventBus}. Two passes over one table: the inserts of {@value #INVOICES}
 * finalized invoices ({@code Invoice Created}), then their voids ({@code Invoice Voided}, each record with both
 * images). Measured from the first read of the stream to the last event delivered.
 */
final class EventsThroughput {
    static final int INVOICES = 2_000;
    static final int BATCH_SIZE = 100;

    /** One pass: what it read and sent, and how long it took. */
    record Pass(String name, int records, int events, int batches, int calls, long millis) {
        double rate() {
            return events * 1000.0 / millis;
        }
    }

    private final LocalEngine engine;
    private final Seed seed;
    private final DynamoDbClient dynamoDb;

    EventsThroughput(LocalEngine engine, Seed seed, DynamoDbClient dynamoDb) {
        this.engine = engine;
        this.seed = seed;
        this.dynamoDb = dynamoDb;
    }

    List<Pass> run() {
        String table = seed.createTable("events");
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        try (LocalEventBus bus = LocalEventBus.start(line -> { }, InvocationContext.ACCOUNT_ID, InvocationContext.REGION);
             EventBridgeClient events = EventBridgeClients.create("us-east-1", Optional.of(bus.endpoint()), credentials,
                     List.of());
             DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                     .httpClient(UrlConnectionHttpClient.create()).endpointOverride(engine.endpoint())
                     .region(LocalEngine.REGION).credentialsProvider(credentials).build()) {
            PublishEventsHandler handler = new PublishEventsHandler(
                    Map.of(PublisherConfig.EVENT_BUS_NAME, "bench", "AWS_REGION", "us-east-1"), events);
            StreamPump pump = new StreamPump(streams, table, "us-east-1", BATCH_SIZE, Optional.empty(),
                    event -> invoke(handler, event));
            InvoiceStore store = new InvoiceStore(dynamoDb, table);
            Instant start = Instant.parse("2025-01-01T00:00:00Z");
            seed.putAll(table, INVOICES, i -> InvoiceFixtures.simple("inv_e_%05d".formatted(i),
                    "cus_%02d".formatted(i % 50), InvoiceStatus.FINALIZED,
                    start.atZone(ZoneOffset.UTC).plusMonths(i % 12).toInstant()));
            Pass created = drain("Invoice Created", pump, bus);
            Instant now = Instant.now();
            for (int i = 0; i < INVOICES; i++) {
                Invoice invoice = store.get("inv_e_%05d".formatted(i)).orElseThrow();
                if (!store.replace(invoice.voided(now, "bench"), invoice.version())) {
                    throw new IllegalStateException("the void of " + invoice.id() + " found another version");
                }
            }
            Pass voided = drain("Invoice Voided", pump, bus);
            return List.of(created, voided);
        }
    }

    private static Pass drain(String name, StreamPump pump, LocalEventBus bus) {
        int deliveredBefore = bus.delivered().size();
        int callsBefore = bus.calls();
        int records = 0;
        int batches = 0;
        long started = System.nanoTime();
        while (true) {
            StreamPump.Pass pass = pump.pumpOnce();
            if (pass.failed()) {
                throw new IllegalStateException("a batch failed: " + pass);
            }
            if (pass.records() == 0) {
                break;
            }
            records += pass.records();
            batches++;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        int events = bus.delivered().size() - deliveredBefore;
        if (events != INVOICES) {
            throw new IllegalStateException(name + ": " + events + " events for " + INVOICES + " invoices");
        }
        return new Pass(name, records, events, batches, bus.calls() - callsBefore, millis);
    }

    private static byte[] invoke(PublishEventsHandler handler, byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, TestContext.withRemainingTime(() -> 60_000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
