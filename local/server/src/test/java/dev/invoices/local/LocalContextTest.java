package dev.invoices.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.json.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Unit test: the local context's logger prints what the Java runtime would send CloudWatch under LogFormat JSON. */
class LocalContextTest {
    @Test
    void bytesArePrintedAsTheyAre_andAStringIsWrappedAsTheRuntimeWrapsIt() {
        // given
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Context context = LocalContext.create("VoidInvoiceFunction", 15, 1024,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        // when
        context.getLogger().log("{\"kind\":\"request\",\"status\":200}\n".getBytes(StandardCharsets.UTF_8),
                LogLevel.INFO);
        context.getLogger().log("plain text", LogLevel.WARN);

        // then: one JSON object a line
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("{\"kind\":\"request\",\"status\":200}", lines.getFirst());
        Map<String, Object> wrapped = Json.readObject(lines.get(1));
        assertEquals(List.of("timestamp", "message", "level", "AWSRequestId"), List.copyOf(wrapped.keySet()));
        assertEquals(List.of("plain text", "WARN", context.getAwsRequestId()),
                List.of(wrapped.get("message"), wrapped.get("level"), wrapped.get("AWSRequestId")));
    }
}
