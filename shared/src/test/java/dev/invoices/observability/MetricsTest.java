package dev.invoices.observability;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.invoices.json.Json;
import dev.invoices.lambda.InvocationContext;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Unit test: the Embedded Metric Format object one invocation writes. */
class MetricsTest {
    private static final InvocationContext CONTEXT = new InvocationContext("void-fn", "req-1", Duration.ofSeconds(1),
            128, new LambdaLogger() {
                @Override
                public void log(String message) {
                }

                @Override
                public void log(byte[] message) {
                }
            });

    @Test
    void theNamespace_isInvoicesUnlessTheVariableNamesAnother() {
        assertEquals("Invoices", Metrics.namespace(Map.of()));
        assertEquals("Invoices", Metrics.namespace(Map.of("METRICS_NAMESPACE", " ")));
        assertEquals("Billing", Metrics.namespace(Map.of("METRICS_NAMESPACE", "Billing")));
    }

    @Test
    void anInvocationThatCountedNothing_writesNoObject() {
        Metrics metrics = new Metrics("Invoices");
        metrics.add(Metrics.VOIDS, 0);
        metrics.problem(200, null);
        metrics.problem(503, "service_unavailable");

        assertEquals(Optional.empty(), metrics.toEmf(CONTEXT, "req-1"));
    }

    @Test
    void countsAndAProblem_makeOneObject_withTheCodeDimensionOnlyOnTheProblemMetrics() {
        // given
        Metrics metrics = new Metrics("Billing");
        metrics.add(Metrics.IDEMPOTENT_REPLAYS, 1);
        metrics.add(Metrics.DYNAMODB_RETRIES, 2);
        metrics.problem(409, "idempotency_key_reused");

        // when
        Map<String, Object> emf = Json.readObject(metrics.toEmf(CONTEXT, "req-1").orElseThrow());

        // then
        assertEquals(List.of(
                Map.of("Namespace", "Billing", "Dimensions", List.of(List.of("function")),
                        "Metrics", List.of(Map.of("Name", "IdempotentReplays", "Unit", "Count"),
                                Map.of("Name", "DynamoDbRetries", "Unit", "Count"))),
                Map.of("Namespace", "Billing", "Dimensions", List.of(List.of("function"), List.of("function", "code")),
                        "Metrics", List.of(Map.of("Name", "ClientErrors", "Unit", "Count"),
                                Map.of("Name", "Conflicts", "Unit", "Count")))),
                ((Map<?, ?>) emf.get("_aws")).get("CloudWatchMetrics"));
        assertEquals(List.of("void-fn", "idempotency_key_reused", BigDecimal.ONE, BigDecimal.valueOf(2), BigDecimal.ONE,
                        BigDecimal.ONE),
                List.of(emf.get("function"), emf.get("code"), emf.get("IdempotentReplays"), emf.get("DynamoDbRetries"),
                        emf.get("ClientErrors"), emf.get("Conflicts")));
    }
}
