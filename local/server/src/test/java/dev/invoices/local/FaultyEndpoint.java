package dev.invoices.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DynamoDB endpoint on loopback that forwards every request to the local engine, except the ones it is told to
 * fail, which it answers as a throttled or contended DynamoDB does: {@code ThrottlingException} or
 * {@code ProvisionedThroughputExceededException} (HTTP 400, which the SDK retries itself before giving up), or a
 * {@code TransactionCanceledException} for a {@code TransactionConflict} (which it does not). A failed request
 * never reaches the engine, so it writes nothing. It also counts how many requests of an operation were in
 * flight at once. For a command that takes only an {@code --endpoint}, such as {@code import} in a child JVM.
 */
final class FaultyEndpoint implements AutoCloseable {
    /** How the next requests of an operation are failed. */
    enum Fault {
        THROTTLING("ThrottlingException", "Rate of requests exceeds the allowed throughput."),
        PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException",
                "The level of configured provisioned throughput for the table was exceeded."),
        TRANSACTION_CONFLICT("TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]");

        private final String type;
        private final String message;

        Fault(String type, String message) {
            this.type = type;
            this.message = message;
        }

        byte[] body() {
            String reasons = this == TRANSACTION_CONFLICT
                    ? ",\"CancellationReasons\":[{\"Code\":\"TransactionConflict\","
                    + "\"Message\":\"Transaction is ongoing for the item\"}]" : "";
            return ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message + "\""
                    + reasons + "}").getBytes(StandardCharsets.UTF_8);
        }
    }

    private record Planned(Fault fault, AtomicInteger left) {
    }

    /** Headers the JDK's client sets itself. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final URI engine;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, List<Planned>> faults = new ConcurrentHashMap<>();
    private final Map<Fault, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostInFlight = new ConcurrentHashMap<>();

    FaultyEndpoint(URI engine) {
        this.engine = engine;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Fails the next {@code count} requests of the operation (every attempt of the SDK counts) this way. */
    void fail(String operation, Fault fault, int count) {
        faults.computeIfAbsent(operation, ignored -> new CopyOnWriteArrayList<>())
                .add(new Planned(fault, new AtomicInteger(count)));
    }

    /** How many requests were answered with this fault. */
    int answered(Fault fault) {
        return answered.getOrDefault(fault, new AtomicInteger()).get();
    }

    /** The most requests of the operation that the engine was answering at once. */
    int mostInFlight(String operation) {
        return mostInFlight.getOrDefault(operation, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        for (Planned planned : faults.getOrDefault(operation, List.of())) {
            if (planned.left().getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                answered.computeIfAbsent(planned.fault(), ignored -> new AtomicInteger()).incrementAndGet();
                answer(exchange, 400, "application/x-amz-json-1.0", planned.fault().body(), Map.of());
                return;
            }
        }
        AtomicInteger now = inFlight.computeIfAbsent(operation, ignored -> new AtomicInteger());
        mostInFlight.computeIfAbsent(operation, ignored -> new AtomicInteger()).accumulateAndGet(now.incrementAndGet(),
                Math::max);
        try {
            HttpRequest.Builder forward = HttpRequest.newBuilder(engine.resolve(exchange.getRequestURI()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> forward.header(name, value));
                }
            });
            HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new HashMap<>();
            response.headers().map().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))
                        && !name.equalsIgnoreCase("transfer-encoding") && !name.equalsIgnoreCase("content-type")) {
                    headers.put(name, values.getFirst());
                }
            });
            answer(exchange, response.statusCode(),
                    response.headers().firstValue("content-type").orElse("application/x-amz-json-1.0"),
                    response.body(), headers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } finally {
            now.decrementAndGet();
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, byte[] body,
                               Map<String, String> headers) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
