package dev.invoices.local;

import dev.invoices.devtools.InvoiceValidator;
import dev.invoices.error.FieldError;
import dev.invoices.error.InvoicesException;
import dev.invoices.error.ValidationException;
import dev.invoices.json.InvoiceJson;
import dev.invoices.model.Invoice;
import dev.invoices.store.InvoiceItemMapper;
import dev.invoices.store.InvoiceStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * {@code import}: loads a file of canonical invoice JSON, one invoice per line, all or nothing.
 *
 * <ol>
 *   <li>Every line is read ({@link InvoiceJson#read}) and validated ({@link InvoiceValidator}); blank lines are
 *       skipped. Any bad line, or an id given on two lines, is reported with its 1-based line number, and
 *       nothing is written.</li>
 *   <li>The ids are looked up (strongly consistent {@code BatchGetItem}). An invoice stored with the same
 *       content is left alone; one stored with different content is an error, and nothing is written, unless
 *       {@code --replace}.</li>
 *   <li>The rest is written in transactions of up to 100 items, each with the counts of its customers
 *       ({@link InvoiceWriter#writeAll}), so that the counts stay exact.</li>
 * </ol>
 * So importing the same file twice changes nothing the second time.
 */
final class Importer {
    /** Progress is printed every this many lines, on files at least this long. */
    static final int PROGRESS_EVERY = 1_000;
    /** At most this many errors are printed; the count of the rest follows. */
    static final int MAX_ERRORS_SHOWN = 100;

    private final InvoiceWriter writer;
    private final PrintStream out;
    private final PrintStream err;

    Importer(InvoiceWriter writer, PrintStream out, PrintStream err) {
        this.writer = writer;
        this.out = out;
        this.err = err;
    }

    /** The outcome of an import. */
    record Counts(int imported, int unchanged, int replaced) {
        @Override
        public String toString() {
            return "imported " + imported + ", unchanged " + unchanged + ", replaced " + replaced;
        }
    }

    private record Line(int number, Invoice invoice) {
    }

    /**
     * The next line of {@code in} as bytes, without its {@code \n} or {@code \r\n}; null at the end. Lines are
     * decoded one by one, so that a line that is not UTF-8 is reported with its number like any other bad line.
     */
    private static byte[] nextLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    Counts run(Path file, boolean replace) {
        List<Line> lines = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<String, Integer> lineOfId = new HashMap<>();
        int total = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            byte[] bytes;
            while ((bytes = nextLine(in)) != null) {
                int number = ++total;
                if (number % PROGRESS_EVERY == 0) {
                    err.println("validated " + number + " lines");
                }
                String text;
                try {
                    text = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                } catch (CharacterCodingException notUtf8) {
                    errors.add("line " + number + ": is not valid UTF-8 text");
                    continue;
                }
                if (text.isBlank()) {
                    continue;
                }
                try {
                    Invoice invoice = InvoiceJson.read(text);
                    List<FieldError> problems = InvoiceValidator.validate(invoice);
                    if (!problems.isEmpty()) {
                        errors.add("line " + number + ": " + describe(problems));
                        continue;
                    }
                    Integer earlier = lineOfId.putIfAbsent(invoice.id(), number);
                    if (earlier != null) {
                        errors.add("line " + number + ": id " + invoice.id() + " is also on line " + earlier);
                        continue;
                    }
                    lines.add(new Line(number, invoice));
                } catch (ValidationException invalid) {
                    errors.add("line " + number + ": " + describe(invalid.errors()));
                } catch (InvoicesException malformed) {
                    errors.add("line " + number + ": " + malformed.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            throw new LocalFailure("no such file: " + file);
        } catch (IOException | UncheckedIOException e) {
            throw new LocalFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
        failIfAny(errors, file + " has " + errors.size() + " invalid line" + (errors.size() == 1 ? "" : "s")
                + "; nothing was imported");

        Map<String, Map<String, AttributeValue>> stored =
                writer.getAll(lines.stream().map(line -> line.invoice().id()).toList());
        List<InvoiceStore.InvoiceWrite> toWrite = new ArrayList<>();
        int unchanged = 0;
        int replaced = 0;
        for (Line line : lines) {
            Map<String, AttributeValue> existing = stored.get(line.invoice().id());
            if (existing == null) {
                toWrite.add(new InvoiceStore.Create(line.invoice()));
            } else if (sameContent(existing, line.invoice())) {
                unchanged++;
            } else if (replace) {
                Invoice storedInvoice = InvoiceItemMapper.fromItem(existing);
                toWrite.add(new InvoiceStore.Overwrite(line.invoice(), storedInvoice.customerId(),
                        storedInvoice.startTimestamp()));
                replaced++;
            } else {
                errors.add("line " + line.number() + ": invoice " + line.invoice().id()
                        + " already exists with different content (use --replace to overwrite it)");
            }
        }
        failIfAny(errors, errors.size() + " invoice" + (errors.size() == 1 ? "" : "s")
                + " already exist with different content; nothing was imported");

        boolean large = total >= PROGRESS_EVERY;
        int[] lastReported = {0};
        writer.writeAll(toWrite, written -> {
            if (large && written - lastReported[0] >= PROGRESS_EVERY) {
                lastReported[0] = written;
                err.println("written " + written + " of " + toWrite.size());
            }
        });
        Counts counts = new Counts(toWrite.size() - replaced, unchanged, replaced);
        out.println(counts);
        return counts;
    }

    private void failIfAny(List<String> errors, String summary) {
        if (errors.isEmpty()) {
            return;
        }
        errors.stream().limit(MAX_ERRORS_SHOWN).forEach(line -> err.println("error: " + line));
        if (errors.size() > MAX_ERRORS_SHOWN) {
            err.println("error: … and " + (errors.size() - MAX_ERRORS_SHOWN) + " more");
        }
        throw new LocalFailure(summary);
    }

    /**
     * Whether the stored item holds this invoice: both are read back through the mapper, which puts amounts in
     * their canonical form, so {@code 10.5} in the file and {@code 10.50} in the table are the same.
     */
    private static boolean sameContent(Map<String, AttributeValue> existing, Invoice invoice) {
        try {
            return InvoiceItemMapper.fromItem(existing).equals(InvoiceItemMapper.fromItem(InvoiceItemMapper.toItem(invoice)));
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
