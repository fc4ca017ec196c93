package dev.invoices.priming;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.config.Dependencies;
import dev.invoices.config.ServiceConfig;
import dev.invoices.json.InvoiceJson;
import dev.invoices.json.Json;
import dev.invoices.lambda.InvocationContext;
import dev.invoices.model.Invoice;
import dev.invoices.observability.LogLine;
import dev.invoices.store.InvoiceItemMapper;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Runs a function's request path once on synthetic data, so that its classes are loaded, linked and initialised
 * before the first real request: in a CRaC {@code beforeCheckpoint} hook, which Lambda SnapStart calls before it
 * takes the snapshot, and in init when Lambda says the instance is provisioned concurrency (init then happens
 * before any traffic, so the work is free).
 *
 * <p>What runs: a second instance of the handler, built on synthetic configuration and on a DynamoDB client whose
 * HTTP client answers every call as a successful call is answered ({@link PrimingHttpClient}), is invoked with
 * synthetic payload-2.0 events ({@code priming/*-event.json}) and takes its success path: event parsing,
 * authorization, validation, the idempotency claim and its completion, the reads and the conditional writes, the
 * cursor codec (with a throwaway key), the SDK's marshalling, signing (with dummy credentials) and unmarshalling,
 * and the answer's rendering all run. The JSON codec and the item mapper are exercised on a synthetic
 * invoice ({@code priming/invoice.json}).
 *
 * <p>What it never does: open a connection (the canned client has no network), read or write real data, or
 * resolve the function's credentials. So the snapshot holds no connection, no credentials and no secret of the
 * priming; the real client is built but has never been called. Nonces and ids come from {@link FreshRandom},
 * whose generator is replaced after every restore, so restored copies of one snapshot do not repeat each other.
 */
public final class Priming implements Resource {
    /** Lambda's value of {@code AWS_LAMBDA_INITIALIZATION_TYPE} for provisioned concurrency. */
    static final String PROVISIONED = "provisioned-concurrency";

    /** org.crac holds resources weakly: these strong references keep registered primings alive. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final Function<Dependencies, RequestStreamHandler> handlerFactory;
    private final List<String> events;

    private Priming(Function<Dependencies, RequestStreamHandler> handlerFactory, List<String> events) {
        this.handlerFactory = handlerFactory;
        this.events = events;
    }

    /**
     * Registers the priming of a function with the global CRaC context, and primes at once under provisioned
     * concurrency. Costs almost nothing otherwise: the work runs only when a checkpoint is taken.
     *
     * @param handlerFactory builds the function's handler around given dependencies (its test constructor)
     * @param events         names of synthetic events in {@code priming/}, e.g. {@code "list-event.json"}
     */
    public static void register(Function<Dependencies, RequestStreamHandler> handlerFactory, String... events) {
        Priming priming = of(handlerFactory, events);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        if (PROVISIONED.equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            priming.prime(PROVISIONED);
        }
    }

    /** The priming of a function, not registered anywhere: {@link #register} is what handlers call. */
    public static Priming of(Function<Dependencies, RequestStreamHandler> handlerFactory, String... events) {
        return new Priming(handlerFactory, List.of(events));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime("checkpoint");
    }

    /** Nothing to renew: priming left no connection, credentials or random state that restored copies would share. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    /**
     * Runs the synthetic requests and logs a {@code priming} line with each one's status ({@link #logged}), so
     * that a priming that stopped taking its success path shows.
     */
    void prime(String trigger) {
        logged(trigger, () -> {
            List<String> responses = run();
            List<Map<String, Object>> requests = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                Object status = Json.readObject(responses.get(i)).get("statusCode");
                requests.add(request(events.get(i), "status",
                        status instanceof BigDecimal code ? code.intValueExact() : status));
            }
            return requests;
        });
    }

    /** What a priming ran: the synthetic requests and their outcomes, for its log line. */
    @FunctionalInterface
    public interface Run {
        List<Map<String, Object>> requests() throws IOException;
    }

    /** One synthetic request of a priming's log line: its event, and one outcome. */
    public static Map<String, Object> request(String event, String outcome, Object value) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("event", event);
        request.put(outcome, value);
        return request;
    }

    /**
     * Runs a priming and writes its {@code priming} line: the requests it ran at {@code INFO}, or the failure at
     * {@code WARN}, with how long it took. There is no invocation yet, so the line goes through the runtime's
     * logger, under the function's name. A failure is swallowed, since priming must never stop a function from
     * starting: a request path that fails here fails again, visibly, on a real request.
     */
    public static void logged(String trigger, Run run) {
        long start = System.nanoTime();
        LogLine line;
        try {
            line = LogLine.of(LogLevel.INFO, "priming").with("trigger", trigger).with("requests", run.requests());
        } catch (IOException | RuntimeException failure) {
            line = LogLine.of(LogLevel.WARN, "priming").with("trigger", trigger).with("requests", null)
                    .failure(failure);
        }
        String function = Optional.ofNullable(System.getenv("AWS_LAMBDA_FUNCTION_NAME")).orElse("local");
        line.with("duration_ms", (System.nanoTime() - start) / 1_000_000)
                .writeTo(new InvocationContext(function, "priming", Duration.ofSeconds(60), 0,
                        LambdaRuntime.getLogger()));
    }

    /**
     * Runs the synthetic requests and returns what the handler wrote for each (a payload-2.0 response), so tests
     * can check that priming takes the path it means to.
     */
    public List<String> run() throws IOException {
        Invoice invoice = InvoiceJson.read(resource("invoice.json"));
        try (DynamoDbClient canned = cannedClient(invoice)) {
            InvoiceItemMapper.fromItem(InvoiceItemMapper.toItem(invoice));
            InvoiceJson.toJson(invoice);
            RequestStreamHandler handler = handlerFactory.apply(new Dependencies(syntheticConfig(), canned,
                    Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC)));
            List<String> responses = new ArrayList<>();
            for (String event : events) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(resource(event).getBytes(StandardCharsets.UTF_8)),
                        out, CONTEXT);
                responses.add(out.toString(StandardCharsets.UTF_8));
            }
            loadNetworkClasses();
            return responses;
        }
    }

    /**
     * Loads what the real client's first call needs of the JDK's network stack (the URLConnection HTTP handler,
     * the socket implementation), without any I/O: a connection object that is never connected, and a socket that
     * is closed unbound. About a hundred classes, which the canned client cannot reach; nothing stays open.
     */
    public static void loadNetworkClasses() throws IOException {
        URLConnection connection = URI.create("http://priming.invalid/").toURL().openConnection();
        connection.setConnectTimeout(1);
        connection.getRequestProperties();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
        }
    }

    private static ServiceConfig syntheticConfig() {
        return new ServiceConfig("priming", "us-east-1", Optional.of("priming-only-cursor-key-never-used-for-real-cursors"), true);
    }

    /**
     * A DynamoDB client that never reaches the network: every call is answered as a successful one would be
     * ({@link PrimingHttpClient}), so each request takes its success path: a get finds the invoice, a list a page,
     * a void or a regeneration writes.
     */
    private static DynamoDbClient cannedClient(Invoice invoice) {
        return DynamoDbClient.builder()
                .httpClient(new PrimingHttpClient(invoice))
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://priming.invalid"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .build();
    }

    /** A synthetic resource of {@code priming/} on the function's classpath (this module's or the function's own). */
    public static String resource(String name) {
        try (InputStream in = Priming.class.getResourceAsStream("/priming/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing priming resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final LambdaLogger SILENT = new LambdaLogger() {
        @Override
        public void log(String message) {
        }

        @Override
        public void log(byte[] message) {
        }
    };

    /** The invocation context priming runs under: a one-minute budget and a logger that drops every line. */
    public static Context context(int memoryMb) {
        return new InvocationContext("priming", "priming", Duration.ofSeconds(60), memoryMb, SILENT);
    }

    private static final Context CONTEXT = context(1024);
}
