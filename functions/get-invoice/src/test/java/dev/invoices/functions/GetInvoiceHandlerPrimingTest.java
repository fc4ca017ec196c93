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
 * Unit test: the SnapStart priming of the get function runs its real request path on synthetic data and a canned DynamoDB
 * client (no DynamoDB, no network: none is running for this test), and takes its success path.
 */
class GetInvoiceHandlerPrimingTest {
    @Test
    void priming_readsTheSyntheticInvoice_andAnswers200_withoutTheNetwork() throws IOException {
        // given: the priming the Lambda entry constructor registers
        Priming priming = Priming.of(GetInvoiceHandler::new, "get-event.json");

        // when
        List<String> responses = priming.run();

        // then
        assertEquals(1, responses.size());
        Map<String, Object> response = Json.readEvent(responses.getFirst());
        assertEquals(new BigDecimal("200"), response.get("statusCode"), responses.getFirst());
        assertEquals("inv_priming", ((Map<?, ?>) Json.readObject((String) response.get("body")).get("data")).get("id"));
    }
}
