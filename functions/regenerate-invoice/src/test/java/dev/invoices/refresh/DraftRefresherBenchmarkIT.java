package dev.invoices.refresh;

import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceItemMapper;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.LocalDynamoDb;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Benchmark of the scheduled draft refresh at 10,000 drafts (10% stale) on the local DynamoDB engine; skipped unless
 * {@code -Dbenchmark=true}. the local engine on loopback is not DynamoDB: read the rates as this machine's, and the
 * request counts as exact.
 *
 * <pre>mvn -B -o -pl shared verify -Dit.test=DraftRefresherBenchmarkIT -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true</pre>
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class DraftRefresherBenchmarkIT {
    private static final int DRAFTS = 10_000;
    private static final int STALE_EVERY = 10;
    /** The functions' Timeout in template.yaml's Globals. */
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(15);

    private final DynamoDbClient dynamoDb = LocalDynamoDb.client();

    @Test
    void tenThousandDrafts_onePassWithoutTimeLimit_thenTheSteadyStatePass() {
        String table = tableWithDrafts();
        DraftRefresher refresher = new DraftRefresher(dynamoDb, table, Clock.systemUTC());

        RefreshReport stalePass = refresher.refresh(() -> Long.MAX_VALUE);
        RefreshReport steadyPass = refresher.refresh(() -> Long.MAX_VALUE);

        print("pass with 10% stale", stalePass);
        print("pass with nothing stale", steadyPass);
        assertEquals(DRAFTS / STALE_EVERY, stalePass.changed());
        assertEquals(DRAFTS, steadyPass.unchanged());
    }

    @Test
    void tenThousandDrafts_inRunsOfTheFunctionsTimeout_withTheProductionMargin() {
        String table = tableWithDrafts();
        DraftRefresher refresher = new DraftRefresher(dynamoDb, table, Clock.systemUTC());
        List<RefreshReport> runs = new ArrayList<>();
        RefreshReport run;
        do {
            long deadline = System.nanoTime() + FUNCTION_TIMEOUT.toNanos();
            run = refresher.refresh(() -> (deadline - System.nanoTime()) / 1_000_000);
            runs.add(run);
            print("run " + runs.size() + " of a " + FUNCTION_TIMEOUT.toSeconds() + " s function", run);
        } while (!run.completed() && runs.size() < 100);

        assertTrue(run.completed());
        assertEquals(DRAFTS, runs.stream().mapToInt(RefreshReport::scanned).sum());
        assertEquals(DRAFTS / STALE_EVERY, runs.stream().mapToInt(RefreshReport::changed).sum());
        System.out.printf("BENCHMARK %d runs of %d s for %d drafts%n", runs.size(), FUNCTION_TIMEOUT.toSeconds(),
                DRAFTS);
    }

    private static void print(String what, RefreshReport report) {
        System.out.printf("BENCHMARK %-32s %6d drafts in %6d ms = %7.0f drafts/s; %4d Queries, %5d writes"
                        + " (%d changed, %d unchanged, %d conflicts), completed %s%n",
                what, report.scanned(), report.elapsedMillis(),
                report.scanned() * 1000.0 / Math.max(1, report.elapsedMillis()), report.pages(), report.writes(),
                report.changed(), report.unchanged(), report.conflicts(), report.completed());
    }

    /** A new table with 10,000 drafts of 50 customers, every tenth with its subtotal and total a cent high. */
    private String tableWithDrafts() {
        String table = LocalDynamoDb.createInvoicesTable();
        BigDecimal cent = new BigDecimal("0.01");
        List<WriteRequest> batch = new ArrayList<>(25);
        for (int i = 0; i < DRAFTS; i++) {
            Instant start = Instant.parse("2025-01-01T00:00:00Z").atZone(ZoneOffset.UTC).plusMonths(i % 12)
                    .toInstant();
            Invoice draft = InvoiceFixtures.simple("inv_b_%05d".formatted(i), "cus_%02d".formatted(i % 50),
                    InvoiceStatus.DRAFT, start);
            if (i % STALE_EVERY == 0) {
                draft = draft.withAmounts(draft.subLineItems(), draft.invoiceAdjustments(),
                        draft.subtotal().add(cent), draft.tax(), draft.total().add(cent));
            }
            batch.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(InvoiceItemMapper.toItem(draft)).build()).build());
            if (batch.size() == 25 || i == DRAFTS - 1) {
                Map<String, List<WriteRequest>> pending = Map.of(table, List.copyOf(batch));
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    BatchWriteItemResponse response = dynamoDb.batchWriteItem(write -> write.requestItems(request));
                    pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                }
                batch.clear();
            }
        }
        return table;
    }
}
