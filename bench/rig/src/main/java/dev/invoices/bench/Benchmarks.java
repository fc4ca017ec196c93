package dev.invoices.bench;

import dev.invoices.config.Dependencies;
import dev.invoices.config.ServiceConfig;
import dev.invoices.devtools.LocalEngine;
import dev.invoices.devtools.LocalEventBus;
import dev.invoices.store.DynamoDbClients;
import dev.invoices.store.InvoiceTable;
import dev.invoices.template.CloudFormationTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.warmup.http.CannedResponseHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs every benchmark and writes the report: {@code bench/run.sh} is the one command. Options: {@code --repo DIR}
 * (default .), {@code --out FILE} (default docs/benchmarks.md), {@code --runs N} cold starts per case (15 in the
 * cold-start section, 10 elsewhere), {@code --breakdown-runs N} logged starts per function for the first-invoke
 * breakdown and the priming section (3), {@code --warm N} warm invocations per function (1000),
 * {@code --sections a,b} to run only some of size, cold, priming, levers, warm, depth, schedule, events, serve,
 * scale, and compare (only when asked: with {@code --before DIR}, see {@link #compare}; {@code --compare-runs N}
 * starts each). The scale section takes {@code --scale-invoices N} (200000), {@code --scale-small N} (20000),
 * {@code --scale-iterations N} (5) and {@code --scale-depths a,b} (1,1000,8000).
 */
public final class Benchmarks {
    static final String CURSOR_SECRET = "bench-only-cursor-secret-0123456789abcdef";
    static final String TABLE = "invoices";

    private final Path repo;
    private final Path work;
    private final Map<String, String> options;
    private final Report report = new Report();

    private Benchmarks(Path repo, Map<String, String> options) {
        this.repo = repo;
        this.work = repo.resolve("bench/target/work");
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path repo = Path.of(options.getOrDefault("repo", ".")).toAbsolutePath().normalize();
        new Benchmarks(repo, options).run();
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
    }

    private void run() throws Exception {
        Set<String> sections = new LinkedHashSet<>(List.of(options.getOrDefault("sections",
                "size,cold,priming,levers,warm,depth,schedule,events,serve,scale").split(",")));
        deleteRecursively(work);
        Files.createDirectories(work);
        report.machine(options.getOrDefault("command", "bash bench/run.sh"));
        try (LocalEngine engine = LocalEngine.inMemory(0);
             RuntimeApiStandIn api = new RuntimeApiStandIn();
             DynamoDbClient admin = engine.newClient()) {
            CloudFormationTemplate template = CloudFormationTemplate.read(repo.resolve("template.yaml"));
            Seed seed = new Seed(admin, template);
            seed.createTable(TABLE);
            seed.eventInvoices(TABLE);
            warmUp(admin);
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("TABLE_NAME", TABLE);
            environment.put("AWS_ENDPOINT_URL_DYNAMODB", engine.endpoint().toString());
            environment.put("AWS_REGION", "us-east-1");
            environment.put("AWS_ACCESS_KEY_ID", "local");
            environment.put("AWS_SECRET_ACCESS_KEY", "local");
            environment.put("CURSOR_SECRET", CURSOR_SECRET);
            environment.put("AUTHORIZATION", "off");
            environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
            environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            Events events = new Events(repo.resolve("events"));
            List<ColdStarts.Subject> subjects = subjects(seed, events);

            if (sections.contains("size")) {
                report.sizes(subjects);
            }
            ColdStarts cold = new ColdStarts(work, runtimeClasspath(), environment, api);
            if (sections.contains("cold")) {
                log("cold starts");
                report.coldStarts(coldStarts(cold, subjects), option("runs", 15));
            }
            if (sections.contains("compare")) {
                log("compare with the jars in " + options.get("before"));
                compare(cold, subjects, Path.of(options.get("before")));
            }
            if (sections.contains("priming")) {
                log("priming");
                priming(cold, subjects, events);
            }
            if (sections.contains("levers")) {
                log("levers");
                levers(cold, subjects);
            }
            Meter meter = new Meter();
            if (sections.contains("warm")) {
                log("warm");
                Dependencies dependencies = dependencies(engine, TABLE, meter);
                ResponseRecorder recorder = recordListQuery(engine);
                Dependencies fromMemory = new Dependencies(dependencies.config(), DynamoDbClient.builder()
                        .httpClient(CannedResponseHttpClient.builder().statusCode(200).responseBody(recorder.last()).build())
                        .region(Region.US_EAST_1)
                        .endpointOverride(engine.endpoint())
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                        .build(), Clock.systemUTC());
                report.warm(new Warm(dependencies, fromMemory, recorder, meter, seed, events, option("warmup", 300),
                        option("warm", 1000)).run());
            }
            if (sections.contains("depth")) {
                log("depth: seeding " + Depth.INVOICES + " invoices");
                String table = seed.createTable("depth");
                Depth depth = new Depth(dependencies(engine, table, meter), meter, seed,
                        events.read("list-invoices.json"), option("depth-iterations", 200));
                long start = System.nanoTime();
                depth.seed();
                log("depth: seeded in " + (System.nanoTime() - start) / 1_000_000 + " ms");
                report.depth(depth.run());
            }
            if (sections.contains("schedule")) {
                log("schedule");
                Schedule schedule = new Schedule(seed, repo.resolve("functions/regenerate-invoice/target/function.jar"),
                        repo.resolve("bench/rig/target/classes"), environment);
                report.schedule(schedule.run(option("schedule-runs", 3)));
            }
            if (sections.contains("events")) {
                log("events: publisher cold starts");
                try (LocalEventBus bus = LocalEventBus.start(line -> { }, "123456789012", "us-east-1")) {
                    Map<String, String> toBus = Map.of("EVENT_BUS_NAME", "bench",
                            "AWS_ENDPOINT_URL_EVENTBRIDGE", bus.endpoint().toString());
                    ColdStarts.Subject publisher = publisher(events);
                    ColdStarts.Subject getItem = subjects.stream().filter(s -> s.name().equals("getitem"))
                            .findFirst().orElseThrow();
                    List<ColdStarts.Case> cases = List.of(
                            new ColdStarts.Case("getitem", getItem,
                                    new ColdStarts.Config("default", false, Map.of(), false), null),
                            new ColdStarts.Case("publish-events", publisher,
                                    new ColdStarts.Config("default", false, toBus, false), null),
                            new ColdStarts.Case("getitem pinned", getItem,
                                    new ColdStarts.Config("pinned", true, Map.of(), false), null),
                            new ColdStarts.Case("publish-events pinned", publisher,
                                    new ColdStarts.Config("pinned", true, toBus, false), null));
                    cold.measure(cases, 1);
                    Map<String, List<ColdStarts.Sample>> samples = cold.measure(cases, option("runs", 10));
                    log("events: throughput");
                    List<EventsThroughput.Pass> passes = new EventsThroughput(engine, seed, admin).run();
                    report.events(samples, option("runs", 10), passes, bus.calls());
                }
            }
            if (sections.contains("serve")) {
                log("serve");
                LocalServe serve = new LocalServe(repo, work);
                int runs = option("serve-runs", 5);
                List<Double> fresh = serve.run(runs, List.of("--in-memory", "--seed", "200"));
                String data = work.resolve("serve-data").toString();
                serve.run(1, List.of("--data", data, "--seed", "200"));
                List<Double> restart = serve.run(runs, List.of("--data", data, "--seed", "200"));
                report.serve(fresh, restart);
            }
            if (sections.contains("scale")) {
                log("scale");
                int small = option("scale-small", 20_000);
                List<Integer> depths = Stream.of(options.getOrDefault("scale-depths", "1,1000,8000").split(","))
                        .map(Integer::parseInt).toList();
                if (!options.containsKey("scale-depths") && depths.getLast() + Scale.PAGE > small) {
                    // A quick try at a small size: the default depths that fit, then the last full page but one.
                    List<Integer> fitting = new ArrayList<>(depths.stream()
                            .filter(depth -> depth + Scale.PAGE <= small).toList());
                    fitting.add(small - Scale.PAGE);
                    depths = List.copyOf(new LinkedHashSet<>(fitting));
                    log("scale: depths " + depths + " (the defaults that fit in " + small + ")");
                }
                Scale scale = new Scale(patientDependencies(engine, seed.createTable("scale"), meter), meter,
                        engine.endpoint(), repo, work, events, option("scale-invoices", 200_000),
                        small, option("scale-iterations", 5), depths);
                long start = System.nanoTime();
                report.scale(scale.run());
                log("scale: done in " + (System.nanoTime() - start) / 1_000_000_000 + " s");
            }
        }
        Path out = repo.resolve(options.getOrDefault("out", "docs/benchmarks.md"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.render());
        log("wrote " + out);
    }

    /**
     * The four JVM variants of the paired comparison: JVM defaults and C1 only (the managed runtime's default
     * without SnapStart), each also pinned to one CPU.
     */
    static final Map<String, String> VARIANTS = Map.of("default", "JVM defaults", "c1", "C1 only",
            "pinned", "pinned", "pinned+c1", "pinned, C1 only");
    static final List<String> VARIANT_ORDER = List.of("default", "c1", "pinned", "pinned+c1");

    /**
     * Every subject under the four variants, all interleaved run by run, so that the i-th start of a function
     * and the i-th of the GetItem baseline under the same variant make a pair; then the class-load counts and
     * the first-invoke breakdown, from logged starts of their own.
     */
    private Map<String, List<ColdStarts.Sample>> coldStarts(ColdStarts cold, List<ColdStarts.Subject> subjects) {
        ColdStarts.Config free = new ColdStarts.Config("default", false, Map.of(), false);
        List<ColdStarts.Case> cases = variantCases(subjects);
        Map<String, Map<String, Integer>> classes = new LinkedHashMap<>();
        Map<String, FirstInvoke.Breakdown> breakdowns = new LinkedHashMap<>();
        FirstInvoke firstInvoke = new FirstInvoke(cold, work);
        for (ColdStarts.Subject subject : subjects) {
            if (!subject.name().equals("constant")) {
                classes.put(subject.name(), cold.classLoads(subject, free));
                log("first invoke of " + subject.name());
                breakdowns.put(subject.name(), firstInvoke.measure(subject, free, option("breakdown-runs", 3)));
            }
        }
        report.classLoads(classes);
        report.firstInvoke(breakdowns, option("breakdown-runs", 3));
        // One discarded round: the OS file cache and the engine's paths are warm before anything counts.
        cold.measure(cases, 1);
        return cold.measure(cases, option("runs", 15));
    }

    /** Each subject under each of the four variants, labelled {@code name|variant}, variant by variant. */
    private static List<ColdStarts.Case> variantCases(List<ColdStarts.Subject> subjects) {
        List<ColdStarts.Case> cases = new ArrayList<>();
        for (String variant : VARIANT_ORDER) {
            boolean pinned = variant.startsWith("pinned");
            ColdStarts.Config config = new ColdStarts.Config(pinned ? "pinned" : "default", pinned, Map.of(), false);
            for (ColdStarts.Subject subject : subjects) {
                cases.add(new ColdStarts.Case(subject.name() + "|" + variant, subject, config,
                        variant.endsWith("c1") ? "-XX:TieredStopAtLevel=1" : null));
            }
        }
        return cases;
    }

    /**
     * The functions as built now against the same functions' jars from an earlier build ({@code --before DIR},
     * holding each {@code functions/<module>/target/function.jar} as {@code DIR/<module>.jar}), with the GetItem
     * baseline, under the four variants, interleaved: what a change moved, start by start.
     */
    private void compare(ColdStarts cold, List<ColdStarts.Subject> subjects, Path before) {
        List<ColdStarts.Subject> compared = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ColdStarts.Subject subject : subjects) {
            if (subject.name().equals("getitem")) {
                compared.add(subject);
            } else if (subject.jar().startsWith(repo.resolve("functions"))) {
                Path jar = before.resolve(subject.jar().getParent().getParent().getFileName() + ".jar");
                if (Files.isRegularFile(jar)) {
                    names.add(subject.name());
                    compared.add(new ColdStarts.Subject(subject.name() + " before", jar, subject.handler(),
                            subject.event(), subject.reset()));
                    compared.add(subject);
                }
            }
        }
        List<ColdStarts.Case> cases = variantCases(compared);
        cold.measure(cases, 1);
        int runs = option("compare-runs", option("runs", 15));
        report.compare(names, cold.measure(cases, runs), runs,
                options.getOrDefault("before-label", before.toString()));
    }

    /**
     * What priming does for each function: a start under provisioned concurrency (the handler primes in init, as
     * before a SnapStart snapshot) against an unprimed one, each with the first-invoke breakdown, and the
     * {@code priming} line the function logged, which names each synthetic request's status.
     */
    private void priming(ColdStarts cold, List<ColdStarts.Subject> subjects, Events events) throws IOException {
        int starts = option("breakdown-runs", 3);
        FirstInvoke firstInvoke = new FirstInvoke(cold, work);
        Map<String, Report.Primed> results = new LinkedHashMap<>();
        try (LocalEventBus bus = LocalEventBus.start(line -> { }, "123456789012", "us-east-1")) {
            Map<String, String> toBus = Map.of("EVENT_BUS_NAME", "bench",
                    "AWS_ENDPOINT_URL_EVENTBRIDGE", bus.endpoint().toString());
            List<Map.Entry<ColdStarts.Subject, Map<String, String>>> primed = new ArrayList<>();
            for (ColdStarts.Subject subject : subjects) {
                if (subject.jar().startsWith(repo.resolve("functions"))) {
                    primed.add(Map.entry(subject, Map.of()));
                }
            }
            primed.add(Map.entry(publisher(events), toBus));
            for (var entry : primed) {
                ColdStarts.Subject subject = entry.getKey();
                Map<String, String> provisionedEnv = new LinkedHashMap<>(entry.getValue());
                provisionedEnv.put("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency");
                log("priming: " + subject.name());
                FirstInvoke.Breakdown unprimed = firstInvoke.measure(subject,
                        new ColdStarts.Config("default", false, entry.getValue(), false), starts,
                        "unprimed-" + subject.name());
                String output = "primed-" + subject.name();
                FirstInvoke.Breakdown afterPriming = firstInvoke.measure(subject,
                        new ColdStarts.Config("provisioned", false, provisionedEnv, false), starts, output);
                List<String> lines;
                try (Stream<String> log = Files.lines(work.resolve(output + ".log"))) {
                    lines = log.filter(line -> line.contains("\"kind\":\"priming\""))
                            .map(line -> line.substring(line.indexOf('{'))).toList();
                }
                if (lines.isEmpty()) {
                    throw new IllegalStateException(subject.name() + " logged no priming line: see " + output + ".log");
                }
                results.put(subject.name(), new Report.Primed(unprimed, afterPriming, lines.getFirst()));
            }
        }
        report.priming(results, starts);
    }

    private ColdStarts.Subject publisher(Events events) {
        return new ColdStarts.Subject("publish-events", repo.resolve("functions/publish-events/target/function.jar"),
                "dev.invoices.functions.PublishEventsHandler::handleRequest",
                fixed(events.read("dynamodb-stream-invoice-voided.json")), () -> {
                });
    }

    /** Each lever on the baselines and the read functions, interleaved with the default in one batch. */
    private void levers(ColdStarts cold, List<ColdStarts.Subject> subjects) {
        ColdStarts.Config managed = new ColdStarts.Config("default", false, Map.of(), false);
        ColdStarts.Config onClasspath = new ColdStarts.Config("classpath", false, Map.of(), true);
        ColdStarts.Config provisioned = new ColdStarts.Config("provisioned", false,
                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency"), false);
        List<ColdStarts.Case> cases = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ColdStarts.Subject subject : subjects) {
            if (!Set.of("getitem", "list", "get").contains(subject.name())) {
                continue;
            }
            names.add(subject.name());
            log("levers: AOT training runs for " + subject.name());
            String aotManaged = "-XX:AOTCache=" + cold.trainAotCache(subject, managed);
            String aotClasspath = "-XX:AOTCache=" + cold.trainAotCache(subject, onClasspath);
            cases.add(new ColdStarts.Case(subject.name() + "|none", subject, managed, null));
            cases.add(new ColdStarts.Case(subject.name() + "|c1", subject, managed, "-XX:TieredStopAtLevel=1"));
            cases.add(new ColdStarts.Case(subject.name() + "|aot", subject, managed, aotManaged));
            cases.add(new ColdStarts.Case(subject.name() + "|aotcp", subject, onClasspath, aotClasspath));
            cases.add(new ColdStarts.Case(subject.name() + "|aotcp+c1", subject, onClasspath,
                    aotClasspath + " -XX:TieredStopAtLevel=1"));
            if (Set.of("list", "get").contains(subject.name())) {
                cases.add(new ColdStarts.Case(subject.name() + "|primed", subject, provisioned, null));
            }
        }
        report.levers(names, cold.measure(cases, option("runs", 10)), option("runs", 10));
    }

    private List<ColdStarts.Subject> subjects(Seed seed, Events events) {
        Supplier<byte[]> get = fixed(events.read("get-invoice.json"));
        String voidEvent = events.read("void-invoice.json");
        String regenerateEvent = events.read("regenerate-invoice.json");
        Runnable nothing = () -> {
        };
        return List.of(
                new ColdStarts.Subject("constant", repo.resolve("bench/baseline-constant/target/function.jar"),
                        "dev.invoices.bench.baseline.ConstantHandler::handleRequest", get, nothing),
                new ColdStarts.Subject("getitem", repo.resolve("bench/baseline-getitem/target/function.jar"),
                        "dev.invoices.bench.baseline.GetItemHandler::handleRequest", get, () -> seed.forGet(TABLE)),
                new ColdStarts.Subject("list", repo.resolve("functions/list-invoices/target/function.jar"),
                        "dev.invoices.functions.ListInvoicesHandler::handleRequest",
                        fixed(events.read("list-invoices.json")), nothing),
                new ColdStarts.Subject("get", repo.resolve("functions/get-invoice/target/function.jar"),
                        "dev.invoices.functions.GetInvoiceHandler::handleRequest", get, () -> seed.forGet(TABLE)),
                new ColdStarts.Subject("pdf", repo.resolve("functions/invoice-pdf/target/function.jar"),
                        "dev.invoices.functions.InvoicePdfHandler::handleRequest",
                        fixed(events.read("get-invoice-pdf.json")), () -> seed.forGet(TABLE)),
                new ColdStarts.Subject("void", repo.resolve("functions/void-invoice/target/function.jar"),
                        "dev.invoices.functions.VoidInvoiceHandler::handleRequest",
                        () -> Events.bytes(Events.freshKey(voidEvent)), () -> seed.forVoid(TABLE)),
                new ColdStarts.Subject("regenerate", repo.resolve("functions/regenerate-invoice/target/function.jar"),
                        "dev.invoices.functions.RegenerateInvoiceHandler::handleRequest",
                        () -> Events.bytes(Events.freshKey(regenerateEvent)), () -> seed.forRegenerate(TABLE)));
    }

    private static Supplier<byte[]> fixed(String event) {
        byte[] bytes = Events.bytes(event);
        return () -> bytes;
    }

    private String runtimeClasspath() throws IOException {
        try (Stream<Path> jars = Files.list(repo.resolve("bench/runtime/target/lib"))) {
            return String.join(":", jars.filter(path -> path.toString().endsWith(".jar")).sorted()
                    .map(Path::toString).toList());
        }
    }

    /** Handler dependencies as in Lambda (DynamoDbClients, its timeouts and retries), plus the meter. */
    private static Dependencies dependencies(LocalEngine engine, String table, Meter meter) {
        ServiceConfig config = ServiceConfig.from(Map.of("TABLE_NAME", table, "CURSOR_SECRET", CURSOR_SECRET,
                "AUTHORIZATION", "off"));
        return new Dependencies(config, DynamoDbClients.create(config.region(), Optional.of(engine.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), List.of(meter)),
                Clock.systemUTC());
    }

    /**
     * The same handler dependencies with a client that waits minutes, not Lambda's 3 s an attempt: at 200,000
     * invoices one Query takes the local engine seconds, and a timed-out attempt's retry would queue behind it.
     * Same HTTP client, region, retry mode and meter; no retry counter, which only feeds the handler's metrics.
     */
    private static Dependencies patientDependencies(LocalEngine engine, String table, Meter meter) {
        ServiceConfig config = ServiceConfig.from(Map.of("TABLE_NAME", table, "CURSOR_SECRET", CURSOR_SECRET,
                "AUTHORIZATION", "off"));
        DynamoDbClient client = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofMinutes(5)).build())
                .region(Region.of(config.region()))
                .endpointOverride(engine.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMinutes(10)).retryStrategy(RetryMode.STANDARD)
                        .addExecutionInterceptor(meter))
                .build();
        return new Dependencies(config, client, Clock.systemUTC());
    }

    /** The local engine's HTTP response to the first page of 25 (+1) of the event's customer, newest first. */
    private static ResponseRecorder recordListQuery(LocalEngine engine) {
        ResponseRecorder recorder = new ResponseRecorder();
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(engine.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build()) {
            client.query(query -> query.tableName(TABLE).indexName(InvoiceTable.BY_CUSTOMER_INDEX)
                    .keyConditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", InvoiceTable.CUSTOMER_ID))
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(Seed.EVENT_CUSTOMER)))
                    .scanIndexForward(false).limit(26));
        }
        return recorder;
    }

    /** The local engine answers its first requests slowly (Python imports and caches): get that out of the way. */
    private static void warmUp(DynamoDbClient dynamoDb) {
        Map<String, AttributeValue> key = Map.of(InvoiceTable.PK,
                AttributeValue.fromS(InvoiceTable.invoicePk(Seed.EVENT_INVOICE)));
        Map<String, AttributeValue> customer = Map.of(":p", AttributeValue.fromS(Seed.EVENT_CUSTOMER));
        for (int i = 0; i < 500; i++) {
            dynamoDb.getItem(get -> get.tableName(TABLE).key(key).consistentRead(true));
            dynamoDb.query(query -> query.tableName(TABLE).indexName(InvoiceTable.BY_CUSTOMER_INDEX)
                    .keyConditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", InvoiceTable.CUSTOMER_ID))
                    .expressionAttributeValues(customer).limit(26));
        }
    }

    static void log(String message) {
        System.out.println(DateTimeFormatter.ISO_LOCAL_TIME.format(ZonedDateTime.now()).substring(0, 8) + " " + message);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
