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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration test of {@code import} on the local engine: all or nothing, idempotent, conflicts refused unless
 * --replace, in a small heap, in parallel, through throttling, with progress and exact counts.
 */
class ImportIT {
    private static final Path TEMPLATE = RepositoryFiles.path("template.yaml");
    private static final List<String> CUSTOMERS =
            List.of("acme-corp", "globex", "initech", "umbrella", "stark-industries");

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
            return new InvoiceScan(store).invoices();
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

    @Test
    void exportedInvoices_withoutTheFieldsThisServiceManages_getThemFilled_andImportAgainAsUnchanged()
            throws IOException {
        // given: invoices from another system; each line lacks some of version, created_at, updated_at, voided_at
        Invoice finalized = DemoInvoices.invoice(0);
        Invoice complete = DemoInvoices.invoice(1);
        Invoice voidWithUpdate = DemoInvoices.invoice(3);
        Invoice voidWithout = DemoInvoices.invoice(10);
        List<String> lines = List.of(
                without(finalized, "version", "created_at", "updated_at"),
                InvoiceJson.toJson(complete),
                without(voidWithUpdate, "voided_at", "created_at", "version"),
                without(voidWithout, "voided_at", "updated_at"));
        Path file = file(lines);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // when
        CliRun first = importFile(file);

        // then: version 1 and the import time; voided_at is updated_at if the line has it, else the import time
        Instant after = Instant.now();
        assertEquals(0, first.exitCode(), first.err());
        assertEquals("imported 4, unchanged 0, replaced 0", first.out().strip());
        Map<String, Invoice> stored = stored();
        Instant importTime = stored.get(finalized.id()).createdAt();
        assertTrue(!importTime.isBefore(before) && !importTime.isAfter(after), importTime + " is the import time");
        assertEquals(withManaged(finalized, 1, importTime, importTime, null), stored.get(finalized.id()));
        assertEquals(complete, stored.get(complete.id()));
        assertEquals(withManaged(voidWithUpdate, 1, voidWithUpdate.updatedAt(), voidWithUpdate.updatedAt(),
                voidWithUpdate.updatedAt()), stored.get(voidWithUpdate.id()));
        assertEquals(withManaged(voidWithout, voidWithout.version(), voidWithout.createdAt(), importTime, importTime),
                stored.get(voidWithout.id()));

        // when: the same file again, then with a change, replacing
        CliRun second = importFile(file);
        List<String> changed = new ArrayList<>(lines);
        changed.set(0, changed.get(0).replace("\"plan_name\":\"Scale\"", "\"plan_name\":\"Scale 2\""));
        CliRun replaced = importFile(file(changed), "--replace");

        // then: unchanged, since the fields the lines lack are not theirs to change; a replacement is the next
        // version of the stored invoice, created when it was
        assertEquals("imported 0, unchanged 4, replaced 0", second.out().strip(), second.err());
        assertEquals("imported 0, unchanged 3, replaced 1", replaced.out().strip(), replaced.err());
        Invoice replacement = stored().get(finalized.id());
        assertEquals("Scale 2", replacement.planName());
        assertEquals(2, replacement.version());
        assertEquals(importTime, replacement.createdAt());
        assertTrue(replacement.updatedAt().isAfter(importTime), "updated at the second import time");
        assertEquals(countsByCustomer(List.of(finalized, complete, voidWithUpdate, voidWithout)), storedCounts());
    }

    /** The invoice's JSON without these fields. */
    private static String without(Invoice invoice, String... fields) {
        String json = InvoiceJson.toJson(invoice);
        for (String field : fields) {
            String next = json.replaceFirst(",\"" + field + "\":(\"[^\"]*\"|[0-9]+)", "");
            assertTrue(!next.equals(json), field + " in " + json);
            json = next;
        }
        return json;
    }

    private static Invoice withManaged(Invoice i, long version, Instant createdAt, Instant updatedAt, Instant voidedAt) {
        return new Invoice(i.id(), i.customerId(), i.statementNumber(), i.status(), i.paid(), i.currencyCode(),
                i.startTimestamp(), i.endTimestamp(), i.issuedAt(), i.planId(), i.planName(), i.planCustomFields(),
                i.subLineItems(), i.invoiceAdjustments(), i.subtotal(), i.tax(), i.total(), i.voidReason(),
                voidedAt == null ? i.voidedAt() : voidedAt, i.regeneratedFromInvoiceId(), i.replacedByInvoiceId(),
                createdAt, updatedAt, version);
    }

    private static Map<String, Long> countsByCustomer(List<Invoice> invoices) {
        return invoices.stream().collect(Collectors.groupingBy(Invoice::customerId, TreeMap::new,
                Collectors.counting()));
    }

    /** Every customer's counter item in the data directory. */
    private Map<String, Long> storedCounts() {
        try (LocalStore store = LocalStore.open(CloudFormationTemplate.read(TEMPLATE), Optional.of(data()), 0,
                Map.of())) {
            return counts(store);
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
    void aLargeFile_summarisesEachPass_throughAnEndpoint() throws IOException {
        // given: the local engine listening, and the import pointed at its endpoint like any remote table
        Path file = file(json(DemoInvoices.generate(1_200)));
        try (Credentials ignored = new Credentials();
             LocalStore store = LocalStore.open(CloudFormationTemplate.read(TEMPLATE), Optional.empty(), 0,
                     Map.of())) {
            // when
            CliRun run = CliRun.run("import", file.toString(), "--endpoint", store.server().endpoint().toString(),
                    "--table", LocalServer.INVOICES_TABLE, "--region", "us-east-1");

            // then
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("imported 1200, unchanged 0, replaced 0", run.out().strip());
            assertProgress(run.err(), 1_200, 1_200);
            assertEquals(countsByCustomer(DemoInvoices.generate(1_200)), counts(store));
        }
    }

    /**
     * Each line of stderr is progress: while checking and writing, with a rate and the time left; at the end of
     * each pass, a summary. The in-between lines come every two seconds, so how many there are depends on speed.
     */
    private static void assertProgress(String err, int lines, int written) {
        Pattern checking = Pattern.compile("checked \\d+ lines \\(\\d+% of the file\\), \\d+ lines/s, about \\d+ s left");
        Pattern writing = Pattern.compile("written \\d+ of " + written + " invoices( \\(\\d+ retried after throttling"
                + " or a conflict\\))?, \\d+ invoices/s, about \\d+ s left");
        List<String> printed = err.lines().toList();
        assertTrue(printed.size() >= 2, err);
        int checkedAt = printed.indexOf(printed.stream().filter(line -> line.startsWith("checked " + lines + " lines in "))
                .findFirst().orElseThrow(() -> new AssertionError("no summary of the check in " + err)));
        assertTrue(printed.get(checkedAt).matches("checked " + lines + " lines in \\d+ s, \\d+ lines/s"), err);
        printed.subList(0, checkedAt).forEach(line -> assertTrue(checking.matcher(line).matches(), line));
        String last = printed.getLast();
        assertTrue(last.matches("written " + written + " invoices( \\(\\d+ retried after throttling or a conflict\\))?"
                + " in \\d+ s, \\d+ invoices/s"), err);
        printed.subList(checkedAt + 1, printed.size() - 1).forEach(line ->
                assertTrue(writing.matcher(line).matches(), line));
    }

    /** Lines with an invoice each, {@code count} of them, made fast: a thousand demo invoices, renamed. */
    private Path largeFile(int count, String lastLine) throws IOException {
        List<String> base = json(DemoInvoices.generate(1_000));
        Path file = Files.createTempFile(dir, "large", ".jsonl");
        try (var out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < count; i++) {
                String line = base.get(i % base.size());
                out.write(i < base.size() ? line : line.replaceFirst("\"id\":\"([^\"]+)\"", "\"id\":\"$1_" + (i / base.size()) + "\""));
                out.newLine();
            }
            if (lastLine != null) {
                out.write(lastLine);
                out.newLine();
            }
        }
        return file;
    }

    /** One run of {@code java -Xmx<heap> -jar invoices-local.jar import …}, in a JVM of its own. */
    private record ChildRun(int exitCode, String out, String err) {
        static ChildRun importing(Path file, URI endpoint, String heap, Path dir) throws IOException {
            List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx" + heap,
                    "-jar", RepositoryFiles.path("local/server/target/invoices-local.jar").toString(), "import",
                    file.toString(), "--endpoint", endpoint.toString(), "--table", LocalServer.INVOICES_TABLE,
                    "--region", "us-east-1");
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("AWS_ACCESS_KEY_ID", "local");
            builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
            Process process = builder.start();
            try {
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("the import did not end in 10 minutes");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return new ChildRun(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }

    /**
     * A heap of 24 MB: the importer that held the file in memory ran out of it at 32 MB on the 15,000 lines of
     * the next test; this one runs in 16.
     */
    private static final String SMALL_HEAP = "24m";

    @Test
    void aFileTooLargeForTheHeap_withABadLastLine_writesNothing() throws IOException {
        // given: 15,000 good lines, about 27 MB, then a bad one
        Path file = largeFile(15_000, "{\"id\": \"inv_last\"}");
        try (LocalStore store = LocalStore.open(CloudFormationTemplate.read(TEMPLATE), Optional.empty(), 0,
                Map.of())) {
            // when
            ChildRun run = ChildRun.importing(file, store.server().endpoint(), SMALL_HEAP, dir);

            // then
            assertEquals(1, run.exitCode(), run.err());
            assertEquals(List.of("error: line 15001: customer_id is required; status is required; currency_code is"
                            + " required; start_timestamp is required; end_timestamp is required; subtotal is"
                            + " required; total is required",
                    "error: " + file + " has 1 invalid line; nothing was imported"),
                    run.err().lines().filter(line -> line.startsWith("error: ")).toList(), run.err());
            assertEquals(0, store.client().scan(scan -> scan.tableName(LocalServer.INVOICES_TABLE)).count(),
                    "no invoice and no counter written");
        }
    }

    @Test
    void aFileImportsInASmallHeap_writingInParallel_withProgress_andExactCounts() throws IOException {
        // given
        int count = 3_000;
        Path file = largeFile(count, null);
        try (LocalStore store = LocalStore.open(CloudFormationTemplate.read(TEMPLATE), Optional.empty(), 0,
                Map.of());
             FaultyEndpoint endpoint = new FaultyEndpoint(store.server().endpoint())) {
            // when
            ChildRun run = ChildRun.importing(file, endpoint.uri(), SMALL_HEAP, dir);

            // then
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("imported " + count + ", unchanged 0, replaced 0", run.out().strip());
            assertProgress(run.err(), count, count);
            assertTrue(endpoint.mostInFlight("TransactWriteItems") > 1, "transactions in parallel");
            assertEquals(Map.of("acme-corp", 600L, "globex", 600L, "initech", 600L, "stark-industries", 600L,
                    "umbrella", 600L), counts(store));
            assertEquals(count + 5, store.client().scanPaginator(scan -> scan.tableName(LocalServer.INVOICES_TABLE))
                    .items().stream().count(), "each invoice, and one counter per customer");
        }
    }

    @Test
    void throttledAndConflictingWrites_areRetried_andTheCountsStayExact() throws IOException {
        // given: an endpoint that throttles reads and writes past the SDK's own retries, and cancels transactions
        // as DynamoDB does when two of them change one customer's counter at once
        List<Invoice> invoices = DemoInvoices.generate(600);
        Path file = file(json(invoices));
        try (Credentials ignored = new Credentials();
             LocalStore store = LocalStore.open(CloudFormationTemplate.read(TEMPLATE), Optional.empty(), 0,
                     Map.of());
             FaultyEndpoint endpoint = new FaultyEndpoint(store.server().endpoint())) {
            endpoint.fail("BatchGetItem", FaultyEndpoint.Fault.PROVISIONED_THROUGHPUT_EXCEEDED, 12);
            endpoint.fail("TransactWriteItems", FaultyEndpoint.Fault.THROTTLING, 12);
            endpoint.fail("TransactWriteItems", FaultyEndpoint.Fault.TRANSACTION_CONFLICT, 4);

            // when
            CliRun run = CliRun.run("import", file.toString(), "--endpoint", endpoint.uri().toString(),
                    "--table", LocalServer.INVOICES_TABLE, "--region", "us-east-1");

            // then
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("imported 600, unchanged 0, replaced 0", run.out().strip());
            assertEquals(12, endpoint.answered(FaultyEndpoint.Fault.PROVISIONED_THROUGHPUT_EXCEEDED));
            assertEquals(12, endpoint.answered(FaultyEndpoint.Fault.THROTTLING));
            assertEquals(4, endpoint.answered(FaultyEndpoint.Fault.TRANSACTION_CONFLICT));
            assertEquals(countsByCustomer(invoices), counts(store));
            Map<String, Invoice> stored = new InvoiceScan(store).invoices();
            invoices.forEach(invoice -> assertEquals(invoice, stored.get(invoice.id())));
            assertEquals(600, stored.size());
        }
    }

    @Test
    void aTableThatDoesNotExist_isOneErrorLine() throws IOException {
        try (Credentials ignored = new Credentials();
             LocalStore store = LocalStore.open(CloudFormationTemplate.read(TEMPLATE), Optional.empty(), 0,
                     Map.of())) {
            CliRun run = CliRun.run("import", file(json(DemoInvoices.generate(1))).toString(),
                    "--endpoint", store.server().endpoint().toString(), "--table", "nope", "--region", "us-east-1");

            assertEquals(1, run.exitCode());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("error: DynamoDB: "), run.err());
        }
    }

    /** The SDK's credentials for an in-process import through an endpoint, for as long as it is open. */
    private static final class Credentials implements AutoCloseable {
        Credentials() {
            System.setProperty("aws.accessKeyId", "local");
            System.setProperty("aws.secretAccessKey", "local");
        }

        @Override
        public void close() {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    /** Every customer's counter item that is not zero, read as the Fastly route's meta.total reads it. */
    private static Map<String, Long> counts(LocalStore store) {
        InvoiceStore invoices = new InvoiceStore(store.client(), LocalServer.INVOICES_TABLE);
        Map<String, Long> counts = new TreeMap<>();
        for (String customer : CUSTOMERS) {
            long count = invoices.invoiceCount(customer);
            if (count != 0) {
                counts.put(customer, count);
            }
        }
        return counts;
    }

    /** The invoices of a table, by id: a Scan that follows every page. */
    private record InvoiceScan(LocalStore store) {
        Map<String, Invoice> invoices() {
            return store.client().scanPaginator(scan -> scan.tableName(LocalServer.INVOICES_TABLE)).items().stream()
                    .filter(item -> item.get("pk").s().startsWith("INVOICE#"))
                    .map(InvoiceItemMapper::fromItem)
                    .collect(Collectors.toMap(Invoice::id, invoice -> invoice));
        }
    }
}
