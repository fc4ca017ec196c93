package dev.invoices.functions;

import dev.invoices.json.Json;
import dev.invoices.priming.Priming;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Unit test: the SnapStart priming of the list function runs its real request path on synthetic data and a
 * canned DynamoDB client (no DynamoDB, no network: none is running for this test), and ends in an empty page (200).
 */
class ListInvoicesHandlerPrimingTest {
    @Test
    void priming_listsAnEmptyPage_fromTheCannedClient_withoutTheNetwork() throws IOException {
        // given: the priming the Lambda entry constructor registers
        Priming priming = Priming.of(ListInvoicesHandler::new, "list-event.json");

        // when
        List<String> responses = priming.run();

        // then
        assertEquals(1, responses.size());
        Map<String, Object> response = Json.readEvent(responses.getFirst());
        assertEquals(new BigDecimal("200"), response.get("statusCode"), responses.getFirst());
        assertEquals("{\"data\":[],\"next_page\":null}", response.get("body"));
    }
}
