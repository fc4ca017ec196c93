package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.json.Json;
import dev.invoices.observability.LogLine;
import dev.invoices.observability.Metrics;
import dev.invoices.publishing.Announcements;
import dev.invoices.publishing.EventBridgeClients;
import dev.invoices.publishing.EventEntries;
import dev.invoices.publishing.EventPublisher;
import dev.invoices.publishing.InvoiceEvent;
import dev.invoices.publishing.PublisherConfig;
import dev.invoices.publishing.PublishMetrics;
import dev.invoices.publishing.PublisherPriming;
import dev.invoices.publishing.StreamRecord;
import dev.invoices.publishing.StreamRecords;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Announces invoices' committed changes: Lambda hands it a batch of the invoices table's stream records
 * ({@code NEW_AND_OLD_IMAGES}, one shard, in order); it sends one EventBridge event per logical change
 * ({@link Announcements}) to the invoices bus, and answers the batch item failures
 * ({@code ReportBatchItemFailures}): at most one, the first record whose event could not be sent, or that cannot
 * be read, so that Lambda resends the batch from there. The handlers that change invoices publish nothing.
 */
public final class PublishEventsHandler implements RequestStreamHandler {
    private final EventEntries entries;
    private final EventPublisher publisher;

    /**
     * Lambda's entry: configuration and the EventBridge client are built once per container, and the batch path is
     * primed before a SnapStart snapshot ({@link PublisherPriming}).
     */
    public PublishEventsHandler() {
        this(PublisherConfig.fromEnvironment());
        PublisherPriming.register(PublishEventsHandler::new);
    }

    private PublishEventsHandler(PublisherConfig config) {
        this(config, EventBridgeClients.create(config.region()));
    }

    /** The function's composition root, for tests and the local server: its environment and its bus client. */
    public PublishEventsHandler(Map<String, String> environment, EventBridgeClient events) {
        this(PublisherConfig.from(environment), events);
    }

    private PublishEventsHandler(PublisherConfig config, EventBridgeClient events) {
        this.entries = new EventEntries(config.source(), config.busName());
        this.publisher = new EventPublisher(events);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<StreamRecord> records = StreamRecords.read(Json.readEvent(
                new String(input.readAllBytes(), StandardCharsets.UTF_8)));
        List<EventPublisher.Pending> pending = new ArrayList<>();
        Optional<String> unreadable = Optional.empty();
        for (StreamRecord record : records) {
            Optional<InvoiceEvent> event;
            try {
                event = Announcements.of(record);
            } catch (RuntimeException failure) {
                // Nothing after it is sent: Lambda retries from this record, then hands it to the on-failure queue.
                LogLine.of(LogLevel.ERROR, "stream")
                        .with("request_id", context.getAwsRequestId())
                        .with("outcome", "unreadable_record")
                        .with("sequence_number", record.sequenceNumber())
                        .with("pk", record.partitionKey())
                        .failure(failure)
                        .writeTo(context);
                unreadable = Optional.of(record.sequenceNumber());
                break;
            }
            event.map(entries::pending).ifPresent(pending::add);
        }

        EventPublisher.Report report = publisher.publish(pending, context::getRemainingTimeInMillis);
        Optional<String> failure = report.stoppedAt().isPresent() ? report.stoppedAt() : unreadable;
        for (EventPublisher.Pending sent : pending) {
            if (report.stoppedAt().isPresent() && report.stoppedAt().get().equals(sent.sequenceNumber())) {
                break;
            }
            InvoiceEvent event = sent.event();
            LogLine.of(LogLevel.INFO, "published")
                    .with("request_id", context.getAwsRequestId())
                    .with("event_id", event.eventId())
                    .with("detail_type", event.type().text())
                    .with("invoice_id", event.invoice().id())
                    .with("customer_id", event.invoice().customerId())
                    .with("version", event.invoice().version())
                    .with("sequence_number", event.sequenceNumber())
                    .with("invoice_too_large", sent.invoiceTooLarge())
                    .writeTo(context);
        }
        LogLine.of(failure.isPresent() ? LogLevel.WARN : LogLevel.INFO, "stream")
                .with("request_id", context.getAwsRequestId())
                .with("outcome", failure.isPresent() ? "partial" : "published")
                .with("records", records.size())
                .with("events", pending.size())
                .with("published", report.published())
                .with("failed_entries", report.failedEntries())
                .with("failed_calls", report.failedCalls())
                .with("retries", report.retries())
                .with("failed_sequence_number", failure.orElse(null))
                .with("error_code", report.errorCode().orElse(null))
                .writeTo(context);
        Metrics metrics = new Metrics();
        PublishMetrics.add(metrics, report, failure.isPresent());
        metrics.writeTo(context, context.getAwsRequestId());

        output.write(batchResponse(failure).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"batchItemFailures": [{"itemIdentifier": sequence number}]}}, empty when all went out. */
    static String batchResponse(Optional<String> failedSequenceNumber) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("batchItemFailures");
            if (failedSequenceNumber.isPresent()) {
                g.writeStartObject();
                g.writeStringField("itemIdentifier", failedSequenceNumber.get());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
