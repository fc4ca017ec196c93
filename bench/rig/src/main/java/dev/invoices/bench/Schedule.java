package dev.invoices.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The scheduled refresh at 10,000 drafts (10% stale), each repetition on a new table, in a JVM sized as the JVM
 * sizes itself in a 1,024 MB function (Serial GC, heap at most a quarter of memory).
 */
final class Schedule {
    static final int DRAFTS = 10_000;
    static final String JVM_OPTIONS = "-XX:+UseSerialGC -Xmx256m";

    record Pass(String name, int scanned, long millis, int pages, int writes, long peakHeap, long liveHeap) {
        double rate() {
            return scanned * 1000.0 / Math.max(1, millis);
        }
    }

    private final Seed seed;
    private final String classpath;
    private final Map<String, String> environment;

    Schedule(Seed seed, Path regenerateJar, Path rigClasses, Map<String, String> environment) {
        this.seed = seed;
        this.classpath = regenerateJar + ":" + rigClasses;
        this.environment = environment;
    }

    List<Pass> run(int repetitions) {
        List<Pass> passes = new ArrayList<>();
        for (int i = 1; i <= repetitions; i++) {
            String table = seed.createTable("drafts-" + i);
            seed.staleDrafts(table, DRAFTS);
            passes.addAll(pass(table));
        }
        return passes;
    }

    private List<Pass> pass(String table) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(JVM_OPTIONS.split(" ")));
        command.addAll(List.of("-cp", classpath, SchedulePass.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("JAVA_TOOL"));
        builder.environment().putAll(environment);
        builder.environment().put("TABLE_NAME", table);
        List<Pass> passes = new ArrayList<>();
        List<String> output = new ArrayList<>();
        try {
            Process process = builder.start();
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    if (line.startsWith("SCHEDULE ")) {
                        String[] f = line.split(" ");
                        passes.add(new Pass(f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]),
                                Integer.parseInt(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7])));
                    }
                }
            }
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || passes.size() != 2) {
                throw new IllegalStateException("the schedule pass failed:\n" + String.join("\n", output));
            }
            return passes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
