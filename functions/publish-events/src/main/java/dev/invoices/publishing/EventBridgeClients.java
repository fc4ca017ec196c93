package dev.invoices.publishing;

import dev.invoices.lambda.LambdaClients;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the one EventBridge client a publisher container uses. */
public final class EventBridgeClients {
    /** One attempt's budget; a call (the SDK's retries included) has {@link #CALL_TIMEOUT}. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(6);

    private EventBridgeClients() {
    }

    /**
     * The function's client, built as {@link LambdaClients} builds every client: the URLConnection HTTP client, the
     * credentials Lambda gives the function, an explicit region, and the SDK's own endpoint resolution
     * ({@code AWS_ENDPOINT_URL_EVENTBRIDGE}, {@code AWS_ENDPOINT_URL}, …).
     */
    public static EventBridgeClient create(String region) {
        return create(region, Optional.empty(), LambdaClients.lambdaCredentials(System.getenv()), List.of());
    }

    /**
     * The same client with other credentials and interceptors, and an endpoint of the caller's (a local bus, a
     * test's stand-in): the timeouts and retries are the ones that run in Lambda. Every client counts its retries
     * ({@link EventBridgeRetries}).
     */
    public static EventBridgeClient create(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials,
                                           List<ExecutionInterceptor> interceptors) {
        List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
        all.add(EventBridgeRetries.INTERCEPTOR);
        return LambdaClients.build(EventBridgeClient.builder(), region, endpoint, credentials,
                new LambdaClients.Timeouts(ATTEMPT_TIMEOUT, CALL_TIMEOUT), all);
    }
}
