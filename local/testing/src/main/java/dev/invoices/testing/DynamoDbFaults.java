package dev.invoices.testing;

import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for DynamoDB, which no local engine produces: while {@linkplain #throttle throttling}
 * (or {@linkplain #hang hanging}), requests for the chosen operations are sent to a stub on loopback that
 * answers exactly as a throttled DynamoDB does (HTTP 400, {@code ThrottlingException}), or not before the
 * client has given up. The SDK's real retry policy and timeouts and the service's real error mapping run. The
 * requests never reach the table: a failed write writes nothing.
 */
public final class DynamoDbFaults implements ExecutionInterceptor, AutoCloseable {
    private static final byte[] THROTTLED = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
            + "\"message\":\"Rate of requests exceeds the allowed throughput.\"}").getBytes(StandardCharsets.UTF_8);

    /** Longer than the client's whole call budget (8 s), so that only its timeouts end a hanging call. */
    private static final Duration HANG = Duration.ofSeconds(12);

    private final HttpServer stub;
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile Set<String> operations = Set.of();
    private volatile boolean hanging;

    public DynamoDbFaults() {
        try {
            stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            stub.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stub.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            throttled.incrementAndGet();
            if (hanging) {
                try {
                    Thread.sleep(HANG.toMillis());
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(400, THROTTLED.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(THROTTLED);
            }
        });
        stub.start();
    }

    /** Throttles every request for these operations (e.g. {@code TransactWriteItems}) until {@link #stop}. */
    public void throttle(String... operationNames) {
        hanging = false;
        operations = Set.of(operationNames);
    }

    /** Leaves every request for these operations unanswered for longer than the client waits. */
    public void hang(String... operationNames) {
        hanging = true;
        operations = Set.of(operationNames);
    }

    public void stop() {
        operations = Set.of();
        hanging = false;
    }

    /** How many requests reached the stub: each attempt of each call, retries included. */
    public int throttledRequests() {
        return throttled.get();
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        String target = request.firstMatchingHeader("X-Amz-Target").orElse("");
        String operation = target.substring(target.indexOf('.') + 1);
        if (!operations.contains(operation)) {
            return request;
        }
        // Called once per call, before the SDK's attempts: every retry goes to the stub as well.
        return request.toBuilder().protocol("http").host("127.0.0.1").port(stub.getAddress().getPort()).build();
    }

    @Override
    public void close() {
        stub.stop(0);
    }
}
