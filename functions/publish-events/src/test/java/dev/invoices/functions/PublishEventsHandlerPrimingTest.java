package dev.invoices.functions;

import dev.invoices.json.Json;
import dev.invoices.publishing.Announcements;
import dev.invoices.publishing.DetailType;
import dev.invoices.publishing.InvoiceEvent;
import dev.invoices.publishing.PublisherPriming;
import dev.invoices.publishing.StreamRecords;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Unit test: the SnapStart priming of the publisher runs its real batch path on a synthetic stream record and a
 * canned EventBridge client (no EventBridge, no network: none is running for this test), and the batch is
 * answered with no failure, so the classification, the rendering and the send all ran.
 */
class PublishEventsHandlerPrimingTest {
    @Test
    void priming_publishesTheSyntheticRecordsEvent_withoutTheNetwork() throws IOException {
        // given: the priming the Lambda entry constructor registers
        PublisherPriming priming = PublisherPriming.of(PublishEventsHandler::new);

        // when
        String answer = priming.run();

        // then: its one record is a void, so an event was rendered and sent, and accepted
        String batch = new String(PublishEventsHandlerPrimingTest.class.getResourceAsStream("/priming/stream-event.json")
                .readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(Optional.of(DetailType.VOIDED), Announcements.of(StreamRecords.read(Json.readEvent(batch))
                .getFirst()).map(InvoiceEvent::type));
        assertEquals("{\"batchItemFailures\":[]}", answer);
    }
}
