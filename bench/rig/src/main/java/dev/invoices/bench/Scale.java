package dev.invoices.bench;

import dev.invoices.config.Dependencies;
import dev.invoices.functions.ListInvoicesHandler;
import dev.invoices.json.InvoiceJson;
import dev.invoices.json.Json;
import dev.invoices.listing.CursorCodec;
import dev.invoices.listing.Dialect;
import dev.invoices.listing.ListQuery;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.CustomerQuery;
import dev.invoices.store.InvoiceTable;
import dev.invoices.testing.InvoiceFixtures;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How listing and Fastly's {@code meta.total} behave as one customer grows tenfold among many small ones: the
 * customer is imported with the real {@code import} command (a child JVM with a 256 MB heap), measured, grown by
 * a second import, and measured again, on the same positions. Each measurement is a page through the list
 * handler at several depths and the Fastly total with and without dates, with the DynamoDB requests, the items
 * they read and the bare Query at the same position.
 */
final class Scale {
    static final String CUSTOMER = "big-corp";
    static final int OTHER_CUSTOMERS = 1_000;
    static final int OTHER_INVOICES = 20;
    static final int PAGE = 25;
    static final Instant START = Instant.parse("2014-01-01T00:00:00Z");
    static final Duration SPACING = Duration.ofMinutes(30);
    static final String HEAP = "256m";
    static final List<String> SORTS = List.of("date_desc", "date_asc");

    private static final Pattern CHECKED = Pattern.compile("^checked (\\d+) lines in (\\d+) s, (\\d+) lines/s");
    private static final Pattern WRITTEN = Pattern.compile("^written (\\d+) invoices.* in (\\d+) s, (\\d+) invoices/s");
    private static final Pattern IMPORTED = Pattern.compile("^imported (\\d+), unchanged (\\d+), replaced (\\d+)");
    /** A G1 or Serial GC line's "before->after(committed)". */
    private static final Pattern HEAP_AFTER = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /** One import of a file, as the child JVM reported it. */
    record Import(String file, int invoices, long bytes, double wallSeconds, int checkedRate, int writtenRate,
                  double largestAfterGcMb, int collections, boolean completed) {
    }

    /** A page of the list route starting at the {@code depth}-th invoice in the sort's order. */
    record Page(String sort, int depth, String firstId, Stats handler, Stats raw, String requests, String scanned,
                String capacity) {
    }

    /** Fastly's list with its {@code meta.total}. */
    record Total(String name, Instant from, Instant to, long total, Stats handler, Stats raw, String requests,
                 String queries, String scanned, long edgeBound) {
    }

    record Measurement(int invoices, int tableInvoices, List<Page> pages, List<Total> totals) {
    }

    record Result(int small, int big, List<Integer> depths, int iterations, List<Import> imports,
                  Measurement before, Measurement after) {
    }

    private final Dependencies dependencies;
    private final Meter meter;
    private final URI endpoint;
    private final Path repository;
    private final Path work;
    private final Events events;
    private final int invoices;
    private final int small;
    private final int iterations;
    private final List<Integer> depths;
    private final CursorCodec cursors = CursorCodec.fromSecret(Benchmarks.CURSOR_SECRET);

    Scale(Dependencies dependencies, Meter meter, URI endpoint, Path repository, Path work, Events events,
          int invoices, int small, int iterations, List<Integer> depths) {
        this.dependencies = dependencies;
        this.meter = meter;
        this.endpoint = endpoint;
        this.repository = repository;
        this.work = work;
        this.events = events;
        this.invoices = invoices;
        this.small = small;
        this.iterations = iterations;
        this.depths = depths;
        if (small >= invoices) {
            throw new IllegalArgumentException("--scale-small must be below --scale-invoices");
        }
        for (int depth : depths) {
            if (depth < 1 || depth + PAGE > small) {
                throw new IllegalArgumentException("depth " + depth + " leaves no full page of " + PAGE + " and one"
                        + " more in " + small + " invoices (--scale-depths, --scale-small)");
            }
        }
    }

    /**
     * The big customer's {@code i}-th invoice in date order: one every 30 minutes, 85% FINALIZED, 10% DRAFT and
     * 5% VOID.
     */
    static Invoice invoice(int i) {
        InvoiceStatus status = i % 20 == 7 ? InvoiceStatus.VOID
                : i % 10 == 3 ? InvoiceStatus.DRAFT : InvoiceStatus.FINALIZED;
        return InvoiceFixtures.simple(id(i), CUSTOMER, status, start(i));
    }

    static String id(int i) {
        return "inv_s_%06d".formatted(i);
    }

    static Instant start(int i) {
        return START.plus(SPACING.multipliedBy(i));
    }

    /** The other customers' invoices: 20 each, monthly, every status. */
    private static Invoice other(int i) {
        int customer = i / OTHER_INVOICES;
        int month = i % OTHER_INVOICES;
        InvoiceStatus[] statuses = InvoiceStatus.values();
        return InvoiceFixtures.simple("inv_o_%04d_%02d".formatted(customer, month), "cus_%04d".formatted(customer),
                statuses[month % statuses.length], START.atZone(ZoneOffset.UTC).plusMonths(month).toInstant());
    }

    Result run() {
        List<Import> imports = new ArrayList<>();
        Path first = work.resolve("scale-1.jsonl");
        writeLines(first, small, Scale::invoice, OTHER_CUSTOMERS * OTHER_INVOICES, Scale::other);
        Benchmarks.log("scale: importing " + first.getFileName() + " (" + small + " + "
                + OTHER_CUSTOMERS * OTHER_INVOICES + " invoices)");
        imports.add(importFile(first, 1, small + OTHER_CUSTOMERS * OTHER_INVOICES));
        Benchmarks.log("scale: measuring at " + small);
        Measurement before = measure(small);
        Path second = work.resolve("scale-2.jsonl");
        writeLines(second, invoices - small, i -> invoice(small + i), 0, Scale::other);
        Benchmarks.log("scale: importing " + second.getFileName() + " (" + (invoices - small) + " invoices)");
        imports.add(importFile(second, 2, invoices - small));
        Benchmarks.log("scale: measuring at " + invoices);
        Measurement after = measure(invoices);
        return new Result(small, invoices, depths, iterations, imports, before, after);
    }

    /** A JSONL file in the API's canonical shape, written with the service's own codec. */
    private static void writeLines(Path file, int count, IntFunction<Invoice> invoice, int others,
                                   IntFunction<Invoice> other) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                out.write(InvoiceJson.toJson(invoice.apply(i)));
                out.write('\n');
            }
            for (int i = 0; i < others; i++) {
                out.write(InvoiceJson.toJson(other.apply(i)));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code java -Xmx256m -Xlog:gc:file=… -jar invoices-local.jar import FILE --endpoint … --table … --region …},
     * which must import every invoice of the file.
     */
    private Import importFile(Path file, int number, int expected) {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path gcLog = work.resolve("import-gc-" + number + ".log");
        Path out = work.resolve("import-" + number + ".out");
        Path err = work.resolve("import-" + number + ".err");
        List<String> command = List.of(java, "-Xmx" + HEAP, "-Xlog:gc:file=" + gcLog,
                "-jar", repository.resolve("local/server/target/invoices-local.jar").toString(),
                "import", file.toString(), "--endpoint", endpoint.toString(),
                "--table", dependencies.config().tableName(), "--region", "us-east-1");
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("JAVA_TOOL"));
        builder.environment().put("AWS_ACCESS_KEY_ID", "local");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        try {
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.HOURS)) {
                process.destroyForcibly();
                throw new IllegalStateException("import of " + file + " did not finish within 3 hours");
            }
            double wall = (System.nanoTime() - started) / 1e9;
            List<String> stderr = Files.readAllLines(err);
            List<String> stdout = Files.readAllLines(out);
            Matcher imported = first(IMPORTED, stdout);
            if (process.exitValue() != 0 || imported == null || Integer.parseInt(imported.group(1)) != expected) {
                throw new IllegalStateException("import of " + file + " exited " + process.exitValue()
                        + " without importing " + expected + " invoices; see " + out + " and " + err);
            }
            Matcher checked = first(CHECKED, stderr);
            Matcher written = first(WRITTEN, stderr);
            double largest = 0;
            int collections = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher heap = HEAP_AFTER.matcher(line);
                if (line.contains("Pause") && heap.find()) {
                    collections++;
                    largest = Math.max(largest, megabytes(heap.group(3), heap.group(4)));
                }
            }
            return new Import(file.getFileName().toString(), expected, Files.size(file), wall,
                    checked == null ? -1 : Integer.parseInt(checked.group(3)),
                    written == null ? (int) Math.round(expected / wall) : Integer.parseInt(written.group(3)),
                    largest, collections, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Matcher first(Pattern pattern, List<String> lines) {
        for (String line : lines) {
            Matcher matcher = pattern.matcher(line.strip());
            if (matcher.find()) {
                return matcher;
            }
        }
        return null;
    }

    private static double megabytes(String value, String unit) {
        double n = Double.parseDouble(value);
        return switch (unit) {
            case "K" -> n / 1024;
            case "G" -> n * 1024;
            default -> n;
        };
    }

    /** Every page and total at this size, the handler and the bare Query of each timed alternately. */
    private Measurement measure(int size) {
        Invoker list = new Invoker(new ListInvoicesHandler(dependencies));
        List<Probe> probes = new ArrayList<>();
        for (String sort : SORTS) {
            for (int depth : depths) {
                probes.add(pageProbe(size, sort, depth));
            }
        }
        Instant[] same = sameRange(small);
        Instant[] whole = sameRange(size);
        probes.add(totalProbe(size, "no dates", null, null));
        probes.add(totalProbe(size, "dates, a fixed range", same[0], same[1]));
        probes.add(totalProbe(size, "dates, the whole history", whole[0], whole[1]));
        for (Probe probe : probes) {
            probe.verify(list.invoke(probe.event));
        }
        for (int i = 0; i < iterations; i++) {
            for (Probe probe : probes) {
                meter.reset();
                list.invoke(probe.event);
                probe.handler[i] = list.lastNanos();
                probe.requests.add(meter.requests());
                probe.queries.add(meter.queries());
                probe.scanned.add(meter.scanned());
                probe.capacity.add(meter.capacity());
                long t0 = System.nanoTime();
                dependencies.dynamoDb().query(probe.raw);
                probe.rawNanos[i] = System.nanoTime() - t0;
            }
        }
        List<Page> pages = new ArrayList<>();
        List<Total> totals = new ArrayList<>();
        for (Probe probe : probes) {
            if (probe.total == null) {
                pages.add(new Page(probe.sort, probe.depth, probe.firstId, Stats.ofNanos(probe.handler),
                        Stats.ofNanos(probe.rawNanos), range(probe.requests), range(probe.scanned),
                        rangeOf(probe.capacity)));
            } else {
                totals.add(new Total(probe.name, probe.from, probe.to, probe.total, Stats.ofNanos(probe.handler),
                        Stats.ofNanos(probe.rawNanos), range(probe.requests), range(probe.queries),
                        range(probe.scanned), edgeBound(size)));
            }
        }
        return new Measurement(size, size + OTHER_CUSTOMERS * OTHER_INVOICES, pages, totals);
    }

    /** One request measured at a size: its event, the bare Query at the same position, what it must return. */
    private final class Probe {
        String name;
        String sort;
        int depth;
        String firstId;
        Instant from;
        Instant to;
        Long total;
        byte[] event;
        QueryRequest raw;
        final long[] handler = new long[iterations];
        final long[] rawNanos = new long[iterations];
        final List<Integer> requests = new ArrayList<>();
        final List<Integer> queries = new ArrayList<>();
        final List<Integer> scanned = new ArrayList<>();
        final List<Double> capacity = new ArrayList<>();

        /** Fails loudly unless the handler's answer starts with the expected invoice (and has the expected total). */
        void verify(Map<String, Object> response) {
            Map<String, Object> body = Json.readObject((String) response.get("body"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> data = (List<Map<String, Object>>) body.get("data");
            String idField = total == null ? "id" : "invoice_id";
            if (data.size() != PAGE || !firstId.equals(data.getFirst().get(idField))) {
                throw new IllegalStateException(name + ": expected a page of " + PAGE + " starting with " + firstId
                        + ", got " + data.size() + " starting with "
                        + (data.isEmpty() ? "nothing" : data.getFirst().get(idField)));
            }
            if (total != null) {
                @SuppressWarnings("unchecked")
                Object got = ((Map<String, Object>) body.get("meta")).get("total");
                if (!(got instanceof BigDecimal number) || number.longValueExact() != total) {
                    throw new IllegalStateException(name + ": meta.total is " + got + ", but " + total
                            + " invoices were seeded in that range");
                }
            }
        }
    }

    /**
     * The page starting at the {@code depth}-th invoice in the sort's order. Its cursor is sealed here as the list
     * service seals {@code next_page}: the position of the invoice before it (its table key and period key), with
     * the binding of the same query, so no page is walked to reach it.
     */
    private Probe pageProbe(int size, String sort, int depth) {
        boolean descending = sort.equals("date_desc");
        Probe probe = new Probe();
        probe.name = sort + " at " + depth;
        probe.sort = sort;
        probe.depth = depth;
        probe.firstId = id(descending ? size - depth : depth - 1);
        Map<String, String> query = Warm.linked("limit", Integer.toString(PAGE), "sort", sort);
        Map<String, AttributeValue> startKey = null;
        if (depth > 1) {
            int before = descending ? size - depth + 1 : depth - 2;
            String periodKey = InvoiceTable.periodKey(start(before), id(before));
            String binding = new ListQuery(new CustomerQuery(CUSTOMER, Set.of(), null, null, descending), PAGE,
                    Optional.empty(), Dialect.CANONICAL).cursorBinding();
            query.put("next_page", cursors.encode(Map.of(InvoiceTable.PK, InvoiceTable.invoicePk(id(before)),
                    InvoiceTable.PERIOD_KEY, periodKey), binding));
            startKey = Map.of(InvoiceTable.PK, AttributeValue.fromS(InvoiceTable.invoicePk(id(before))),
                    InvoiceTable.CUSTOMER_ID, AttributeValue.fromS(CUSTOMER),
                    InvoiceTable.PERIOD_KEY, AttributeValue.fromS(periodKey));
        }
        probe.event = Events.bytes(Events.listEvent(events.read("list-invoices.json"), CUSTOMER, query));
        probe.raw = rawQuery(null, null, descending, startKey);
        return probe;
    }

    /** Fastly's first page (newest first) with its {@code meta.total}, over [from, to) or everything. */
    private Probe totalProbe(int size, String name, Instant from, Instant to) {
        Probe probe = new Probe();
        probe.name = name;
        probe.from = from;
        probe.to = to;
        long count = 0;
        int newest = -1;
        for (int i = 0; i < size; i++) {
            if ((from == null || !start(i).isBefore(from)) && (to == null || start(i).isBefore(to))) {
                count++;
                newest = i;
            }
        }
        probe.total = count;
        probe.firstId = id(newest);
        Map<String, String> query = Warm.linked("customer_id", CUSTOMER, "limit", Integer.toString(PAGE));
        if (from != null) {
            query.put("billing_start_date", from.toString());
            query.put("billing_end_date", to.toString());
        }
        probe.event = Events.bytes(Events.listEvent(events.read("list-invoices-fastly.json"), CUSTOMER, query));
        probe.raw = rawQuery(from, to, true, null);
        return probe;
    }

    /** The bare Query the handler's page makes: the same index, key range, order, start key and Limit (page + 1). */
    private QueryRequest rawQuery(Instant from, Instant to, boolean descending, Map<String, AttributeValue> startKey) {
        Map<String, String> names = new HashMap<>(Map.of("#p", InvoiceTable.CUSTOMER_ID));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", AttributeValue.fromS(CUSTOMER)));
        String condition = "#p = :p";
        if (from != null) {
            names.put("#s", InvoiceTable.PERIOD_KEY);
            values.put(":from", AttributeValue.fromS(InvoiceTable.periodPrefix(from)));
            values.put(":before", AttributeValue.fromS(InvoiceTable.periodPrefix(to)));
            condition += " AND #s BETWEEN :from AND :before";
        }
        return QueryRequest.builder().tableName(dependencies.config().tableName())
                .indexName(InvoiceTable.BY_CUSTOMER_INDEX).keyConditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values)
                .scanIndexForward(!descending).exclusiveStartKey(startKey).limit(PAGE + 1).build();
    }

    /**
     * From the 15th of the big customer's second billing month to the 15th of the last month whose 15th its
     * first {@code size} invoices reach: both edges mid-month, every invoice in between seeded.
     */
    static Instant[] sameRange(int size) {
        YearMonth first = YearMonth.from(START.atOffset(ZoneOffset.UTC)).plusMonths(1);
        Instant last = start(size - 1);
        YearMonth end = YearMonth.from(last.atOffset(ZoneOffset.UTC));
        if (fifteenth(end).isAfter(last)) {
            end = end.minusMonths(1);
        }
        if (!end.isAfter(first)) {
            // Fewer than two months (a quick try with a small --scale-small): the middle half of the span instead.
            return new Instant[] {start(size / 4), start(size * 3 / 4)};
        }
        return new Instant[] {fifteenth(first), fifteenth(end)};
    }

    private static Instant fifteenth(YearMonth month) {
        return month.atDay(15).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** How many month boundaries a date range crosses: 12 from one 15th to the 15th a year later. */
    static int months(Instant from, Instant to) {
        return (int) YearMonth.from(from.atOffset(ZoneOffset.UTC)).until(YearMonth.from(to.atOffset(ZoneOffset.UTC)),
                ChronoUnit.MONTHS);
    }

    /** The billing months the big customer's first {@code size} invoices fall in. */
    static int months(int size) {
        return invoicesByMonth(size).size();
    }

    /**
     * What the edges of a date filter can cost: the invoices of the two fullest months (each edge's Select=COUNT
     * Query reads at most its month) and the page's Query (Limit page + 1).
     */
    static long edgeBound(int size) {
        List<Long> counts = new ArrayList<>(invoicesByMonth(size).values());
        counts.sort(null);
        long two = counts.size() >= 2
                ? counts.get(counts.size() - 1) + counts.get(counts.size() - 2)
                : counts.getFirst();
        return two + PAGE + 1;
    }

    private static Map<YearMonth, Long> invoicesByMonth(int size) {
        Map<YearMonth, Long> byMonth = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            byMonth.merge(YearMonth.from(start(i).atOffset(ZoneOffset.UTC)), 1L, Long::sum);
        }
        return byMonth;
    }

    private static String range(List<Integer> values) {
        int min = values.stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = values.stream().mapToInt(Integer::intValue).max().orElse(0);
        return min == max ? Integer.toString(min) : min + "–" + max;
    }

    private static String rangeOf(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return min == max ? Report.fmt("%.1f", min) : Report.fmt("%.1f", min) + "–" + Report.fmt("%.1f", max);
    }
}
