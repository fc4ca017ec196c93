package dev.invoices.lambda;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a function builds an AWS client, whichever the service: the one place for the HTTP client, the
 * credentials Lambda gives a function, the region, the timeouts and the retry mode, so that every client of
 * every function behaves alike under failure.
 */
public final class LambdaClients {
    static final String CONTAINER_CREDENTIALS_FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    /**
     * A client's time budgets: one attempt (also the socket's read timeout), and the whole call, the SDK's
     * retries included.
     */
    public record Timeouts(Duration attempt, Duration call) {
    }

    private LambdaClients() {
    }

    /**
     * Where Lambda puts the function's credentials, without the default chain's probing at cold start: in
     * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}, read again on every call;
     * or, under SnapStart, behind the container credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}),
     * because key variables would be frozen into the snapshot. Nothing is resolved here: the first call resolves,
     * after any restore.
     */
    public static AwsCredentialsProvider lambdaCredentials(Map<String, String> environment) {
        String containerUri = environment.get(CONTAINER_CREDENTIALS_FULL_URI);
        if (containerUri != null && !containerUri.isBlank()) {
            return ContainerCredentialsProvider.builder().build();
        }
        return EnvironmentVariableCredentialsProvider.create();
    }

    /**
     * The client {@code builder} makes, configured as every function's clients are: the URLConnection HTTP client
     * (fastest to start, smallest jar), an explicit region, the given credentials, the timeouts, the SDK's standard
     * retries and the interceptors. An empty endpoint leaves it to the SDK's own resolution
     * ({@code AWS_ENDPOINT_URL_<SERVICE>}, then {@code AWS_ENDPOINT_URL}, the {@code aws.endpointUrl*} system
     * properties and a profile's {@code endpoint_url}, all ignored under {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS};
     * otherwise the region's endpoint); a host that runs handlers against an engine or stand-in it started (the
     * tests, the local server, the benchmarks) gives that one.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, String region, Optional<URI> endpoint, AwsCredentialsProvider credentials, Timeouts timeouts,
            List<ExecutionInterceptor> interceptors) {
        builder.httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECTION_TIMEOUT)
                        .socketTimeout(timeouts.attempt())
                        .build())
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(timeouts.call())
                        .apiCallAttemptTimeout(timeouts.attempt())
                        .retryStrategy(RetryMode.STANDARD)
                        .executionInterceptors(List.copyOf(interceptors))
                        .build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
