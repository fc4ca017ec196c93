package dev.invoices.store;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the one DynamoDB client a function container uses. */
public final class DynamoDbClients {
    /**
     * Time budget for one call, retries included: API Gateway gives up at 30 s, and a client should get a 503
     * it can retry well before that.
     */
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(8);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    static final String CONTAINER_CREDENTIALS_FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

    private DynamoDbClients() {
    }

    /**
     * A function's client: the URLConnection HTTP client (fastest to start, smallest jar), the credentials Lambda
     * gives the function (see {@link #lambdaCredentials}) and an explicit region. The endpoint is the SDK's own
     * resolution: {@code AWS_ENDPOINT_URL_DYNAMODB}, then {@code AWS_ENDPOINT_URL}, the {@code aws.endpointUrl*}
     * system properties and a profile's {@code endpoint_url}, all ignored under
     * {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS}; otherwise the region's DynamoDB endpoint.
     */
    public static DynamoDbClient create(String region) {
        return create(region, Optional.empty(), lambdaCredentials(System.getenv()), List.of());
    }

    /**
     * Where Lambda puts the function's credentials, without the default chain's probing at cold start: in
     * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}, read again on every call;
     * or, under SnapStart, behind the container credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}),
     * because key variables would be frozen into the snapshot. Nothing is resolved here: the first call resolves,
     * after any restore.
     */
    static AwsCredentialsProvider lambdaCredentials(Map<String, String> environment) {
        String containerUri = environment.get(CONTAINER_CREDENTIALS_FULL_URI);
        if (containerUri != null && !containerUri.isBlank()) {
            return ContainerCredentialsProvider.builder().build();
        }
        return EnvironmentVariableCredentialsProvider.create();
    }

    /**
     * The same client with other credentials and extra interceptors, and, for a host that runs the handlers
     * in-process against an engine it started (the tests, the benchmarks), that engine's endpoint: tests inject
     * faults (throttling, an unreachable endpoint) this way, through the very timeouts and retry settings that run
     * in Lambda. An empty endpoint leaves it to the SDK's resolution, as {@link #create(String)} does. Every
     * client counts its retries ({@link DynamoDbRetries}) for the invocation's metrics.
     */
    public static DynamoDbClient create(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials,
                                        List<ExecutionInterceptor> interceptors) {
        var builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(ATTEMPT_TIMEOUT)
                        .build())
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(API_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .retryStrategy(RetryMode.STANDARD)
                        .executionInterceptors(withRetryCount(interceptors))
                        .build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static List<ExecutionInterceptor> withRetryCount(List<ExecutionInterceptor> interceptors) {
        List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
        all.add(DynamoDbRetries.INTERCEPTOR);
        return all;
    }
}
