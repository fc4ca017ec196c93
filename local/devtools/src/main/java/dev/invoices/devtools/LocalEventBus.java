package dev.invoices.devtools;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.invoices.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A loopback stand-in for EventBridge's {@code PutEvents}, which the real SDK {@code EventBridgeClient} talks to
 * (AWS JSON 1.1, {@code X-Amz-Target: AWSEvents.PutEvents}): each accepted entry gets an id and is handed to the
 * sink as EventBridge delivers an event to a rule's target ({@code version}, {@code id}, {@code detail-type},
 * {@code source}, {@code account}, {@code time}, {@code region}, {@code resources}, {@code detail} as an object),
 * one JSON object per event, in the order the entries were accepted. The local server's {@code --events} file
 * and webhook are such sinks; tests use it to count and compare events.
 *
 * <p>Faults, for tests, are queued and each taken by one call: {@link Fault#failCall()} answers a 500
 * {@code InternalException} (which the SDK retries), {@link Fault#failEntry(int)} reports the entry at that
 * position failed ({@code InternalFailure}, in {@code FailedEntryCount}) and accepts the others, and
 * {@link Fault#delay(Duration)} accepts the call but answers only after the delay, past a client's timeout, so
 * that the client sends again what was already delivered. It signs nothing and checks no signature.
 */
public final class LocalEventBus implements AutoCloseable {
    /** One queued fault: what the next call meets. */
    public record Fault(String kind, int entry, String detailContaining, Duration delay) {
        public static Fault failCall() {
            return new Fault("call", -1, "", Duration.ZERO);
        }

        /** The entry at {@code position} of the call fails. */
        public static Fault failEntry(int position) {
            return new Fault("entry", position, "", Duration.ZERO);
        }

        /** Every entry of the call whose detail contains {@code text} fails. */
        public static Fault failEntriesContaining(String text) {
            return new Fault("entry", -1, text, Duration.ZERO);
        }

        public static Fault delay(Duration delay) {
            return new Fault("delay", -1, "", delay);
        }

        boolean failsEntry(int position, String detail) {
            return kind.equals("entry") && (position == entry
                    || (!detailContaining.isEmpty() && detail.contains(detailContaining)));
        }
    }

    private static final String TARGET = "AWSEvents.PutEvents";

    private final HttpServer server;
    private final Consumer<String> sink;
    private final String account;
    private final String region;
    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final Object order = new Object();

    private LocalEventBus(HttpServer server, Consumer<String> sink, String account, String region) {
        this.server = server;
        this.sink = sink;
        this.account = account;
        this.region = region;
    }

    /**
     * Starts on a free loopback port.
     *
     * @param sink each delivered event, as one line of JSON (without its line feed)
     */
    public static LocalEventBus start(Consumer<String> sink, String account, String region) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback for the local event bus", e);
        }
        LocalEventBus bus = new LocalEventBus(server, Objects.requireNonNull(sink, "sink"), account, region);
        server.createContext("/", bus::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return bus;
    }

    /** {@code http://127.0.0.1:PORT}: the endpoint to give the SDK client. */
    public URI endpoint() {
        return URI.create("http://" + LocalEngine.LOOPBACK + ":" + server.getAddress().getPort());
    }

    /** Queues faults, each for one of the next calls, in order. */
    public void inject(Fault... next) {
        faults.addAll(List.of(next));
    }

    /** Every event delivered so far, in order, as the sink got it. */
    public List<String> delivered() {
        return List.copyOf(delivered);
    }

    /** How many {@code PutEvents} calls arrived, faults included. */
    public int calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod()) || !TARGET.equals(target)) {
                answer(exchange, 400, error("UnknownOperationException", "only PutEvents is served here"));
                return;
            }
            calls.incrementAndGet();
            Fault fault = faults.poll();
            if (fault != null && fault.kind().equals("call")) {
                answer(exchange, 500, error("InternalException", "injected failure of the whole call"));
                return;
            }
            Map<String, Object> request = Json.readEvent(new String(body, StandardCharsets.UTF_8));
            List<?> entries = request.get("Entries") instanceof List<?> list ? list : List.of();
            String response;
            synchronized (order) {
                response = Json.write(g -> {
                    int failed = 0;
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < entries.size(); i++) {
                        Map<?, ?> entry = (Map<?, ?>) entries.get(i);
                        if (fault != null && fault.failsEntry(i, String.valueOf(entry.get("Detail")))) {
                            ids.add(null);
                            failed++;
                            continue;
                        }
                        String id = UUID.randomUUID().toString();
                        ids.add(id);
                        String event = delivery(id, entry);
                        delivered.add(event);
                        sink.accept(event);
                    }
                    g.writeStartObject();
                    g.writeNumberField("FailedEntryCount", failed);
                    g.writeArrayFieldStart("Entries");
                    for (String id : ids) {
                        g.writeStartObject();
                        if (id == null) {
                            g.writeStringField("ErrorCode", "InternalFailure");
                            g.writeStringField("ErrorMessage", "injected failure of one entry");
                        } else {
                            g.writeStringField("EventId", id);
                        }
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                });
            }
            if (fault != null && fault.kind().equals("delay")) {
                try {
                    Thread.sleep(fault.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer(exchange, 200, response);
        } catch (RuntimeException e) {
            answer(exchange, 400, error("ValidationException", "not a PutEvents request"));
        }
    }

    /** The event as a rule's target receives it. */
    private String delivery(String id, Map<?, ?> entry) {
        Instant time = entry.get("Time") instanceof BigDecimal seconds
                ? Instant.ofEpochMilli(seconds.movePointRight(3).longValue())
                : Instant.now();
        String detail = String.valueOf(entry.get("Detail"));
        Json.readObject(detail); // EventBridge refuses a detail that is not a JSON object
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("version", "0");
            g.writeStringField("id", id);
            g.writeStringField("detail-type", String.valueOf(entry.get("DetailType")));
            g.writeStringField("source", String.valueOf(entry.get("Source")));
            g.writeStringField("account", account);
            g.writeStringField("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
            g.writeStringField("region", region);
            g.writeArrayFieldStart("resources");
            if (entry.get("Resources") instanceof List<?> resources) {
                for (Object resource : resources) {
                    g.writeString(String.valueOf(resource));
                }
            }
            g.writeEndArray();
            g.writeFieldName("detail");
            g.writeRawValue(detail);
            g.writeEndObject();
        });
    }

    private static String error(String type, String message) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("__type", type);
            g.writeStringField("message", message);
            g.writeEndObject();
        });
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
