package dev.invoices.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a function's first invoke goes, from a class-load log with uptime stamps. The stand-in Runtime API holds
 * the event back for {@value #HOLD_MS} ms, so the log shows a gap where init ends and the invoke begins; every
 * class loaded between that gap and the answer belongs to the first invoke. The time from one class load to the
 * next is charged to the class loaded at its end (the code that ran up to needing it, and its loading); what is
 * left of the invoke after the last class load is execution with every class in place, the engine's round trips
 * included.
 */
final class FirstInvoke {
    static final long HOLD_MS = 250;

    /** What one group of classes cost in the first invoke: how many loaded, and the ms charged to them. */
    record Share(double classes, double ms) {
    }

    /**
     * One function's first invoke, medians over the starts: its length (the hold left out), the shares by group,
     * and the time after the last class load.
     */
    record Breakdown(double invokeMs, double classes, Map<String, Share> shares, double afterLastLoadMs) {
        double chargedMs() {
            return shares.values().stream().mapToDouble(Share::ms).sum();
        }
    }

    /** The groups, in the order the report lists them: what kind of work loading such a class stands for. */
    static final List<String> GROUPS = List.of(
            "ours (dev.invoices)",
            "jackson-core (our JSON reading and writing)",
            "SDK: DynamoDB requests, responses and marshallers",
            "SDK: JSON protocol",
            "SDK: HTTP client, signing, identity, endpoints",
            "SDK: core and the rest",
            "Lambda runtime client",
            "JDK: crypto and security",
            "JDK: networking",
            "JDK: other",
            "other libraries");

    static String group(String className) {
        if (className.startsWith("dev.invoices.")) {
            return GROUPS.get(0);
        }
        if (className.startsWith("com.fasterxml.jackson.")) {
            return GROUPS.get(1);
        }
        if (className.startsWith("software.amazon.awssdk.services.dynamodb.")) {
            return GROUPS.get(2);
        }
        if (className.startsWith("software.amazon.awssdk.protocols.")
                || className.startsWith("software.amazon.awssdk.thirdparty.jackson.")) {
            return GROUPS.get(3);
        }
        for (String prefix : List.of("http", "auth", "identity", "endpoints", "regions", "checksums", "retries")) {
            if (className.startsWith("software.amazon.awssdk." + prefix + ".")) {
                return GROUPS.get(4);
            }
        }
        if (className.startsWith("software.amazon.awssdk.")) {
            return GROUPS.get(5);
        }
        if (className.startsWith("com.amazonaws.")) {
            return GROUPS.get(6);
        }
        if (className.startsWith("javax.crypto.") || className.startsWith("com.sun.crypto.")
                || className.startsWith("sun.security.") || className.startsWith("java.security.")) {
            return GROUPS.get(7);
        }
        if (className.startsWith("java.net.") || className.startsWith("sun.net.")
                || className.startsWith("jdk.internal.net.") || className.startsWith("javax.net.")
                || className.startsWith("sun.nio.ch.")) {
            return GROUPS.get(8);
        }
        if (className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.")) {
            return GROUPS.get(9);
        }
        return GROUPS.get(10);
    }

    private final ColdStarts cold;
    private final Path work;

    FirstInvoke(ColdStarts cold, Path work) {
        this.cold = cold;
        this.work = work;
    }

    /** {@code starts} logged cold starts of the subject, each read into shares; their medians. */
    Breakdown measure(ColdStarts.Subject subject, ColdStarts.Config config, int starts) {
        return measure(subject, config, starts, "first-invoke-" + subject.name());
    }

    /** The same, the function's own output appended to {@code <work>/<output>.log}. */
    Breakdown measure(ColdStarts.Subject subject, ColdStarts.Config config, int starts, String output) {
        List<Breakdown> each = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            Path log = work.resolve("classes-" + output + "-" + i + ".log");
            ColdStarts.Sample sample = cold.once(subject, config,
                    "-Xlog:class+load=info:file=" + log + ":uptimenanos", output, HOLD_MS);
            each.add(read(log, sample.invokeMs()));
        }
        Map<String, Share> shares = new LinkedHashMap<>();
        for (String group : GROUPS) {
            shares.put(group, new Share(
                    median(each.stream().map(b -> b.shares().get(group).classes()).toList()),
                    median(each.stream().map(b -> b.shares().get(group).ms()).toList())));
        }
        return new Breakdown(median(each.stream().map(Breakdown::invokeMs).toList()),
                median(each.stream().map(Breakdown::classes).toList()), shares,
                median(each.stream().map(Breakdown::afterLastLoadMs).toList()));
    }

    /** One start's log: the loads after the hold's gap and before the answer, charged by group. */
    static Breakdown read(Path log, double invokeMs) {
        List<long[]> stamps = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (var lines = Files.lines(log)) {
            lines.forEach(line -> {
                int close = line.indexOf("ns] ");
                int space = close < 0 ? -1 : line.indexOf(' ', close + 4);
                if (!line.startsWith("[") || space < 0) {
                    return;
                }
                stamps.add(new long[] {Long.parseLong(line.substring(1, close))});
                names.add(line.substring(close + 4, space));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int first = -1;
        for (int i = 1; i < stamps.size(); i++) {
            if (stamps.get(i)[0] - stamps.get(i - 1)[0] >= HOLD_MS * 800_000L) {
                first = i;
            }
        }
        if (first < 0) {
            throw new IllegalStateException("no gap of the hold in " + log);
        }
        long start = stamps.get(first)[0];
        long answer = start + (long) (invokeMs * 1e6);
        Map<String, double[]> tally = new LinkedHashMap<>();
        GROUPS.forEach(group -> tally.put(group, new double[2]));
        long last = start;
        for (int i = first; i < stamps.size() && stamps.get(i)[0] <= answer; i++) {
            double[] t = tally.get(group(names.get(i)));
            t[0]++;
            if (i > first) {
                t[1] += (stamps.get(i)[0] - stamps.get(i - 1)[0]) / 1e6;
            }
            last = stamps.get(i)[0];
        }
        Map<String, Share> shares = new LinkedHashMap<>();
        tally.forEach((group, t) -> shares.put(group, new Share(t[0], t[1])));
        double classes = tally.values().stream().mapToDouble(t -> t[0]).sum();
        return new Breakdown(invokeMs, classes, shares, Math.max(0, invokeMs - (last - start) / 1e6));
    }

    private static double median(List<Double> values) {
        return Stats.of(values).median();
    }
}
