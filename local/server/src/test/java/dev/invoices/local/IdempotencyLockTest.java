package dev.invoices.local;

import dev.invoices.idempotency.IdempotencyStore;
import dev.invoices.template.CloudFormationTemplate;
import dev.invoices.testing.RepositoryFiles;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The idempotency lock's invariant, held against what a deploy creates: a claim must outlast the longest time a
 * function holding one can run, or a retry could overtake a live request. The functions that hold claims are
 * those of the command handlers.
 */
class IdempotencyLockTest {
    private static final Set<String> CLAIMING_HANDLERS = Set.of(
            "dev.invoices.functions.VoidInvoiceHandler::handleRequest",
            "dev.invoices.functions.RegenerateInvoiceHandler::handleRequest");

    @Test
    void everyFunctionThatHoldsAClaim_endsBeforeItsLockDoes_andUnderApiGatewaysThirtySeconds() {
        // given
        CloudFormationTemplate template = CloudFormationTemplate.read(RepositoryFiles.path("template.yaml"));

        // when
        List<String> claiming = template.functions().values().stream()
                .filter(function -> CLAIMING_HANDLERS.contains(function.handler()))
                .map(CloudFormationTemplate.FunctionDefinition::logicalId)
                .toList();

        // then
        assertEquals(List.of("VoidInvoiceFunction", "RegenerateInvoiceFunction"), claiming);
        for (String logicalId : claiming) {
            Duration timeout = Duration.ofSeconds(template.functions().get(logicalId).timeoutSeconds());
            assertTrue(timeout.compareTo(IdempotencyStore.LOCK) < 0, logicalId + " runs up to " + timeout
                    + ", as long as or longer than the lock of " + IdempotencyStore.LOCK);
            assertTrue(timeout.compareTo(Duration.ofSeconds(30)) < 0, logicalId + " outlives API Gateway's 30 s");
        }
    }
}
