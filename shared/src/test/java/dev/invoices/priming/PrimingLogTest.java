package dev.invoices.priming;

import dev.invoices.json.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unit test: priming says in the function's log what it did, one {@code priming} line with each synthetic
 * request's status, and a failed priming says why instead of passing unnoticed.
 */
class PrimingLogTest {
    @Test
    void aPrimingThatAnswers_logsEachRequestsStatus() {
        // given: a handler that answers 201, primed with one synthetic event
        Priming priming = Priming.of(dependencies -> (in, out, context) ->
                out.write("{\"statusCode\":201,\"body\":\"{}\"}".getBytes(StandardCharsets.UTF_8)), "probe-event.json");

        // when
        Map<String, Object> line = onlyLine(() -> priming.prime("checkpoint"));

        // then
        assertEquals("INFO", line.get("level"));
        assertEquals("priming", line.get("kind"));
        assertEquals("checkpoint", line.get("trigger"));
        assertEquals(List.of(Map.of("event", "probe-event.json", "status", new BigDecimal("201"))),
                line.get("requests"));
        assertTrue(line.get("duration_ms") instanceof BigDecimal, line.toString());
    }

    @Test
    void aPrimingThatFails_logsTheFailure_andDoesNotStopTheFunction() {
        // given: a handler whose request path throws
        Priming priming = Priming.of(dependencies -> (in, out, context) -> {
            throw new IllegalStateException("the path broke");
        }, "probe-event.json");

        // when: priming is run as registration runs it, which must not throw
        Map<String, Object> line = onlyLine(() -> priming.prime("provisioned-concurrency"));

        // then
        assertEquals("WARN", line.get("level"));
        assertEquals("provisioned-concurrency", line.get("trigger"));
        assertNull(line.get("requests"));
        assertEquals("java.lang.IllegalStateException: the path broke", line.get("error"));
    }

    /** What the runtime's logger wrote while {@code action} ran: one JSON line, parsed. */
    private static Map<String, Object> onlyLine(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), lines.toString());
        return Json.readObject(lines.getFirst());
    }
}
