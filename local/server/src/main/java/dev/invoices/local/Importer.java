package dev.invoices.local;

import dev.invoices.devtools.InvoiceValidator;
import dev.invoices.error.FieldError;
import dev.invoices.error.InvoicesException;
import dev.invoices.error.ValidationException;
import dev.invoices.json.InvoiceJson;
import dev.invoices.json.Json;
import dev.invoices.model.Invoice;
import dev.invoices.store.InvoiceItemMapper;
import dev.invoices.store.InvoiceStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * {@code import}: loads a file of canonical invoice JSON, one invoice per line, all or nothing, in memory that
 * does not grow with the invoices: the file is read twice, and never held.
 *
 * <ol>
 *   <li>Check: every line is read ({@link InvoiceJson#read}), the fields this service manages are filled in
 *       where the line lacks them ({@link ManagedFields}), and it is validated ({@link InvoiceValidator});
 *       blank lines are skipped. Any bad line, or an id given on two lines ({@link ImportedIds}), is reported
 *       with its 1-based line number, and nothing is written. Meanwhile the ids are looked up, 100 at a time
 *       (strongly consistent {@code BatchGetItem}): an invoice stored with the same content is left alone; one
 *       stored with different content is an error, and nothing is written, unless {@code --replace}.</li>
 *   <li>Write: the file is read again, and what the check decided is written in transactions of up to 50
 *       invoices, each with the counts of its customers ({@link InvoiceWriter#write}), so that the counts stay
 *       exact; {@value #IN_FLIGHT} transactions at a time.</li>
 * </ol>
 * So importing the same file twice changes nothing the second time. Both passes print their progress to stderr.
 */
final class Importer {
    /** At most this many errors are printed; the count of the rest follows. */
    static final int MAX_ERRORS_SHOWN = 100;
    /**
     * Transactions in flight at once. DynamoDB takes far more, but a new on-demand table starts at 4,000 write
     * units a second, and a transaction costs two per item: eight transactions of 50 invoices in flight use that
     * up at about 80 ms a transaction, past which throttling backs them off anyway.
     */
    static final int IN_FLIGHT = 8;

    private final InvoiceWriter writer;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final LongSupplier nanoTime;

    Importer(InvoiceWriter writer, PrintStream out, PrintStream err) {
        this(writer, out, err, Clock.systemUTC(), System::nanoTime);
    }

    Importer(InvoiceWriter writer, PrintStream out, PrintStream err, Clock clock, LongSupplier nanoTime) {
        this.writer = writer;
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /** The outcome of an import. */
    record Counts(int imported, int unchanged, int replaced) {
        @Override
        public String toString() {
            return "imported " + imported + ", unchanged " + unchanged + ", replaced " + replaced;
        }
    }

    /** A valid line: its invoice, with the managed fields that were filled in. */
    private record Parsed(int number, Invoice invoice, Set<ManagedFields.Field> filled) {
    }

    /** A line the write pass writes, with what the check decided for it. */
    private record Pending(Parsed line, ImportedIds.Plan plan) {
    }

    /** The first {@value #MAX_ERRORS_SHOWN} messages of a kind, and how many there were. */
    private static final class Errors {
        private final List<String> shown = new ArrayList<>();
        private int count;

        void add(String message) {
            if (count++ < MAX_ERRORS_SHOWN) {
                shown.add(message);
            }
        }
    }

    /** What the check found. */
    private static final class Check {
        final Errors invalid = new Errors();
        final Errors conflicts = new Errors();
        int creates;
        int unchanged;
        int replaced;
    }

    Counts run(Path file, boolean replace) {
        ManagedFields managed = new ManagedFields(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        ImportedIds ids = new ImportedIds();
        try {
            long size = Files.size(file);
            Check check = check(file, size, replace, managed, ids);
            failIfAny(check.invalid, file + " has " + check.invalid.count + " invalid line"
                    + (check.invalid.count == 1 ? "" : "s") + "; nothing was imported");
            failIfAny(check.conflicts, check.conflicts.count + " invoice" + (check.conflicts.count == 1 ? "" : "s")
                    + " already exist with different content; nothing was imported");
            write(file, check.creates + check.replaced, managed, ids);
            Counts counts = new Counts(check.creates, check.unchanged, check.replaced);
            out.println(counts);
            return counts;
        } catch (NoSuchFileException e) {
            throw new LocalFailure("no such file: " + file);
        } catch (IOException | UncheckedIOException e) {
            throw new LocalFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first pass: validates every line and compares it with the table; writes nothing. */
    private Check check(Path file, long size, boolean replace, ManagedFields managed, ImportedIds ids)
            throws IOException {
        Check check = new Check();
        List<Parsed> lookups = new ArrayList<>(InvoiceWriter.READ_BATCH);
        Progress progress = new Progress(err, nanoTime, "lines");
        int lines = 0;
        try (JsonLines in = new JsonLines(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            JsonLines.Line line;
            while ((line = in.next()) != null) {
                int number = lines = line.number();
                long bytesRead = in.bytesRead();
                progress.report(number, size == 0 ? 1 : (double) bytesRead / size,
                        () -> "checked " + number + " lines (" + percent(bytesRead, size) + "% of the file)");
                Parsed parsed = switch (line) {
                    case JsonLines.Unreadable unreadable -> {
                        check.invalid.add("line " + unreadable.number() + ": " + unreadable.reason());
                        yield null;
                    }
                    case JsonLines.Text text when text.text().isBlank() -> null;
                    case JsonLines.Text text -> parse(text, managed, check.invalid);
                };
                if (parsed == null) {
                    continue;
                }
                int earlier = ids.addIfAbsent(parsed.invoice().id(), parsed.number());
                if (earlier != 0) {
                    check.invalid.add("line " + parsed.number() + ": id " + parsed.invoice().id()
                            + " is also on line " + earlier);
                    continue;
                }
                // Once a line is bad nothing will be written: the rest of the file is only validated.
                if (check.invalid.count == 0) {
                    lookups.add(parsed);
                    if (lookups.size() == InvoiceWriter.READ_BATCH) {
                        compare(lookups, replace, ids, check);
                        lookups.clear();
                    }
                }
            }
        }
        if (check.invalid.count == 0) {
            compare(lookups, replace, ids, check);
        }
        progress.finish(lines, "checked " + lines + " lines");
        return check;
    }

    /** The line's invoice, with its managed fields filled in, if it is valid; else null, and its error added. */
    private static Parsed parse(JsonLines.Text line, ManagedFields managed, Errors invalid) {
        try {
            Map<String, Object> tree = Json.readObject(line.text());
            Set<ManagedFields.Field> filled = managed.fill(tree);
            Invoice invoice = InvoiceJson.read(tree);
            List<FieldError> problems = InvoiceValidator.validate(invoice);
            if (!problems.isEmpty()) {
                invalid.add("line " + line.number() + ": " + describe(problems));
                return null;
            }
            return new Parsed(line.number(), invoice, filled);
        } catch (ValidationException malformed) {
            invalid.add("line " + line.number() + ": " + describe(malformed.errors()));
        } catch (InvoicesException malformed) {
            invalid.add("line " + line.number() + ": " + malformed.getMessage());
        }
        return null;
    }

    /** Decides, for each line, whether it is created, left alone or replaced; a conflict is an error. */
    private void compare(List<Parsed> lines, boolean replace, ImportedIds ids, Check check) {
        if (lines.isEmpty()) {
            return;
        }
        Map<String, Map<String, AttributeValue>> stored =
                writer.getAll(lines.stream().map(line -> line.invoice().id()).toList());
        for (Parsed line : lines) {
            Map<String, AttributeValue> existing = stored.get(line.invoice().id());
            ImportedIds.Plan plan;
            if (existing == null) {
                plan = ImportedIds.Plan.CREATE;
                check.creates++;
            } else if (sameContent(existing, line)) {
                plan = ImportedIds.Plan.UNCHANGED;
                check.unchanged++;
            } else if (replace) {
                plan = ImportedIds.Plan.REPLACE;
                check.replaced++;
            } else {
                check.conflicts.add("line " + line.number() + ": invoice " + line.invoice().id()
                        + " already exists with different content (use --replace to overwrite it)");
                continue;
            }
            ids.plan(line.invoice().id(), plan);
        }
    }

    /**
     * The second pass: reads the file again and writes what the check decided, {@value #IN_FLIGHT} chunks at a
     * time. Only the chunks in flight are in memory.
     */
    private void write(Path file, int total, ManagedFields managed, ImportedIds ids) throws IOException {
        if (total == 0) {
            return;
        }
        Progress progress = new Progress(err, nanoTime, "invoices");
        AtomicInteger written = new AtomicInteger();
        Errors changed = new Errors();
        try (JsonLines in = new JsonLines(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
             ParallelWrites parallel = new ParallelWrites(IN_FLIGHT)) {
            List<Pending> chunk = new ArrayList<>(InvoiceWriter.TRANSACTION_INVOICES);
            int chunkBytes = 0;
            JsonLines.Line line;
            while ((line = in.next()) != null) {
                if (!(line instanceof JsonLines.Text text) || text.text().isBlank()) {
                    continue;
                }
                Parsed parsed = parse(text, managed, changed);
                if (parsed == null || !ids.contains(parsed.invoice().id())) {
                    throw new LocalFailure(file + " changed while it was imported (line " + text.number()
                            + "); what was written so far stays. Run the import again.");
                }
                ImportedIds.Plan plan = ids.planOf(parsed.invoice().id());
                if (plan == ImportedIds.Plan.UNCHANGED) {
                    continue;
                }
                if (!chunk.isEmpty() && (chunk.size() == InvoiceWriter.TRANSACTION_INVOICES
                        || chunkBytes + text.bytes() > InvoiceWriter.TRANSACTION_JSON_BUDGET)) {
                    List<Pending> full = chunk;
                    parallel.submit(() -> writeChunk(full, written, total, progress));
                    chunk = new ArrayList<>(InvoiceWriter.TRANSACTION_INVOICES);
                    chunkBytes = 0;
                }
                chunk.add(new Pending(parsed, plan));
                chunkBytes += text.bytes();
            }
            if (!chunk.isEmpty()) {
                List<Pending> last = chunk;
                parallel.submit(() -> writeChunk(last, written, total, progress));
            }
        }
        progress.finish(written.get(), "written " + written.get() + " invoices" + retries());
    }

    private void writeChunk(List<Pending> chunk, AtomicInteger written, int total, Progress progress) {
        List<String> replacedIds = chunk.stream().filter(pending -> pending.plan() == ImportedIds.Plan.REPLACE)
                .map(pending -> pending.line().invoice().id()).toList();
        Map<String, Map<String, AttributeValue>> stored = replacedIds.isEmpty() ? Map.of() : writer.getAll(replacedIds);
        List<InvoiceStore.InvoiceWrite> writes = new ArrayList<>(chunk.size());
        for (Pending pending : chunk) {
            Invoice invoice = pending.line().invoice();
            if (pending.plan() == ImportedIds.Plan.CREATE) {
                writes.add(new InvoiceStore.Create(invoice));
                continue;
            }
            Map<String, AttributeValue> existing = stored.get(invoice.id());
            if (existing == null) {
                throw new LocalFailure("invoice " + invoice.id() + " was deleted by someone else meanwhile; what"
                        + " was written so far stays. Run the import again.");
            }
            Invoice storedInvoice = InvoiceItemMapper.fromItem(existing);
            writes.add(new InvoiceStore.Overwrite(ManagedFields.replacing(invoice, pending.line().filled(),
                    storedInvoice), storedInvoice.customerId(), storedInvoice.startTimestamp()));
        }
        int done = written.addAndGet(writer.write(writes));
        progress.report(done, (double) done / total, () -> "written " + done + " of " + total + " invoices" + retries());
    }

    private String retries() {
        long retries = writer.retries();
        return retries == 0 ? "" : " (" + retries + " retried after throttling or a conflict)";
    }

    private static long percent(long part, long whole) {
        return whole == 0 ? 100 : part * 100 / whole;
    }

    private void failIfAny(Errors errors, String summary) {
        if (errors.count == 0) {
            return;
        }
        errors.shown.forEach(line -> err.println("error: " + line));
        if (errors.count > MAX_ERRORS_SHOWN) {
            err.println("error: … and " + (errors.count - MAX_ERRORS_SHOWN) + " more");
        }
        throw new LocalFailure(summary);
    }

    /**
     * Whether the stored item holds this line's invoice: both are read back through the mapper, which puts
     * amounts in their canonical form, so {@code 10.5} in the file and {@code 10.50} in the table are the same.
     * The fields the line lacked count as the stored ones ({@link ManagedFields#asStored}).
     */
    private static boolean sameContent(Map<String, AttributeValue> existing, Parsed line) {
        try {
            Invoice stored = InvoiceItemMapper.fromItem(existing);
            Invoice imported = ManagedFields.asStored(line.invoice(), line.filled(), stored);
            return stored.equals(InvoiceItemMapper.fromItem(InvoiceItemMapper.toItem(imported)));
        } catch (IllegalStateException unreadable) {
            return false;
        }
    }

    private static String describe(List<FieldError> problems) {
        return problems.stream()
                .map(problem -> problem.field() + " " + problem.message())
                .collect(Collectors.joining("; "));
    }
}
