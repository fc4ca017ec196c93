package dev.invoices.local;

import dev.invoices.config.Dependencies;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.LocalDynamoDb;
import dev.invoices.testing.RepositoryFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What priming buys the first real request: in a fresh JVM per case ({@link FirstRequestProbe}), a function's
 * first request to the local engine (its sample in {@code events/}, authorization required) after priming loads
 * a small fraction of the classes it loads without priming, and both answer with success. The numbers are
 * printed, for docs/performance.md.
 */
class FirstRequestAfterPrimingIT {
    private static final Instant OCTOBER = Instant.parse("2024-10-01T00:00:00Z");

    static Stream<Arguments> functions() {
        return Stream.of(
                Arguments.of("dev.invoices.functions.ListInvoicesHandler", "list-invoices.json",
                        InvoiceStatus.FINALIZED, List.of("list-event.json", "list-fastly-event.json"), 200),
                Arguments.of("dev.invoices.functions.GetInvoiceHandler", "get-invoice.json",
                        InvoiceStatus.FINALIZED, List.of("get-event.json"), 200),
                Arguments.of("dev.invoices.functions.VoidInvoiceHandler", "void-invoice.json",
                        InvoiceStatus.FINALIZED, List.of("void-event.json"), 200),
                Arguments.of("dev.invoices.functions.RegenerateInvoiceHandler", "regenerate-invoice.json",
                        InvoiceStatus.VOID, List.of("regenerate-event.json"), 201));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void theFirstRequestAfterPriming_loadsFewNewClasses(String handler, String sample, InvoiceStatus state,
                                                        List<String> primingEvents, int status) throws Exception {
        // when: the same first request in two fresh JVMs, each on its own copy of the sample's invoice
        Map<String, Long> loaded = new HashMap<>();
        for (String mode : List.of("cold", "prime")) {
            String table = seededTable(state);
            Map<String, String> answer = probe(handler, mode, table, sample, primingEvents);
            assertEquals(Integer.toString(status), answer.get("status"), mode + ": " + answer);
            loaded.put(mode, Long.parseLong(answer.get("loaded")));
        }

        // then
        System.out.printf("first request of %s: %d classes loaded without priming, %d after priming%n",
                handler, loaded.get("cold"), loaded.get("prime"));
        assertTrue(loaded.get("cold") > 500, "the unprimed first request loads the request path: " + loaded);
        assertTrue(loaded.get("prime") * 10 < loaded.get("cold"),
                "after priming, the first request loads under a tenth of that: " + loaded);
    }

    /** A new table holding the invoice the samples name, in the state the sample needs. */
    private static String seededTable(InvoiceStatus state) {
        Dependencies local = LocalDynamoDb.dependencies(Map.of());
        InvoiceStore store = new InvoiceStore(local.dynamoDb(), local.config().tableName());
        Invoice invoice = InvoiceFixtures.simple("inv_2024_10_acme", "acme-corp", state, OCTOBER);
        assertTrue(store.create(invoice));
        return local.config().tableName();
    }

    private static Map<String, String> probe(String handler, String mode, String table, String sample,
                                             List<String> primingEvents) throws IOException, InterruptedException {
        String classpath = RepositoryFiles.path("local/server/target/invoices-local.jar") + File.pathSeparator
                + RepositoryFiles.path("local/server/target/test-classes");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", classpath, FirstRequestProbe.class.getName(), handler, mode,
                LocalDynamoDb.endpoint().toString(), table, RepositoryFiles.path("events/" + sample).toString()));
        command.addAll(primingEvents);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        Map<String, String> values = new HashMap<>();
        output.lines().filter(line -> line.matches("(loaded|status)=.*"))
                .forEach(line -> values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        return values;
    }
}
