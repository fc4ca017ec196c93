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
 * Unit test: the SnapStart priming of the list function runs its real request path on synthetic data and a canned DynamoDB
 * client (no DynamoDB, no network: none is running for this test), and takes its success path.
 */
class ListInvoicesHandlerPrimingTest {
    @Test
    void priming_listsAPageInEachDialect_andCountsADateRange_withoutTheNetwork() throws IOException {
        // given: the priming the Lambda entry constructor registers
        Priming priming = Priming.of(ListInvoicesHandler::new, "list-event.json", "list-fastly-event.json");

        // when
        List<String> responses = priming.run();

        // then
        assertEquals(2, responses.size());
        Map<String, Object> canonical = Json.readEvent(responses.get(0));
        assertEquals(new BigDecimal("200"), canonical.get("statusCode"), responses.get(0));
        assertEquals(1, ((List<?>) Json.readObject((String) canonical.get("body")).get("data")).size());
        Map<String, Object> fastly = Json.readEvent(responses.get(1));
        assertEquals(new BigDecimal("200"), fastly.get("statusCode"), responses.get(1));
        // the month is cut by the range, so the total came from the edge month's Query (which finds one)
        assertEquals(BigDecimal.ONE, ((Map<?, ?>) Json.readObject((String) fastly.get("body")).get("meta")).get("total"));
    }
}
