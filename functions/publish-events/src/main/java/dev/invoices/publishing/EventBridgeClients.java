package dev.invoices.publishing;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
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
     * The function's client: the URLConnection HTTP client, the credentials Lambda gives the function (its key
     * variables, or under SnapStart the container credentials endpoint), an explicit region, and the SDK's own
     * endpoint resolution ({@code AWS_ENDPOINT_URL_EVENTBRIDGE}, {@code AWS_ENDPOINT_URL}, …).
     */
    public static EventBridgeClient create(String region) {
        String containerUri = System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        AwsCredentialsProvider credentials = containerUri != null && !containerUri.isBlank()
                ? ContainerCredentialsProvider.builder().build()
                : EnvironmentVariableCredentialsProvider.create();
        return create(region, Optional.empty(), credentials, List.of());
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
        var builder = EventBridgeClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(ATTEMPT_TIMEOUT)
                        .build())
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(CALL_TIMEOUT)
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .retryStrategy(RetryMode.STANDARD)
                        .executionInterceptors(all)
                        .build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
