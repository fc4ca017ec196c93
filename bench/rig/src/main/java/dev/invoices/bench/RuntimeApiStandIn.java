package dev.invoices.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the Lambda Runtime API on 127.0.0.1: hands one event to the first {@code /invocation/next} of a
 * run, with the {@code Lambda-Runtime-*} headers, and records when it was asked and when the response (or an
 * error) was posted. A second {@code next} is held open until the run ends, as Lambda freezes the sandbox.
 */
final class RuntimeApiStandIn implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    /** One cold start: the event, and the moments the runtime reached us (System.nanoTime). */
    static final class Run {
        final String requestId = UUID.randomUUID().toString();
        final byte[] event;
        /** How long the first {@code next} is held before the event is handed out: 0 for a cold start. */
        final long holdMs;
        final CompletableFuture<Long> nextAt = new CompletableFuture<>();
        final CompletableFuture<Long> doneAt = new CompletableFuture<>();
        final CountDownLatch ended = new CountDownLatch(1);
        volatile String response;
        volatile String error;

        Run(byte[] event, long holdMs) {
            this.event = event;
            this.holdMs = holdMs;
        }

        void end() {
            ended.countDown();
        }
    }

    private final HttpServer server;
    private volatile Run current;

    RuntimeApiStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "runtime-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    Run begin(byte[] event) {
        return begin(event, 0);
    }

    /**
     * A run whose event is handed out {@code holdMs} after the runtime asks for it: the pause parts init's class
     * loading from the first invoke's in a class-load log, so that the two can be told apart.
     */
    Run begin(byte[] event, long holdMs) {
        Run run = new Run(event, holdMs);
        current = run;
        return run;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            Run run = current;
            if (run == null) {
                send(exchange, 500, "no run");
                return;
            }
            if (path.equals("invocation/next")) {
                if (!run.nextAt.complete(now)) {
                    // The function is done and asks for more: hold it, as a frozen sandbox would be.
                    awaitQuietly(run.ended);
                    send(exchange, 500, "run ended");
                    return;
                }
                if (run.holdMs > 0) {
                    sleepQuietly(run.holdMs);
                }
                var headers = exchange.getResponseHeaders();
                headers.add("Lambda-Runtime-Aws-Request-Id", run.requestId);
                headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 15_000));
                headers.add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:123456789012:function:bench");
                headers.add("Lambda-Runtime-Trace-Id",
                        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
                headers.add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, run.event.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(run.event);
                }
            } else if (path.endsWith("/response")) {
                run.response = new String(body, StandardCharsets.UTF_8);
                run.doneAt.complete(now);
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (path.endsWith("/error")) {
                run.error = path + ": " + new String(body, StandardCharsets.UTF_8);
                run.doneAt.complete(now);
                run.nextAt.complete(now);
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                send(exchange, 404, "{}");
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        Run run = current;
        if (run != null) {
            run.end();
        }
        server.stop(0);
    }
}
