package dev.invoices.store;

import dev.invoices.lambda.LambdaClients;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the one DynamoDB client a function container uses. */
public final class DynamoDbClients {
    /**
     * Time budget for one call, retries included: API Gateway gives up at 30 s, and a client should get a 503
     * it can retry well before that.
     */
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(8);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

    private DynamoDbClients() {
    }

    /**
     * A function's client, built as {@link LambdaClients} builds every client: the URLConnection HTTP client, the
     * credentials Lambda gives the function and an explicit region. The endpoint is the SDK's own
     * resolution: {@code AWS_ENDPOINT_URL_DYNAMODB}, then {@code AWS_ENDPOINT_URL}, the {@code aws.endpointUrl*}
     * system properties and a profile's {@code endpoint_url}, all ignored under
     * {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS}; otherwise the region's DynamoDB endpoint.
     */
    public static DynamoDbClient create(String region) {
        return create(region, Optional.empty(), LambdaClients.lambdaCredentials(System.getenv()), List.of());
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
        List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
        all.add(DynamoDbRetries.INTERCEPTOR);
        return LambdaClients.build(DynamoDbClient.builder(), region, endpoint, credentials,
                new LambdaClients.Timeouts(ATTEMPT_TIMEOUT, API_CALL_TIMEOUT), all);
    }
}
