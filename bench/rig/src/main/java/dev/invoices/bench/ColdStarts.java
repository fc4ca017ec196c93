package dev.invoices.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Cold starts as Lambda does them: a fresh JVM whose classpath is the runtime interface client, the function's jar
 * unpacked into a task root (the JVM's working directory, like /var/task, loaded by the client's customer class
 * loader), asking the stand-in Runtime API for one event and posting the answer.
 */
final class ColdStarts {
    private static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** A function (or baseline) under test: its deployable jar, handler, and the event it is sent. */
    record Subject(String name, Path jar, String handler, Supplier<byte[]> event, Runnable reset) {
    }

    /**
     * How the JVM is started: pinned to CPU 0 or not, extra environment, and whether the function jar is also on
     * the system classpath (as a custom runtime could put it; the managed runtime loads it from the task root).
     */
    record Config(String name, boolean pinned, Map<String, String> env, boolean jarOnClasspath) {
    }

    /** One cold start, in ms from the JVM's launch: to the first /next (init) and to the posted answer. */
    record Sample(double initMs, double totalMs) {
        double invokeMs() {
            return totalMs - initMs;
        }
    }

    private final Path work;
    private final String runtimeClasspath;
    private final Map<String, String> environment;
    private final RuntimeApiStandIn api;
    private final String java;

    ColdStarts(Path work, String runtimeClasspath, Map<String, String> environment, RuntimeApiStandIn api) {
        this.work = work;
        this.runtimeClasspath = runtimeClasspath;
        this.environment = environment;
        this.api = api;
        this.java = ProcessHandle.current().info().command().orElse("java");
    }

    /** One way of starting one subject, under a label of the report. */
    record Case(String label, Subject subject, Config config, String toolOptions) {
    }

    /** {@code runs} cold starts of each case, interleaved so that a noisy moment hits them all alike. */
    Map<String, List<Sample>> measure(List<Case> cases, int runs) {
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        cases.forEach(c -> samples.put(c.label(), new ArrayList<>()));
        for (int run = 0; run < runs; run++) {
            for (Case c : cases) {
                samples.get(c.label()).add(once(c.subject(), c.config(), c.toolOptions(), c.config().name()));
            }
        }
        return samples;
    }

    /** One start with {@code -XX:AOTCacheOutput}: the training run that records and writes an AOT cache. */
    Path trainAotCache(Subject subject, Config config) {
        Path cache = work.resolve("aot").resolve(config.name() + "-" + subject.name() + ".aot");
        try {
            Files.createDirectories(cache.getParent());
            Files.deleteIfExists(cache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        once(subject, config, "-XX:AOTCacheOutput=" + cache, "train-" + config.name());
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("the training run wrote no AOT cache " + cache);
        }
        return cache;
    }

    /**
     * The classes one cold start loads (until the JVM is stopped after its answer), counted by where they come
     * from: {@code -Xlog:class+load} in one extra start.
     */
    Map<String, Integer> classLoads(Subject subject, Config config) {
        Path log = work.resolve("classes-" + subject.name() + ".log");
        once(subject, config, "-Xlog:class+load=info:file=" + log, "classes");
        Map<String, Integer> groups = new TreeMap<>();
        try (var lines = Files.lines(log)) {
            lines.forEach(line -> {
                int at = line.indexOf("] ");
                int space = line.indexOf(' ', at + 2);
                if (at < 0 || space < 0) {
                    return;
                }
                groups.merge(group(line.substring(at + 2, space)), 1, Integer::sum);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return groups;
    }

    private static String group(String className) {
        if (className.startsWith("dev.invoices.")) {
            return "ours (dev.invoices)";
        }
        if (className.startsWith("com.fasterxml.jackson.")) {
            return "jackson-core";
        }
        if (className.startsWith("software.amazon.awssdk.")) {
            return "AWS SDK";
        }
        if (className.startsWith("com.amazonaws.")) {
            return "Lambda runtime client and core";
        }
        if (className.startsWith("javax.crypto.") || className.startsWith("com.sun.crypto.")
                || className.startsWith("sun.security.")) {
            return "JDK crypto and security";
        }
        if (className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.")) {
            return "JDK, other";
        }
        return "other";
    }

    Sample once(Subject subject, Config config, String toolOptions, String logName) {
        return once(subject, config, toolOptions, logName, 0);
    }

    /** One start whose event is handed out {@code holdMs} after it is asked for; the sample leaves the hold out. */
    Sample once(Subject subject, Config config, String toolOptions, String logName, long holdMs) {
        subject.reset().run();
        Path taskRoot = taskRoot(subject);
        List<String> command = new ArrayList<>();
        if (config.pinned()) {
            command.addAll(List.of("taskset", "-c", "0"));
        }
        command.add(java);
        command.add("-cp");
        command.add(config.jarOnClasspath() ? runtimeClasspath + ":" + subject.jar() : runtimeClasspath);
        command.add(MAIN);
        command.add(subject.handler());
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(logName + ".log").toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("JAVA_TOOL_OPTIONS") || name.startsWith("AWS_")
                || name.startsWith("_JAVA_OPTIONS") || name.startsWith("JDK_JAVA_OPTIONS"));
        env.putAll(environment);
        env.putAll(config.env());
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", subject.handler());
        env.put("AWS_LAMBDA_FUNCTION_NAME", subject.name());
        if (toolOptions != null && !toolOptions.isBlank()) {
            env.put("JAVA_TOOL_OPTIONS", toolOptions);
        }
        RuntimeApiStandIn.Run run = api.begin(subject.event().get(), holdMs);
        Process process = null;
        try {
            long launched = System.nanoTime();
            process = builder.start();
            long next = run.nextAt.get(60, TimeUnit.SECONDS);
            long done = run.doneAt.get(60, TimeUnit.SECONDS);
            if (run.error != null) {
                throw new IllegalStateException(subject.name() + " failed: " + run.error + " (see "
                        + work.resolve(logName + ".log") + ")");
            }
            // an HTTP function answers 2xx; a stream consumer answers no batch item failure
            if (run.response == null || !(run.response.contains("\"statusCode\":20")
                    || run.response.equals("{\"batchItemFailures\":[]}"))) {
                throw new IllegalStateException(subject.name() + " answered " + run.response);
            }
            return new Sample((next - launched) / 1e6, (done - launched) / 1e6 - holdMs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(subject.name() + " (" + config.name() + "): " + e.getMessage()
                    + " (see " + work.resolve(logName + ".log") + ")", e);
        } finally {
            if (process != null) {
                stop(process);
            }
            run.end();
        }
    }

    /** SIGTERM, as Lambda shuts a sandbox down (a training run writes its AOT cache then), then waits for the exit. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The function's jar unpacked, as Lambda unpacks a deployment package into /var/task. */
    private Path taskRoot(Subject subject) {
        Path root = work.resolve("task").resolve(subject.name());
        if (Files.isDirectory(root)) {
            return root;
        }
        try (InputStream in = Files.newInputStream(subject.jar()); ZipInputStream zip = new ZipInputStream(in)) {
            Files.createDirectories(root);
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IllegalStateException("entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
