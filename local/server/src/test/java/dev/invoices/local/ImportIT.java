package dev.invoices.local;

import dev.invoices.json.InvoiceJson;
import dev.invoices.model.Invoice;
import dev.invoices.store.InvoiceItemMapper;
import dev.invoices.store.InvoiceStore;
import dev.invoices.template.CloudFormationTemplate;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.RepositoryFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Integration test of {@code import}: all or nothing, idempotent, conflicts refused unless --replace. */
class ImportIT {
    private static final Path TEMPLATE = RepositoryFiles.path("template.yaml");

    @TempDir
    Path dir;

    private Path data() {
        return dir.resolve("data");
    }

    private Path file(List<String> lines) throws IOException {
        Path file = Files.createTempFile(dir, "invoices", ".jsonl");
        Files.write(file, lines);
        return file;
    }

    private static List<String> json(List<Invoice> invoices) {
        return invoices.stream().map(InvoiceJson::toJson).collect(Collectors.toCollection(ArrayList::new));
    }

    private CliRun importFile(Path file, String... more) {
        List<String> args = new ArrayList<>(List.of("import", file.toString(), "--data", data().toString(),
                "--template", TEMPLATE.toString()));
        args.addAll(List.of(more));
        return CliRun.run(args.toArray(String[]::new));
    }

    /** The invoices in the local table, by id. */
    private Map<String, Invoice> stored() {
        try (LocalStore store = LocalStore.open(CloudFormationTemplate.read(TEMPLATE), Optional.of(data()), 0,
                Map.of())) {
            ScanResponse scan = store.client().scan(s -> s.tableName(LocalServer.INVOICES_TABLE));
            return scan.items().stream().filter(item -> item.get("pk").s().startsWith("INVOICE#"))
                    .map(InvoiceItemMapper::fromItem)
                    .collect(Collectors.toMap(Invoice::id, invoice -> invoice));
        }
    }

    @Test
    void aFileWithOneBadLine_writesNothing_andNamesThatLine() throws IOException {
        // given: three invoices after a blank line, the last with a total that does not add up
        List<String> lines = json(DemoInvoices.generate(3));
        lines.set(2, lines.get(2).replaceFirst(",\"total\":[0-9.]+,\"(void_reason|created_at)\"", ",\"total\":1,\"$1\""));
        lines.add(1, "");

        // when
        CliRun run = importFile(file(lines));

        // then
        assertEquals(1, run.exitCode());
        List<String> errors = run.errorLines();
        assertEquals(2, errors.size(), run.err());
        assertEquals("error: line 4: total must equal subtotal + adjustments + tax ("
                + DemoInvoices.invoice(2).total().toPlainString() + ")", errors.get(0));
        assertTrue(errors.get(1).endsWith(" has 1 invalid line; nothing was imported"), errors.get(1));
        assertEquals(Map.of(), stored());
    }

    @Test
    void everyKindOfBadLine_isReportedWithItsNumber() throws IOException {
        // given
        List<String> lines = json(DemoInvoices.generate(2));
        lines.add("not json");
        lines.add("{\"id\": \"x\"}");
        lines.add(lines.getFirst());

        // when
        CliRun run = importFile(file(lines));

        // then
        assertEquals(1, run.exitCode());
        List<String> errors = run.errorLines();
        assertEquals(4, errors.size(), run.err());
        assertTrue(errors.get(0).startsWith("error: line 3: "), errors.get(0));
        assertTrue(errors.get(1).startsWith("error: line 4: "), errors.get(1));
        assertEquals("error: line 5: id inv_2022_01_acme is also on line 1", errors.get(2));
        assertTrue(errors.get(3).endsWith("has 3 invalid lines; nothing was imported"), errors.get(3));
        assertEquals(Map.of(), stored());
    }

    @Test
    void aLineThatIsNotUtf8_isReportedWithItsNumber_andNothingIsWritten() throws IOException {
        // given: two good invoices around a line holding a byte that UTF-8 never uses, CRLF line ends
        List<String> lines = json(DemoInvoices.generate(2));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((lines.get(0) + "\r\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("{\"id\": \"caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // Latin-1 é
        bytes.writeBytes("\"}\r\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes((lines.get(1) + "\r\n").getBytes(StandardCharsets.UTF_8));
        Path file = Files.createTempFile(dir, "latin1", ".jsonl");
        Files.write(file, bytes.toByteArray());

        // when
        CliRun run = importFile(file);

        // then
        assertEquals(1, run.exitCode());
        assertEquals(List.of("error: line 2: is not valid UTF-8 text",
                "error: " + file + " has 1 invalid line; nothing was imported"), run.errorLines());
        assertEquals(Map.of(), stored());
    }

    @Test
    void importingTheSameFileTwice_changesNothingTheSecondTime() throws IOException {
        // given
        List<Invoice> invoices = DemoInvoices.generate(30);
        Path file = file(json(invoices));

        // when
        CliRun first = importFile(file);
        CliRun second = importFile(file);

        // then
        assertEquals(0, first.exitCode(), first.err());
        assertEquals("imported 30, unchanged 0, replaced 0", first.out().strip());
        assertEquals(0, second.exitCode(), second.err());
        assertEquals("imported 0, unchanged 30, replaced 0", second.out().strip());
        Map<String, Invoice> stored = stored();
        assertEquals(30, stored.size());
        invoices.forEach(invoice -> assertEquals(invoice, stored.get(invoice.id())));
        assertEquals(countsByCustomer(invoices), storedCounts(), "each customer's count, once");
    }

    @Test
    void replacingAnInvoiceWithAnotherCustomer_movesItsCount() throws IOException {
        // given
        List<Invoice> invoices = DemoInvoices.generate(10);
        assertEquals(0, importFile(file(json(invoices))).exitCode());
        Invoice moved = invoices.getFirst();
        String target = invoices.stream().map(Invoice::customerId).filter(c -> !c.equals(moved.customerId()))
                .findFirst().orElseThrow();
        List<Invoice> changed = new ArrayList<>(invoices);
        changed.set(0, InvoiceFixtures.withId(moved, moved.id(), target));

        // when
        CliRun replaced = importFile(file(json(changed)), "--replace");

        // then
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertEquals("imported 0, unchanged 9, replaced 1", replaced.out().strip());
        assertEquals(countsByCustomer(changed), storedCounts());
    }

    private static Map<String, Long> countsByCustomer(List<Invoice> invoices) {
        return invoices.stream().collect(Collectors.groupingBy(Invoice::customerId, TreeMap::new,
                Collectors.counting()));
    }

    /** Every customer's counter item, read as the Fastly route's meta.total reads it. */
    private Map<String, Long> storedCounts() {
        try (LocalStore store = LocalStore.open(CloudFormationTemplate.read(TEMPLATE), Optional.of(data()), 0,
                Map.of())) {
            InvoiceStore invoices = new InvoiceStore(store.client(), LocalServer.INVOICES_TABLE);
            Map<String, Long> counts = new TreeMap<>();
            for (String customer : List.of("acme-corp", "globex", "initech", "umbrella", "stark-industries")) {
                long count = invoices.invoiceCount(customer);
                if (count != 0) {
                    counts.put(customer, count);
                }
            }
            return counts;
        }
    }

    @Test
    void aChangedInvoice_isAConflictThatWritesNothing_unlessReplace() throws IOException {
        // given: two invoices stored; then a file with one of them changed and a new one
        List<Invoice> invoices = DemoInvoices.generate(3);
        assertEquals(0, importFile(file(json(invoices.subList(0, 2)))).exitCode());
        List<String> lines = json(invoices);
        lines.set(1, lines.get(1).replace("\"plan_name\":\"Growth\"", "\"plan_name\":\"Growth 2\""));
        Path changed = file(lines);

        // when
        CliRun refused = importFile(changed);

        // then
        assertEquals(1, refused.exitCode());
        assertEquals(List.of("error: line 2: invoice inv_2022_01_globex already exists with different content"
                        + " (use --replace to overwrite it)",
                "error: 1 invoice already exist with different content; nothing was imported"),
                refused.errorLines());
        assertEquals(2, stored().size());
        assertEquals("Growth", stored().get("inv_2022_01_globex").planName());

        // when
        CliRun replaced = importFile(changed, "--replace");

        // then
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertEquals("imported 1, unchanged 1, replaced 1", replaced.out().strip());
        assertEquals("Growth 2", stored().get("inv_2022_01_globex").planName());
        assertEquals(3, stored().size());
    }

    @Test
    void aLargeFile_showsProgress_throughAnEndpoint() throws IOException {
        // given: the local engine listening, and the import pointed at its endpoint like any remote table
        List<String> lines = json(DemoInvoices.generate(1_200));
        Path file = file(lines);
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        try (LocalStore store = LocalStore.open(CloudFormationTemplate.read(TEMPLATE), Optional.empty(), 0,
                Map.of())) {
            // when
            CliRun run = CliRun.run("import", file.toString(), "--endpoint", store.server().endpoint().toString(),
                    "--table", LocalServer.INVOICES_TABLE, "--region", "us-east-1");

            // then
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("imported 1200, unchanged 0, replaced 0", run.out().strip());
            assertEquals(List.of("validated 1000 lines", "written 1000 of 1200"), run.err().lines().toList());
            assertEquals(1_200, new InvoiceStore(store.client(), LocalServer.INVOICES_TABLE).invoiceCount("acme-corp")
                    + List.of("globex", "initech", "umbrella", "stark-industries").stream().mapToLong(customer ->
                    new InvoiceStore(store.client(), LocalServer.INVOICES_TABLE).invoiceCount(customer)).sum());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void aTableThatDoesNotExist_isOneErrorLine() throws IOException {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        try (LocalStore store = LocalStore.open(CloudFormationTemplate.read(TEMPLATE), Optional.empty(), 0,
                Map.of())) {
            CliRun run = CliRun.run("import", file(json(DemoInvoices.generate(1))).toString(),
                    "--endpoint", store.server().endpoint().toString(), "--table", "nope", "--region", "us-east-1");

            assertEquals(1, run.exitCode());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("error: DynamoDB: "), run.err());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
