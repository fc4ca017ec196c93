package dev.invoices.bench;

import dev.invoices.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** The Markdown of docs/benchmarks.md: machine, command, then one section per benchmark and the targets. */
final class Report {
    private static final String[] ORDER = {"machine", "targets", "cold", "classes", "firstinvoke", "priming",
            "compare", "levers", "warm", "depth", "scale", "size", "schedule", "events", "serve", "method"};

    private final Map<String, StringBuilder> sections = new LinkedHashMap<>();
    private final List<String[]> targets = new ArrayList<>();

    private StringBuilder section(String name) {
        return sections.computeIfAbsent(name, key -> new StringBuilder());
    }

    void machine(String command) {
        StringBuilder s = section("machine");
        s.append("# Benchmarks\n\n");
        s.append("Written by `").append(command).append("` on ")
                .append(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append(". Every figure is the median with its spread (p10–p90 unless marked); ratios are taken "
                        + "between cases measured in the same interleaved batch.\n\n");
        s.append("| machine | |\n|---|---|\n");
        s.append("| CPUs (`nproc`) | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        s.append("| CPU | ").append(cpuModel()).append(" |\n");
        s.append("| memory | ").append(memory()).append(" |\n");
        s.append("| OS | ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(" |\n");
        s.append("| JDK | ").append(System.getProperty("java.vm.vendor")).append(' ')
                .append(System.getProperty("java.runtime.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" |\n");
        s.append("| DynamoDB | the project's local engine (moto 5.2.5 behind local/engine/engine.py), in memory, "
                + "a child process on 127.0.0.1, warmed before measuring |\n");
        s.append("| Lambda runtime | `com.amazonaws:aws-lambda-java-runtime-interface-client:2.8.7` against the rig's "
                + "stand-in Runtime API on 127.0.0.1 |\n\n");
        s.append("The machine is shared (2 cores, other builds running): read absolute milliseconds as this "
                + "machine's on this day, and compare through the ratios.\n\n");
    }

    void sizes(List<ColdStarts.Subject> subjects) {
        StringBuilder s = section("size");
        s.append("## Size\n\nThe deployable jar of each function (`functions/*/target/function.jar`) and of the "
                + "baselines (`bench/baseline-*/target/function.jar`).\n\n");
        s.append("| jar | bytes | MB |\n|---|---:|---:|\n");
        for (ColdStarts.Subject subject : subjects) {
            long bytes = Sizes.bytes(subject.jar());
            s.append("| ").append(subject.name()).append(" | ").append(bytes).append(" | ")
                    .append(fmt("%.2f", bytes / 1e6)).append(" |\n");
        }
        ColdStarts.Subject list = subjects.stream().filter(x -> x.name().equals("list")).findFirst().orElseThrow();
        s.append("\nWhat the list function's jar carries, uncompressed (the others differ only in their own classes, but pdf, "
                + "which adds PDFBox and two fonts: docs/performance.md):\n\n");
        s.append("| library | KB |\n|---|---:|\n");
        Map<String, Long> contents = Sizes.contents(list.jar());
        long small = 0;
        int smallCount = 0;
        for (var e : contents.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).toList()) {
            if (e.getValue() >= 40 * 1024) {
                s.append("| ").append(e.getKey()).append(" | ").append(e.getValue() / 1024).append(" |\n");
            } else {
                small += e.getValue();
                smallCount++;
            }
        }
        s.append("| ").append(smallCount).append(" more, each under 40 KB | ").append(small / 1024).append(" |\n");
        List<String> absent = new ArrayList<>();
        Map<String, String> libraries = Map.of("Netty", "netty/", "Apache HTTP", "apache", "aws-crt", "awssdk/crt/",
                "eventstream", "eventstream/");
        for (var library : new TreeMap<>(libraries).entrySet()) {
            if (!Sizes.carries(list.jar(), library.getValue())) {
                absent.add(library.getKey());
            }
        }
        s.append("\nAbsent: ").append(absent.isEmpty() ? "–" : String.join(", ", absent))
                .append(". Present but never loaded by these functions: ")
                .append(!absent.contains("eventstream")
                        ? "eventstream (a dependency of the SDK's auth module), " : "")
                .append("the SDK's async and waiter classes. Classes load on demand, so unused ones cost upload "
                        + "bytes, not init time; the GetItem baseline carries the same SDK modules.\n\n");
    }

    /** Pooled targets of the paired comparison: total ÷ GetItem, the median over every pair of every variant. */
    private static final Map<String, Double> COLD_TARGETS = Map.of("list", 1.05, "get", 1.05, "void", 1.12,
            "regenerate", 1.12);

    void coldStarts(Map<String, List<ColdStarts.Sample>> samples, int runs) {
        StringBuilder s = section("cold");
        List<String> variants = Benchmarks.VARIANT_ORDER;
        s.append("## Cold start\n\nA fresh JVM per start: the runtime interface client as main class, the function's "
                + "jar unpacked into the task root as Lambda unpacks it into /var/task (loaded by the client's "
                + "customer class loader), fetching one event of `events/` from the stand-in Runtime API. `init` is "
                + "JVM launch → first `/invocation/next`; `total` is launch → response posted; `invoke` is their "
                + "difference. Four JVM variants: JVM defaults; C1 only (`-XX:TieredStopAtLevel=1`, what Lambda's "
                + "`java25` runtime sets without SnapStart); each also pinned with `taskset -c 0` (one CPU, about "
                + "what a 1,769 MB function gets). ").append(runs).append(" starts per function and variant, every "
                + "case interleaved run by run, so the i-th start of a function and the i-th of the GetItem "
                + "baseline under the same variant ran side by side: they make a pair.\n\n");
        s.append("| function | init ms | invoke ms | total ms |");
        variants.forEach(v -> s.append(" ÷ GetItem, ").append(Benchmarks.VARIANTS.get(v)).append(" |"));
        s.append(" ÷ GetItem, pooled |\n|---|---:|---:|---:|");
        variants.forEach(v -> s.append("---:|"));
        s.append("---:|\n");
        List<String> names = samples.keySet().stream().map(label -> label.substring(0, label.indexOf('|')))
                .distinct().toList();
        for (String name : names) {
            List<ColdStarts.Sample> free = samples.get(name + "|default");
            s.append("| ").append(label(name)).append(" | ").append(init(free).medianSpread("%.0f")).append(" | ")
                    .append(invoke(free).medianSpread("%.0f")).append(" | ")
                    .append(total(free).medianSpread("%.0f")).append(" |");
            for (String variant : variants) {
                s.append(" ").append(fmt("%.2f", Stats.of(pairs(samples, name, List.of(variant), Pair::ratio))
                        .median())).append(" |");
            }
            s.append(" ").append(fmt("%.2f", Stats.of(pairs(samples, name, variants, Pair::ratio)).median()))
                    .append(" |\n");
        }
        s.append("\nThe ratios are medians of the per-pair ratios (total of the function's start ÷ total of the "
                + "baseline's start beside it); pooled is over all ").append(runs * variants.size())
                .append(" pairs of the four variants.\n\n");
        s.append("### Paired differences from the GetItem baseline\n\nFunction − baseline, start by start, in ms: "
                + "where the difference lies, init or the first invoke. Median (p10–p90) of the pairs.\n\n");
        s.append("| function | variant | init Δ ms | invoke Δ ms | total Δ ms | total ÷ GetItem |\n");
        s.append("|---|---|---:|---:|---:|---:|\n");
        for (String name : names) {
            if (name.equals("constant") || name.equals("getitem")) {
                continue;
            }
            List<List<String>> groups = new ArrayList<>();
            variants.forEach(v -> groups.add(List.of(v)));
            groups.add(variants);
            for (List<String> group : groups) {
                String variant = group.size() == 1 ? Benchmarks.VARIANTS.get(group.getFirst()) : "**pooled**";
                s.append("| ").append(name).append(" | ").append(variant).append(" | ")
                        .append(Stats.of(pairs(samples, name, group, Pair::initDelta)).medianSpread("%+.0f"))
                        .append(" | ")
                        .append(Stats.of(pairs(samples, name, group, Pair::invokeDelta)).medianSpread("%+.0f"))
                        .append(" | ")
                        .append(Stats.of(pairs(samples, name, group, Pair::totalDelta)).medianSpread("%+.0f"))
                        .append(" | ")
                        .append(Stats.of(pairs(samples, name, group, Pair::ratio)).medianSpread("%.2f"))
                        .append(" |\n");
            }
            Double target = COLD_TARGETS.get(name);
            if (target != null) {
                double pooled = Stats.of(pairs(samples, name, variants, Pair::ratio)).median();
                targets.add(new String[] {"cold start of " + name + " ≤ " + fmt("%.2f", target)
                        + "× the GetItem baseline, paired, pooled over the four JVM variants",
                        fmt("%.2f×", pooled) + " (init " + fmt("%+.0f", Stats.of(pairs(samples, name, variants,
                                Pair::initDelta)).median()) + " ms, invoke " + fmt("%+.0f", Stats.of(pairs(samples,
                                name, variants, Pair::invokeDelta)).median()) + " ms)",
                        pooled <= target ? "yes" : "no"});
            }
        }
        s.append("\nWhere a target is missed, the pooled differences above say where the time goes: init (the "
                + "function's construction) or the first invoke; \"Where the first invoke goes\" below breaks the "
                + "first invoke down by what it loads, and docs/performance.md names the causes.\n\n");
    }

    /** A function's start and the baseline's start beside it. */
    private record Pair(ColdStarts.Sample function, ColdStarts.Sample baseline) {
        double ratio() {
            return function.totalMs() / baseline.totalMs();
        }

        double initDelta() {
            return function.initMs() - baseline.initMs();
        }

        double invokeDelta() {
            return function.invokeMs() - baseline.invokeMs();
        }

        double totalDelta() {
            return function.totalMs() - baseline.totalMs();
        }
    }

    private static List<Double> pairs(Map<String, List<ColdStarts.Sample>> samples, String name,
                                      List<String> variants, ToDoubleFunction<Pair> measure) {
        return pairs(samples, name, "getitem", variants, measure);
    }

    private static List<Double> pairs(Map<String, List<ColdStarts.Sample>> samples, String name, String baselineName,
                                      List<String> variants, ToDoubleFunction<Pair> measure) {
        List<Double> values = new ArrayList<>();
        for (String variant : variants) {
            List<ColdStarts.Sample> function = samples.get(name + "|" + variant);
            List<ColdStarts.Sample> baseline = samples.get(baselineName + "|" + variant);
            for (int i = 0; i < function.size(); i++) {
                values.add(measure.applyAsDouble(new Pair(function.get(i), baseline.get(i))));
            }
        }
        return values;
    }

    /** Each function as built now against its jar from an earlier build, paired start by start. */
    void compare(List<String> names, Map<String, List<ColdStarts.Sample>> samples, int runs, String before) {
        StringBuilder s = section("compare");
        List<String> variants = Benchmarks.VARIANT_ORDER;
        s.append("### Before and after\n\nEach function's jar as built now against the same function built from ")
                .append(before).append(", with the GetItem baseline, all interleaved under the four variants (")
                .append(runs).append(" starts each): now − before, start by start, pooled over the ")
                .append(runs * variants.size()).append(" pairs. Median (p10–p90).\n\n");
        s.append("| function | init Δ ms | invoke Δ ms | total Δ ms | now ÷ before | before ÷ GetItem | now ÷ GetItem |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (String name : names) {
            String old = name + " before";
            s.append("| ").append(name).append(" | ")
                    .append(Stats.of(pairs(samples, name, old, variants, Pair::initDelta)).medianSpread("%+.0f"))
                    .append(" | ")
                    .append(Stats.of(pairs(samples, name, old, variants, Pair::invokeDelta)).medianSpread("%+.0f"))
                    .append(" | ")
                    .append(Stats.of(pairs(samples, name, old, variants, Pair::totalDelta)).medianSpread("%+.0f"))
                    .append(" | ")
                    .append(fmt("%.3f", Stats.of(pairs(samples, name, old, variants, Pair::ratio)).median()))
                    .append(" | ")
                    .append(fmt("%.2f", Stats.of(pairs(samples, old, variants, Pair::ratio)).median()))
                    .append(" | ")
                    .append(fmt("%.2f", Stats.of(pairs(samples, name, variants, Pair::ratio)).median()))
                    .append(" |\n");
        }
        s.append("\n");
    }

    /** One function's first invoke unprimed and after priming in init, and the priming line it logged. */
    record Primed(FirstInvoke.Breakdown unprimed, FirstInvoke.Breakdown primed, String primingLine) {
    }

    void priming(Map<String, Primed> results, int starts) {
        StringBuilder s = section("priming");
        s.append("### Priming: the success path, per function\n\nEach function started ").append(starts)
                .append(" times unprimed and ").append(starts).append(" times with "
                + "`AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency`, under which the handler primes in "
                + "init: the work it does before a SnapStart snapshot. Priming sends synthetic events through a "
                + "second handler whose DynamoDB (or EventBridge) client answers as a successful call is answered, "
                + "without a network; the function logs one `priming` line with each synthetic request's status, "
                + "quoted here from the start's own log. Then the real first request: its classes and ms counted "
                + "as in the first-invoke breakdown (the event held back ").append(FirstInvoke.HOLD_MS)
                .append(" ms). Medians.\n\n");
        s.append("| function | priming's requests → status (its ms) | first invoke unprimed: ms, classes | after "
                + "priming: ms, classes |\n|---|---|---:|---:|\n");
        for (var entry : results.entrySet()) {
            Primed primed = entry.getValue();
            Map<String, Object> line = Json.readObject(primed.primingLine());
            StringBuilder requests = new StringBuilder();
            if (line.get("requests") instanceof List<?> list) {
                for (Object item : list) {
                    Map<?, ?> request = (Map<?, ?>) item;
                    if (!requests.isEmpty()) {
                        requests.append(", ");
                    }
                    requests.append('`').append(request.get("event")).append("` → ")
                            .append(request.containsKey("status") ? request.get("status")
                                    : request.get("batch_item_failures") + " batch item failures");
                }
            } else {
                requests.append("failed: ").append(line.get("error"));
            }
            s.append("| ").append(entry.getKey()).append(" | ").append(requests).append(" (")
                    .append(line.get("duration_ms")).append(" ms) | ")
                    .append(fmt("%.0f", primed.unprimed().invokeMs())).append(", ")
                    .append(fmt("%.0f", primed.unprimed().classes())).append(" | ")
                    .append(fmt("%.0f", primed.primed().invokeMs())).append(", ")
                    .append(fmt("%.0f", primed.primed().classes())).append(" |\n");
        }
        s.append("\n");
    }

    /** Where each function's first invoke goes, against the GetItem baseline's: classes and ms by group. */
    void firstInvoke(Map<String, FirstInvoke.Breakdown> breakdowns, int starts) {
        StringBuilder s = section("firstinvoke");
        s.append("### Where the first invoke goes\n\nOne more set of starts per function (").append(starts)
                .append(", JVM defaults, medians), each with `-Xlog:class+load` stamped with the JVM's uptime, and "
                + "the stand-in Runtime API holding the event back for ").append(FirstInvoke.HOLD_MS)
                .append(" ms: the log's gap marks where init ends, and the classes loaded after it, until the "
                + "answer, are the first invoke's. The time from one class load to the next is charged to the class "
                + "loaded at its end (the code that ran up to needing it, and its loading); what is left after the "
                + "last load is execution with every class in place, the engine's round trips included. Each cell: "
                + "classes / ms. The hold lets the JIT's background work of init finish before the invoke, so these "
                + "invokes are somewhat shorter than the paired ones.\n\n");
        s.append("| first invoke | ").append(String.join(" | ", breakdowns.keySet().stream().map(Report::label)
                .toList())).append(" |\n|---|");
        breakdowns.keySet().forEach(name -> s.append("---:|"));
        s.append("\n");
        for (String group : FirstInvoke.GROUPS) {
            if (breakdowns.values().stream().allMatch(b -> b.shares().get(group).classes() == 0)) {
                continue;
            }
            s.append("| ").append(group).append(" |");
            breakdowns.values().forEach(b -> {
                FirstInvoke.Share share = b.shares().get(group);
                s.append(" ").append(fmt("%.0f", share.classes())).append(" / ").append(fmt("%.0f", share.ms()))
                        .append(" |");
            });
            s.append("\n");
        }
        s.append("| **classes loaded, ms charged to them** |");
        breakdowns.values().forEach(b -> s.append(" **").append(fmt("%.0f", b.classes())).append(" / ")
                .append(fmt("%.0f", b.chargedMs())).append("** |"));
        s.append("\n| after the last class load (execution, round trips) |");
        breakdowns.values().forEach(b -> s.append(" ").append(fmt("%.0f", b.afterLastLoadMs())).append(" |"));
        s.append("\n| **invoke ms** |");
        breakdowns.values().forEach(b -> s.append(" **").append(fmt("%.0f", b.invokeMs())).append("** |"));
        s.append("\n\n");
    }

    /** Classes loaded in one cold start, by origin, per subject: what a function loads beyond the GetItem baseline. */
    void classLoads(Map<String, Map<String, Integer>> classes) {
        StringBuilder s = section("classes");
        s.append("### Classes loaded in one cold start\n\nCounted with `-Xlog:class+load` in one extra start each, "
                + "launch to answer. The difference from the GetItem baseline is the work that stands between a "
                + "function and the baseline's cold start.\n\n");
        List<String> groups = classes.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
        s.append("| classes from | ").append(String.join(" | ", classes.keySet())).append(" |\n|---|");
        classes.keySet().forEach(name -> s.append("---:|"));
        s.append("\n");
        for (String group : groups) {
            s.append("| ").append(group).append(" |");
            classes.values().forEach(m -> s.append(" ").append(m.getOrDefault(group, 0)).append(" |"));
            s.append("\n");
        }
        s.append("| **all** |");
        classes.values().forEach(m -> s.append(" **").append(m.values().stream().mapToInt(Integer::intValue).sum())
                .append("** |"));
        s.append("\n\n");
    }

    void levers(List<String> names, Map<String, List<ColdStarts.Sample>> samples, int runs) {
        StringBuilder s = section("levers");
        s.append("## Cold-start levers\n\nThe same rig, one batch (").append(runs).append(" starts per row, "
                + "interleaved). Total ms = launch → response posted; ratios against the GetItem baseline under "
                + "the same lever.\n\n");
        s.append("- **none**: as the cold-start table.\n");
        s.append("- **C1 only**: `JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1`. Lambda's `java25` runtime starts the JVM "
                + "this way by default, except under SnapStart and provisioned concurrency (AWS Lambda developer "
                + "guide, Java customization): this row is the closest to an on-demand cold start there.\n");
        s.append("- **AOT cache, task root**: a JDK 25 AOT cache (`-XX:AOTCacheOutput` in one training start, then "
                + "`-XX:AOTCache`), the function loaded from the task root as the managed runtime loads it. The "
                + "cache then holds the JDK's and the runtime client's classes only: JDK 25 caches no class of a "
                + "custom class loader.\n");
        s.append("- **AOT cache, classpath**: the same with the function jar on the JVM's classpath, as a custom "
                + "runtime (`provided.al2023` with its own `bootstrap`) can start it: the function's classes are "
                + "cached too.\n");
        s.append("- **AOT + C1**: both.\n");
        s.append("- **primed in init**: `AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency`, so the handler "
                + "runs its priming (the SnapStart `beforeCheckpoint` work) in its constructor. Its `invoke` column "
                + "is what the first request pays after a SnapStart restore, restore itself not included.\n\n");
        for (String name : names) {
            List<ColdStarts.Sample> c1 = samples.get(name + "|c1");
            if (!name.equals("getitem") && c1 != null) {
                double ratio = total(c1).median() / total(samples.get("getitem|c1")).median();
                targets.add(new String[] {"cold start of " + name + " ≤ 1.1× the GetItem baseline, both C1 only (the "
                        + "java25 managed runtime's default without SnapStart)", fmt("%.2f×", ratio),
                        ratio <= 1.1 ? "yes" : "no"});
            }
        }
        s.append("| function | lever | init ms | invoke ms | total ms | Δ total vs none | total ÷ GetItem |\n");
        s.append("|---|---|---:|---:|---:|---:|---:|\n");
        Map<String, String> levers = new LinkedHashMap<>();
        levers.put("none", "none");
        levers.put("c1", "C1 only");
        levers.put("aot", "AOT cache, task root");
        levers.put("aotcp", "AOT cache, classpath");
        levers.put("aotcp+c1", "AOT cache, classpath + C1");
        levers.put("primed", "primed in init");
        for (String name : names) {
            double none = total(samples.get(name + "|none")).median();
            for (var lever : levers.entrySet()) {
                List<ColdStarts.Sample> sample = samples.get(name + "|" + lever.getKey());
                if (sample == null) {
                    continue;
                }
                Stats total = total(sample);
                List<ColdStarts.Sample> baseline = samples.get("getitem|" + lever.getKey());
                String ratio = baseline == null ? "–" : fmt("%.2f", total.median() / total(baseline).median());
                s.append("| ").append(label(name)).append(" | ").append(lever.getValue()).append(" | ")
                        .append(init(sample).medianSpread("%.0f")).append(" | ")
                        .append(invoke(sample).medianSpread("%.0f")).append(" | ")
                        .append(total.medianSpread("%.0f")).append(" | ")
                        .append(fmt("%+.0f", total.median() - none)).append(" | ")
                        .append(ratio).append(" |\n");
            }
        }
        s.append("\n");
    }

    void warm(List<Warm.Result> results) {
        StringBuilder s = section("warm");
        s.append("## Warm\n\nOne JVM, the handlers built as Lambda builds them (`DynamoDbClients`: URLConnection "
                + "client, same timeouts and retries) and invoked through `handleRequest` with the event's bytes; "
                + "only that call is timed. ").append(results.getFirst().handler().count())
                .append(" timed invocations per row after a warm-up. For list and get the raw DynamoDB call that "
                        + "does the same work runs right after each invocation on the same client; *overhead* is the "
                        + "median of the per-pair differences (handler − raw).\n\n");
        s.append("| function | what | DynamoDB requests | p50 ms | p99 ms | raw p50 ms | raw p99 ms | overhead p50 ms (p10–p90) |\n");
        s.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Warm.Result r : results) {
            s.append("| ").append(r.name()).append(" | ").append(r.what()).append(" | ").append(r.requests())
                    .append(" | ").append(fmt("%.2f", r.handler().median()))
                    .append(" | ").append(fmt("%.2f", r.handler().percentile(99)));
            if (r.raw() != null) {
                s.append(" | ").append(fmt("%.2f", r.raw().median()))
                        .append(" | ").append(fmt("%.2f", r.raw().percentile(99)))
                        .append(" | ").append(r.overhead().medianSpread("%.3f")).append(" |\n");
                if (r.what().startsWith("limit 25")) {
                    double overhead = r.overhead().median();
                    String where = r.what().contains("memory") ? "both answered from memory" : "on the local engine";
                    targets.add(new String[] {"warm overhead of a 25-invoice page < 1 ms over the raw Query ("
                            + where + ")",
                            fmt("%.3f ms", overhead) + " (handler p50 " + fmt("%.2f", r.handler().median())
                                    + ", raw p50 " + fmt("%.2f", r.raw().median()) + ")",
                            overhead < 1.0 ? "yes" : "no"});
                }
            } else {
                s.append(" | – | – | – |\n");
            }
        }
        s.append("\n");
    }

    void depth(List<Depth.Result> results) {
        StringBuilder s = section("depth");
        s.append("## Depth\n\nA customer with ").append(Depth.INVOICES).append(" invoices (3 in 4 FINALIZED, the rest "
                + "DRAFT). A page of ").append(Depth.PAGE).append(" through the list handler: the first page, and the "
                + "page starting at the ").append(Depth.DEPTH + 1).append("th matching invoice (its cursor found by "
                + "walking pages of 100). Requests are counted, and read capacity summed, by an interceptor that asks "
                + "each Query for `ReturnConsumedCapacity=TOTAL`. The two are timed alternately.\n\n");
        s.append("| sort | status | first page ms | deep page ms | deep ÷ first | Queries first / deep | RCU first / deep "
                + "| raw Query first / deep ms | raw deep ÷ first | handler − raw, first / deep ms |\n");
        s.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        boolean allMet = true;
        double worst = 0;
        for (Depth.Result r : results) {
            s.append("| ").append(r.sort()).append(" | ").append(r.status()).append(" | ")
                    .append(r.first().medianSpread("%.2f")).append(" | ")
                    .append(r.deep().medianSpread("%.2f")).append(" | ")
                    .append(fmt("%.2f", r.ratio())).append(" | ")
                    .append(r.firstRequests()).append(" / ").append(r.deepRequests()).append(" | ")
                    .append(fmt("%.1f", r.firstCapacity())).append(" / ").append(fmt("%.1f", r.deepCapacity()))
                    .append(" | ").append(r.rawFirst() == null ? "–" : fmt("%.2f", r.rawFirst().median()) + " / "
                            + fmt("%.2f", r.rawDeep().median()))
                    .append(" | ").append(r.rawFirst() == null ? "–"
                            : fmt("%.2f", r.rawDeep().median() / r.rawFirst().median()))
                    .append(" | ").append(r.rawFirst() == null ? "–"
                            : fmt("%.2f", r.first().median() - r.rawFirst().median()) + " / "
                            + fmt("%.2f", r.deep().median() - r.rawDeep().median()))
                    .append(" |\n");
            boolean oneStatus = !r.status().contains(",");
            worst = Math.max(worst, r.ratio());
            allMet &= r.ratio() <= 1.1 && r.deepRequests() == r.firstRequests() && (!oneStatus || r.deepRequests() == 1);
        }
        s.append("\nTwo statuses are two Queries (one per status partition, merged) at any depth, by design. The raw "
                + "columns time the bare Query (Limit 26) at the same two positions, its `ExclusiveStartKey` found "
                + "by walking the index with the raw client: they show how much of the difference between the "
                + "pages is the engine's own (every Query walks the whole table), and the last column what the handler "
                + "adds at each depth. DynamoDB's cost of a Query is the items it reads: the same "
                + "Limit at both depths, and one Query per status partition. (The local engine's RCU is a fixed "
                + "figure per request, not DynamoDB's.)\n\n");
        targets.add(new String[] {"a page 10,000 deep costs the first page's (≤ 1.1×, one Query per status)",
                "worst deep ÷ first " + fmt("%.2f", worst) + "; requests equal at every depth",
                allMet ? "yes" : "no"});
    }

    void scale(Scale.Result r) {
        StringBuilder s = section("scale");
        Scale.Measurement before = r.before();
        Scale.Measurement after = r.after();
        String small = fmt("%,.0f", r.small());
        String big = fmt("%,.0f", r.big());
        s.append("## Scale\n\nOne customer (`").append(Scale.CUSTOMER).append("`) grown from ").append(small)
                .append(" to ").append(big).append(" invoices among ").append(fmt("%,.0f", Scale.OTHER_CUSTOMERS))
                .append(" other customers of ").append(Scale.OTHER_INVOICES).append(" invoices each, in one table "
                        + "from template.yaml on the local engine. Its invoices start one every 30 minutes from "
                        + Scale.START.toString().substring(0, 10) + " (")
                .append(Scale.months(r.small())).append(" billing month")
                .append(Scale.months(r.small()) == 1 ? "" : "s")
                .append(" at ").append(small).append(", ")
                .append(Scale.months(r.big())).append(" at ").append(big).append(", each with about ")
                .append(fmt("%,.0f", 30 * 48.0)).append(" invoices), 85% FINALIZED, 10% DRAFT and 5% VOID; the "
                        + "other customers have one a month. The table is filled by the `import` command itself, in "
                        + "a JVM of its own: `java -Xmx").append(Scale.HEAP).append(" -Xlog:gc:file=… -jar "
                        + "local/server/target/invoices-local.jar import FILE --endpoint <the engine> --table "
                        + "<the table> --region us-east-1`, with JSONL files written by the service's own codec "
                        + "(`InvoiceJson`): first the customer's ").append(small).append(" invoices and the other "
                        + "customers', then, after the first measurement, its remaining ")
                .append(fmt("%,.0f", r.big() - r.small())).append(", later in time.\n\n");
        s.append("| import | invoices | file MB | wall s | written invoices/s | checked lines/s | heap limit | "
                + "largest heap after a GC | collections | completed |\n");
        s.append("|---|---:|---:|---:|---:|---:|---|---:|---:|---|\n");
        for (Scale.Import i : r.imports()) {
            s.append("| ").append(i.file()).append(" | ").append(fmt("%,.0f", i.invoices())).append(" | ")
                    .append(fmt("%.0f", i.bytes() / 1e6)).append(" | ").append(fmt("%.0f", i.wallSeconds()))
                    .append(" | ").append(i.writtenRate()).append(" | ")
                    .append(i.checkedRate() < 0 ? "–" : Integer.toString(i.checkedRate())).append(" | ")
                    .append(Scale.HEAP.replace("m", " MB")).append(" | ").append(fmt("%.0f MB", i.largestAfterGcMb()))
                    .append(" | ").append(i.collections()).append(" | ")
                    .append(i.completed() ? "yes: imported " + i.invoices() + ", unchanged 0, replaced 0" : "no")
                    .append(" |\n");
        }
        Scale.Import grown = r.imports().getLast();
        s.append("\nThe second import wrote ").append(fmt("%,.0f", grown.invoices())).append(" invoices in ")
                .append(fmt("%.0f", grown.wallSeconds())).append(" s from the command to its exit (")
                .append(grown.writtenRate()).append(" invoices/s in its write pass, the engine's rate: one "
                        + "transaction of 50 at a time) into a table that already held ")
                .append(fmt("%,.0f", before.tableInvoices())).append(" invoices, and its heap never held more "
                        + "than ").append(fmt("%.0f MB", grown.largestAfterGcMb())).append(" after a collection, "
                        + "of the ").append(Scale.HEAP.replace("m", " MB")).append(" it was given.\n\n");

        s.append("Each measurement goes through the list handler's entry point (its DynamoDB client as Lambda "
                + "builds it but for timeouts of minutes: at this size one Query takes the engine seconds, past "
                + "the function's 3 s an attempt) with the event JSON of `events/` "
                + "(`list-invoices.json` for pages of ").append(Scale.PAGE).append(", `list-invoices-fastly.json` "
                + "for Fastly's total, with `limit=").append(Scale.PAGE).append("`), ").append(r.iterations())
                .append(" timed calls each, every case in turn, each followed by the bare Query the handler's page "
                        + "makes (raw client, same index, key range, order, start key and `Limit` ")
                .append(Scale.PAGE + 1).append("). A deep page's cursor is not found by walking: the rig knows the "
                        + "order it seeded, so it seals the position of the invoice before the page (its `pk` and "
                        + "`period_key`, what the service puts in `next_page`) with the service's `CursorCodec` and "
                        + "the binding of the same query (`ListQuery.cursorBinding`), and checks that the handler's "
                        + "page starts with the invoice expected there, and that each `meta.total` is the number "
                        + "seeded in its range; it stops otherwise. Items read is the sum of the Queries' "
                        + "`ScannedCount`, what DynamoDB charges a Query for; RCU is the engine's figure.\n\n");

        s.append("| sort | page starts at invoice | ms at ").append(small).append(" | ms at ").append(big)
                .append(" | ÷ | Queries | items read | RCU | raw Query ms at ").append(small).append(" / ")
                .append(big).append(" | raw ÷ |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        boolean pagesFlat = true;
        List<Double> handlerRatios = new ArrayList<>();
        List<Double> rawRatios = new ArrayList<>();
        for (int i = 0; i < before.pages().size(); i++) {
            Scale.Page a = before.pages().get(i);
            Scale.Page b = after.pages().get(i);
            boolean flat = a.requests().equals(b.requests()) && a.scanned().equals(b.scanned());
            pagesFlat &= flat;
            double ratio = b.handler().median() / a.handler().median();
            double rawRatio = b.raw().median() / a.raw().median();
            handlerRatios.add(ratio);
            rawRatios.add(rawRatio);
            s.append("| ").append(a.sort()).append(" | ").append(fmt("%,.0f", a.depth())).append(" | ")
                    .append(a.handler().medianSpread("%.0f")).append(" | ").append(b.handler().medianSpread("%.0f"))
                    .append(" | ").append(fmt("%.1f", ratio)).append(" | ")
                    .append(pair(a.requests(), b.requests())).append(" | ").append(pair(a.scanned(), b.scanned()))
                    .append(" | ").append(pair(a.capacity(), b.capacity())).append(" | ")
                    .append(fmt("%.0f", a.raw().median())).append(" / ").append(fmt("%.0f", b.raw().median()))
                    .append(" | ").append(fmt("%.1f", rawRatio)).append(" |\n");
        }
        s.append("\n(A cell with one figure is the same at both sizes; *a / b* is at ").append(small).append(" / at ")
                .append(big).append(". The spread of ").append(r.iterations())
                .append(" calls is p10–p90 by nearest rank, close to min–max.)\n\n");

        s.append("| Fastly `meta.total` | billing dates | total at ").append(small).append(" / ").append(big)
                .append(" | ms at ").append(small).append(" | ms at ").append(big).append(" | ÷ | requests (Queries) "
                        + "| items read | bound | raw page Query ms | raw ÷ |\n");
        s.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        boolean totalsEqual = true;
        boolean totalsBounded = true;
        for (int i = 0; i < before.totals().size(); i++) {
            Scale.Total a = before.totals().get(i);
            Scale.Total b = after.totals().get(i);
            boolean equal = a.requests().equals(b.requests()) && a.scanned().equals(b.scanned());
            boolean bounded = a.requests().equals(b.requests()) && a.from() != null
                    && maxOf(a.scanned()) <= a.edgeBound() && maxOf(b.scanned()) <= b.edgeBound();
            totalsEqual &= equal;
            totalsBounded &= equal || bounded;
            double ratio = b.handler().median() / a.handler().median();
            double rawRatio = b.raw().median() / a.raw().median();
            handlerRatios.add(ratio);
            rawRatios.add(rawRatio);
            s.append("| ").append(a.name()).append(" | ").append(dates(a)).append(a.from() == null || dates(a)
                            .equals(dates(b)) ? "" : " / " + dates(b)).append(" | ")
                    .append(a.total()).append(" / ").append(b.total()).append(" | ")
                    .append(a.handler().medianSpread("%.0f")).append(" | ").append(b.handler().medianSpread("%.0f"))
                    .append(" | ").append(fmt("%.1f", ratio)).append(" | ")
                    .append(pair(a.requests() + " (" + a.queries() + ")", b.requests() + " (" + b.queries() + ")"))
                    .append(" | ").append(pair(a.scanned(), b.scanned())).append(" | ")
                    .append(a.from() == null ? "–" : a.edgeBound() + " / " + b.edgeBound()).append(" | ")
                    .append(fmt("%.0f", a.raw().median())).append(" / ").append(fmt("%.0f", b.raw().median()))
                    .append(" | ").append(fmt("%.1f", rawRatio)).append(" |\n");
        }
        Scale.Total wholeBefore = before.totals().getLast();
        Scale.Total wholeAfter = after.totals().getLast();
        s.append("\nWithout dates the total is the customer's counter item (one GetItem, no Query) and the page one "
                + "Query. With dates, the counter item's billing months are summed, and only the two months the "
                + "range's edges cut through are counted by `Select=COUNT` Queries, so what they read is bounded "
                + "by two months' invoices, not by the range or the customer: *bound* is the two fullest months "
                + "plus the page's ").append(Scale.PAGE + 1).append(" items. The first range is the same at both "
                + "sizes; the second runs from the same start to the middle of the customer's last month, so it "
                + "spans ").append(Scale.months(wholeBefore.from(), wholeBefore.to()))
                .append(Scale.months(wholeBefore.from(), wholeBefore.to()) == 1 ? " month at " : " months at ")
                .append(small).append(" and ").append(Scale.months(wholeAfter.from(), wholeAfter.to())).append(" at ")
                .append(big).append(" (the counter item grows by "
                        + "one attribute a month, which DynamoDB charges by its size: 4 KB a read unit).\n\n");

        String pages = pagesFlat
                ? "**Flat**: every page reads the same at " + big + " invoices as at " + small + ", at every depth "
                        + "and in both orders (" + distinct(before.pages().stream().map(Scale.Page::requests).toList())
                        + " Query of " + distinct(before.pages().stream().map(Scale.Page::scanned).toList())
                        + " items: the page and the one that proves more follow)"
                : "**Not flat**: some pages read more at " + big + " invoices than at " + small + " (see the table)";
        String totals = totalsEqual
                ? "Fastly's `meta.total` is **flat** too: the same requests and items read at both sizes, with and "
                        + "without dates"
                : totalsBounded
                        ? "Fastly's `meta.total` is **bounded**: the same requests at both sizes, and items read "
                                + "within the two edge months and the page"
                        : "Fastly's `meta.total` is **not flat**: it reads more at " + big + " than at " + small
                                + " beyond the two edge months (see the table)";
        s.append(pages).append(". ").append(totals).append(".\n\n");
        s.append("The times are not flat, and are the engine's: the bare Query at the same position takes ")
                .append(spreadOf(rawRatios)).append("× as long at ").append(big).append(" as at ").append(small)
                .append(", and the handler ").append(spreadOf(handlerRatios)).append("×. moto keeps no index: "
                        + "every Query walks every item of the table, sorts the customer's and steps over those before "
                        + "the start key, so its time grows with the table and with the customer whatever the Limit "
                        + "and the depth. DynamoDB reads only the key range, from the start key on, so there the time "
                        + "follows the items read, which are the ones above.\n\n");
        targets.add(new String[] {"a page " + fmt("%,.0f", r.depths().getLast()) + " deep and Fastly's meta.total "
                + "read no more at " + big + " invoices than at " + small + " (dates: within two months and the page)",
                "pages " + (pagesFlat ? "equal" : "differ") + "; totals " + (totalsEqual ? "equal"
                        : totalsBounded ? "bounded" : "exceed the bound"),
                pagesFlat && totalsBounded ? "yes" : "no"});
    }

    private static String pair(String a, String b) {
        return a.equals(b) ? a : a + " / " + b;
    }

    private static int maxOf(String range) {
        String[] parts = range.split("–");
        return Integer.parseInt(parts[parts.length - 1]);
    }

    private static String distinct(List<String> values) {
        return String.join(" or ", new LinkedHashSet<>(values));
    }

    private static String spreadOf(List<Double> ratios) {
        double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return fmt("%.1f", min) + "–" + fmt("%.1f", max);
    }

    private static String dates(Scale.Total total) {
        return total.from() == null ? "–" : total.from().toString().substring(0, 10) + " → "
                + total.to().toString().substring(0, 10);
    }

    void schedule(List<Schedule.Pass> passes) {
        StringBuilder s = section("schedule");
        s.append("## Schedule\n\nThe scheduled draft refresh (`DraftRefresher`) over ").append(Schedule.DRAFTS)
                .append(" drafts of which 10% are stale, then a second pass with nothing stale, each repetition on a "
                        + "new table, in a JVM of its own started as `java ").append(Schedule.JVM_OPTIONS)
                .append("` (what the JVM picks by itself in a 1,024 MB function) with the regenerate function's jar. "
                        + "Peak heap: the heap pools' peak use during the pass, garbage included; live: after a full "
                        + "GC at the end.\n\n");
        s.append("| pass | runs | drafts/s | ms | Queries | writes | peak heap MB | live heap MB |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String pass : List.of("stale", "steady")) {
            List<Schedule.Pass> of = passes.stream().filter(p -> p.name().equals(pass)).toList();
            s.append("| ").append(pass.equals("stale") ? "10% stale" : "nothing stale").append(" | ").append(of.size())
                    .append(" | ").append(Stats.of(of.stream().map(Schedule.Pass::rate).toList()).medianSpread("%.0f").replace("p10–p90", "min–max"))
                    .append(" | ").append(Stats.of(of.stream().map(p -> (double) p.millis()).toList()).medianSpread("%.0f"))
                    .append(" | ").append(of.getFirst().pages())
                    .append(" | ").append(of.getFirst().writes())
                    .append(" | ").append(Stats.of(of.stream().map(p -> p.peakHeap() / 1048576.0).toList()).medianSpread("%.0f"))
                    .append(" | ").append(Stats.of(of.stream().map(p -> p.liveHeap() / 1048576.0).toList()).medianSpread("%.0f"))
                    .append(" |\n");
        }
        s.append("\nWith ").append(passes.size() / 2).append(" runs, p10–p90 is min–max.\n\n");
    }

    void events(Map<String, List<ColdStarts.Sample>> samples, int runs, List<EventsThroughput.Pass> passes,
                int coldStartCalls) {
        StringBuilder s = section("events");
        s.append("## Events\n\nThe publisher (`PublishEventsHandler`). Cold start: as in the cold-start section, its "
                + "jar in the task root, with `events/dynamodb-stream-invoice-voided.json` (one stream record) from "
                + "the stand-in Runtime API, sending its event with its own SDK client to a loopback `LocalEventBus`; "
                + "interleaved with the GetItem baseline, ").append(runs).append(" starts per row.\n\n");
        s.append("| function | init ms | invoke ms | total ms | total ÷ GetItem |\n|---|---:|---:|---:|---:|\n");
        for (String suffix : List.of("", " pinned")) {
            double base = total(samples.get("getitem" + suffix)).median();
            for (String name : List.of("getitem", "publish-events")) {
                List<ColdStarts.Sample> of = samples.get(name + suffix);
                Stats total = total(of);
                s.append("| ").append(label(name)).append(suffix).append(" | ")
                        .append(init(of).medianSpread("%.0f")).append(" | ")
                        .append(invoke(of).medianSpread("%.0f")).append(" | ")
                        .append(total.medianSpread("%.0f")).append(" | ")
                        .append(fmt("%.2f", total.median() / base)).append(" |\n");
            }
        }
        s.append("\nThe bus took ").append(coldStartCalls).append(" `PutEvents` calls from the publisher's ")
                .append(2 * (runs + 1)).append(" starts (a discarded round included): one each.\n");
        s.append("\nThroughput on the local engine, end to end as `serve` runs it: `StreamPump` reads the stream in "
                + "batches of ").append(EventsThroughput.BATCH_SIZE).append(" (the template's `BatchSize`), the "
                + "handler's entry point publishes, its SDK client sends to `LocalEventBus` (one entry per invoice per "
                + "call, 10 a call), one JVM, after ").append(EventsThroughput.INVOICES).append(" inserts and then "
                + "as many voids. The engine (Python, one request at a time) is most of the time: in AWS, a shard's "
                + "batches go one at a time too, and `ParallelizationFactor` or more shards would multiply it.\n\n");
        s.append("| records | events | batches | PutEvents calls | ms | events/s |\n|---|---:|---:|---:|---:|---:|\n");
        for (EventsThroughput.Pass pass : passes) {
            s.append("| ").append(pass.name()).append(" (").append(pass.records()).append(") | ").append(pass.events())
                    .append(" | ").append(pass.batches()).append(" | ").append(pass.calls()).append(" | ")
                    .append(pass.millis()).append(" | ").append(fmt("%.0f", pass.rate())).append(" |\n");
        }
        s.append("\n");
    }

    void serve(List<Double> fresh, List<Double> restart) {
        StringBuilder s = section("serve");
        s.append("## Local\n\n`java -jar local/server/target/invoices-local.jar serve`, from the command to the first `200` "
                + "of `GET /v1/customers/acme-corp/invoices?limit=1` (polled every 10 ms).\n\n");
        s.append("| command | runs | ms |\n|---|---:|---:|\n");
        s.append("| `serve --in-memory --seed 200` (new store, seeded) | ").append(fresh.size()).append(" | ")
                .append(Stats.of(fresh).medianSpread("%.0f")).append(" |\n");
        s.append("| `serve --data DIR --seed 200` (restart on existing data) | ").append(restart.size()).append(" | ")
                .append(Stats.of(restart).medianSpread("%.0f")).append(" |\n\n");
    }

    String render() {
        StringBuilder out = new StringBuilder();
        if (!targets.isEmpty()) {
            StringBuilder t = section("targets");
            t.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
            targets.forEach(row -> t.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ")
                    .append(row[2]).append(" |\n"));
            t.append("\n");
        }
        method();
        for (String name : ORDER) {
            StringBuilder section = sections.get(name);
            if (section != null) {
                out.append(section);
            }
        }
        return out.toString().stripTrailing() + "\n";
    }

    private void method() {
        StringBuilder s = section("method");
        s.setLength(0);
        s.append("## How it is measured\n\n");
        s.append("- `bench/` is built only with `-Pbench` (never by `mvn verify`): `bench/runtime` copies the runtime "
                + "interface client and its dependencies, `bench/baseline-constant` and `bench/baseline-getitem` are "
                + "the two baseline functions (each its own shaded jar; GetItem with the raw client, "
                + "`UrlConnectionHttpClient`, explicit region and `EnvironmentVariableCredentialsProvider`), "
                + "`bench/rig` runs everything and writes this file.\n");
        s.append("- Cold starts: the child JVM gets `TABLE_NAME`, `AWS_ENDPOINT_URL_DYNAMODB` (the local engine), "
                + "`AWS_REGION`, dummy `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, `CURSOR_SECRET`, "
                + "`AUTHORIZATION=off`, and no JVM options but those of the lever. Before each start the invoice its "
                + "event names is put back in the state the event needs (void: FINALIZED, regenerate: VOID), and "
                + "void/regenerate get a new `Idempotency-Key`, so each start does the full work. After the "
                + "response the JVM gets SIGTERM.\n");
        s.append("- The local engine on loopback is not DynamoDB: it answers one request at a time, walks the "
                + "whole table for every Query, never throttles, and reports a fixed capacity per request (1.0 "
                + "for a Query) rather than DynamoDB's size-based one. Request counts are exact; the RCU column "
                + "is the engine's figure; times are this machine's.\n");
        s.append("- Not measurable here: a SnapStart restore (no CRaC-capable JVM on this machine), Lambda's own "
                + "sandbox and network. The AOT cache is specific to the JVM build that wrote it (here Temurin; "
                + "Lambda's `java25` is Amazon Corretto): see docs/performance.md for how it would be produced for Lambda.\n");
    }

    private static Stats total(List<ColdStarts.Sample> samples) {
        return Stats.of(samples.stream().map(ColdStarts.Sample::totalMs).toList());
    }

    private static Stats init(List<ColdStarts.Sample> samples) {
        return Stats.of(samples.stream().map(ColdStarts.Sample::initMs).toList());
    }

    private static Stats invoke(List<ColdStarts.Sample> samples) {
        return Stats.of(samples.stream().map(ColdStarts.Sample::invokeMs).toList());
    }

    private static String label(String name) {
        return switch (name) {
            case "constant" -> "baseline: constant";
            case "getitem" -> "baseline: GetItem";
            default -> name;
        };
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> fmt("%.1f GB", Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0))
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
