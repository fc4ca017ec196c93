package dev.invoices.devtools;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The project's local DynamoDB engine, the one launcher for tests, the local server and the benchmarks: moto's
 * server (Apache-2.0) behind {@code local/engine/engine.py}, as a child process listening on {@code 127.0.0.1}
 * only, installed on first use by {@link EngineInstallation}.
 *
 * <p>The engine runs one request at a time, so that every conditional write and transaction is atomic as in
 * DynamoDB. With a data folder it journals each write before answering and replays the journal at start, so a
 * restart or a crash loses nothing that was answered. It stops when this JVM closes its standard input, which
 * also happens when the JVM is killed: it never outlives the process that started it.
 *
 * <p>This is development tooling: the function jars leave this package out.
 */
public final class LocalEngine implements AutoCloseable {
    /** The only address the engine listens on. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The region the local clients use. */
    public static final Region REGION = Region.US_EAST_1;

    private static final String READY = "listening on ";
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 10;
    private static final int KEPT_OUTPUT_LINES = 30;

    private final Process process;
    private final OutputStream lifeline;
    private final URI endpoint;
    private final Optional<Path> dataDirectory;
    private final Thread stopAtExit = new Thread(this::close, "local-engine-stop");
    private boolean stopped;

    private LocalEngine(Process process, URI endpoint, Optional<Path> dataDirectory) {
        this.process = process;
        this.lifeline = process.getOutputStream();
        this.endpoint = endpoint;
        this.dataDirectory = dataDirectory;
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Starts an engine that keeps its data in memory: it is gone when the engine stops.
     *
     * @param port the loopback port to listen on, or 0 for one the operating system picks
     */
    public static LocalEngine inMemory(int port) {
        return start(null, port);
    }

    /**
     * Starts an engine that keeps its data in {@code directory} (created if missing), as a journal of the
     * writes it answered ({@code journal.jsonl}), so that it survives a restart or a crash.
     *
     * @param port the loopback port to listen on, or 0 for one the operating system picks
     */
    public static LocalEngine persistent(Path directory, int port) {
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + directory, e);
        }
        return start(directory.toAbsolutePath().normalize(), port);
    }

    private static LocalEngine start(Path directory, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        EngineInstallation installation = EngineInstallation.ready(System.getenv());
        List<String> command = new ArrayList<>(List.of(installation.python().toString(), "-u",
                installation.script().toString(), "--port", Integer.toString(port)));
        if (directory != null) {
            command.addAll(List.of("--data", directory.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // moto reads these; keep a caller's own AWS settings from changing how the engine behaves.
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("MOTO_"));
        environment.put("PYTHONDONTWRITEBYTECODE", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("the local DynamoDB engine did not start: " + e.getMessage(), e);
        }
        Deque<String> output = new ArrayDeque<>();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> forward(process, output, ready), "local-engine-output");
        reader.setDaemon(true);
        reader.start();
        try {
            URI endpoint = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new LocalEngine(process, endpoint, Optional.ofNullable(directory));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            String where = port == 0 ? "" : " on " + LOOPBACK + ":" + port;
            String lines;
            synchronized (output) {
                lines = String.join("\n", output);
            }
            throw new IllegalStateException("the local DynamoDB engine did not start" + where
                    + (e instanceof TimeoutException ? " within " + START_TIMEOUT_SECONDS + " s" : "")
                    + (lines.isEmpty() ? "" : "; it said:\n" + lines), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the local DynamoDB engine", e);
        }
    }

    /**
     * Reads the engine's output: its ready line completes {@code ready}; the lines before it are kept for an
     * error message; later ones (only problems: the engine does not log requests) go to this process's stderr.
     */
    private static void forward(Process process, Deque<String> output, CompletableFuture<URI> ready) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!ready.isDone() && line.startsWith(READY)) {
                    ready.complete(URI.create(line.substring(READY.length()).strip()));
                } else if (!ready.isDone()) {
                    synchronized (output) {
                        output.addLast(line);
                        if (output.size() > KEPT_OUTPUT_LINES) {
                            output.removeFirst();
                        }
                    }
                } else {
                    System.err.println("local DynamoDB engine: " + line);
                }
            }
        } catch (IOException closed) {
            // the engine stopped
        }
        ready.completeExceptionally(new IllegalStateException("the engine exited with code "
                + process.onExit().join().exitValue()));
    }

    /** Where the engine listens: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The folder that holds the data, or empty when it lives in memory. */
    public Optional<Path> dataDirectory() {
        return dataDirectory;
    }

    /**
     * A new client for this engine: {@code UrlConnectionHttpClient}, region us-east-1, static dummy
     * credentials (the engine accepts any). The caller closes it.
     */
    public DynamoDbClient newClient() {
        return client(endpoint);
    }

    /** A client for a local engine at {@code endpoint}, with static dummy credentials; the caller closes it. */
    public static DynamoDbClient client(URI endpoint) {
        return client(endpoint, REGION, StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    }

    /** A client for any DynamoDB endpoint, on {@code UrlConnectionHttpClient}; the caller closes it. */
    public static DynamoDbClient client(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return client(endpoint, region, credentials, List.of());
    }

    /** {@link #client(URI, Region, AwsCredentialsProvider)} with interceptors, e.g. one that records requests. */
    public static DynamoDbClient client(URI endpoint, Region region, AwsCredentialsProvider credentials,
                                        List<ExecutionInterceptor> interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(override -> override.executionInterceptors(interceptors))
                .build();
    }

    /**
     * Stops the engine: closes its standard input, which it takes as the signal to exit, and waits for it; a
     * journal is complete on disk after every answered write, so stopping loses nothing. Calling it again does
     * nothing.
     */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (Thread.currentThread() != stopAtExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException exiting) {
                // the JVM is shutting down: the hook runs, finds the engine stopped, and returns
            }
        }
        try {
            lifeline.close();
        } catch (IOException alreadyGone) {
            // the engine has exited already
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The engine's process id, for tests that check it stops with its parent. */
    public long pid() {
        return process.pid();
    }
}
