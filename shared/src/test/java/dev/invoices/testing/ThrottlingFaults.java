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
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for DynamoDB, which DynamoDB Local never produces: while {@linkplain #throttle throttling},
 * requests for the chosen operations are sent to a stub on loopback that answers exactly as a throttled
 * DynamoDB does (HTTP 400, {@code ThrottlingException}), so the SDK's real retry policy and the service's real
 * error mapping run. The requests never reach the table: a throttled write writes nothing.
 */
public final class ThrottlingFaults implements ExecutionInterceptor, AutoCloseable {
    private static final byte[] THROTTLED = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
            + "\"message\":\"Rate of requests exceeds the allowed throughput.\"}").getBytes(StandardCharsets.UTF_8);

    private final HttpServer stub;
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile Set<String> operations = Set.of();

    public ThrottlingFaults() {
        try {
            stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stub.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            throttled.incrementAndGet();
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
        operations = Set.of(operationNames);
    }

    public void stop() {
        operations = Set.of();
    }

    /** How many requests the stub answered with throttling: each attempt of each call, retries included. */
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
