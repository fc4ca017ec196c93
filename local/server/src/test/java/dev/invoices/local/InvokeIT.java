package dev.invoices.local;

import dev.invoices.json.Json;
import dev.invoices.template.CloudFormationTemplate;
import dev.invoices.template.CloudFormationTemplate.FunctionDefinition;
import dev.invoices.testing.RepositoryFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Integration test of {@code invoke}: every file in {@code events/} runs through the function the template routes
 * it to, on a store seeded with the demo invoices. A new event file is covered without changing this test; an
 * event that no function of the template takes fails it.
 */
class InvokeIT {
    @TempDir
    static Path data;

    private static final Path TEMPLATE = RepositoryFiles.path("template.yaml");

    @BeforeAll
    static void seed() {
        LocalServer.start(new LocalServer.Options(TEMPLATE, 0, Optional.of(data), 200, 0, Optional.empty(),
                Map.of()), System.out, System.err).close();
    }

    @TestFactory
    Stream<DynamicTest> everyEventFile_runsThroughItsFunction() throws IOException {
        List<Path> events;
        try (Stream<Path> files = Files.list(RepositoryFiles.path("events"))) {
            events = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(events.isEmpty());
        CloudFormationTemplate template = CloudFormationTemplate.read(TEMPLATE);
        return events.stream().map(event -> DynamicTest.dynamicTest(event.getFileName().toString(), () -> {
            // given
            String function = functionFor(template, Json.readObject(Files.readString(event)), event);

            // when
            CliRun run = CliRun.run("invoke", function, event.toString(), "--data", data.toString(),
                    "--template", TEMPLATE.toString());

            // then
            assertEquals(0, run.exitCode(), run.err());
            // (an EventBridge or schedule handler may return nothing)
            Map<String, Object> result = run.out().isBlank() ? Map.of() : Json.readObject(run.out().strip());
            // with authorization as deployed: every HTTP sample carries a token that may do what it asks
            if (Json.readObject(Files.readString(event)).containsKey("routeKey")) {
                int status = ((BigDecimal) result.get("statusCode")).intValueExact();
                assertTrue(status >= 200 && status < 300, event.getFileName() + ": " + run.out());
            }
            // a stream batch is announced whole: no batch item failure
            if (Json.readObject(Files.readString(event)).containsKey("Records")) {
                assertEquals(Map.of("batchItemFailures", List.of()), result, event.getFileName() + ": " + run.err());
            }
        }));
    }

    @Test
    void anUnknownFunction_isOneErrorLineNamingTheKnownOnes() {
        CliRun run = CliRun.run("invoke", "NoSuchFunction", RepositoryFiles.path("events/get-invoice.json").toString(),
                "--in-memory", "--template", TEMPLATE.toString());

        assertEquals(1, run.exitCode());
        assertEquals(1, run.errorLines().size(), run.err());
        assertTrue(run.err().startsWith("error: the template has no function NoSuchFunction; it has "), run.err());
        assertFalse(run.err().contains("\tat "));
    }

    @Test
    void aMissingEventFile_isOneErrorLine() {
        CliRun run = CliRun.run("invoke", "GetInvoiceFunction", "events/none.json", "--in-memory",
                "--template", TEMPLATE.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("error: no such event file: "), run.err());
    }

    /**
     * The function that takes this event: an HTTP API event by its {@code routeKey}; an EventBridge event by its
     * {@code detail-type} in one of the function's rule patterns, or "Scheduled Event" by a schedule; a DynamoDB
     * stream batch ({@code Records} from {@code aws:dynamodb}) by the function that reads the table's stream.
     * Files in sub-folders ({@code events/published/}, {@code events/dead-letters/}) are what the system sends,
     * not what a function takes, and are not listed here.
     */
    static String functionFor(CloudFormationTemplate template, Map<String, Object> event, Path file) {
        if (event.get("routeKey") instanceof String routeKey) {
            for (FunctionDefinition function : template.functions().values()) {
                for (var route : function.routes()) {
                    if ((route.method() + " " + route.path()).equals(routeKey)) {
                        return function.logicalId();
                    }
                }
            }
            fail(file + ": no function of template.yaml has the route " + routeKey);
        }
        if (event.get("Records") instanceof List<?> records && !records.isEmpty()
                && records.getFirst() instanceof Map<?, ?> record && "aws:dynamodb".equals(record.get("eventSource"))) {
            List<LocalStreams.Source> sources = LocalStreams.sources(template);
            if (sources.isEmpty()) {
                fail(file + ": no function of template.yaml reads a DynamoDB stream");
            }
            return sources.getFirst().function();
        }
        if (event.get("detail-type") instanceof String detailType) {
            for (String logicalId : template.functions().keySet()) {
                for (CloudFormationTemplate.FunctionEvent e : template.events(logicalId)) {
                    String type = e.type();
                    String text = String.valueOf(e.properties());
                    boolean schedule = type.startsWith("Schedule") && detailType.equals("Scheduled Event");
                    if (schedule || ((type.equals("EventBridgeRule") || type.equals("CloudWatchEvent"))
                            && text.contains(detailType))) {
                        return logicalId;
                    }
                }
            }
            fail(file + ": no function of template.yaml takes events of detail-type " + detailType);
        }
        // A rule's constant input (a Schedule event's Input), such as a draft shard's
        for (String logicalId : template.functions().keySet()) {
            for (CloudFormationTemplate.FunctionEvent e : template.events(logicalId)) {
                Object input = e.properties().get("Input");
                if (input instanceof String text && Json.readObject(text).equals(event)) {
                    return logicalId;
                }
            }
        }
        return fail(file + ": neither an HTTP API event (routeKey), an EventBridge event (detail-type) nor a"
                + " rule's constant input");
    }
}
