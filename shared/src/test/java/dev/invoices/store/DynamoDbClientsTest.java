package dev.invoices.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Unit test: the functions' DynamoDB client finds its endpoint by the SDK's own resolution (here through its
 * system properties, which it reads like the {@code AWS_ENDPOINT_URL*} variables), never a lookup of ours. No request leaves the JVM: an interceptor notes
 * where the first one would go and stops it.
 */
class DynamoDbClientsTest {
    private static final List<String> PROPERTIES = List.of("aws.endpointUrl", "aws.endpointUrlDynamoDb",
            "aws.ignoreConfiguredEndpointUrls");

    @AfterEach
    void clearProperties() {
        PROPERTIES.forEach(System::clearProperty);
    }

    @Test
    void theDynamoDbSpecificEndpoint_winsOverTheGeneralOne() {
        System.setProperty("aws.endpointUrl", "http://general.test:4566");
        System.setProperty("aws.endpointUrlDynamoDb", "http://127.0.0.1:8000");

        assertEquals(URI.create("http://127.0.0.1:8000/"), firstRequestTarget());
    }

    @Test
    void theGeneralEndpoint_isUsedWhenNoDynamoDbOneIsSet() {
        System.setProperty("aws.endpointUrl", "http://localstack.test:4566");

        assertEquals(URI.create("http://localstack.test:4566/"), firstRequestTarget());
    }

    @Test
    void theIgnoreSwitch_leavesTheRegionsOwnEndpoint() {
        System.setProperty("aws.endpointUrlDynamoDb", "http://127.0.0.1:8000");
        System.setProperty("aws.ignoreConfiguredEndpointUrls", "true");

        assertEquals(URI.create("https://dynamodb.eu-west-1.amazonaws.com/"), firstRequestTarget());
    }

    /** Where the production client (no endpoint of ours) sends its first request. */
    private static URI firstRequestTarget() {
        StopBeforeSending stop = new StopBeforeSending();
        try (DynamoDbClient client = DynamoDbClients.create("eu-west-1", Optional.empty(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), List.of(stop))) {
            assertThrows(Stopped.class, client::listTables);
        }
        return stop.target;
    }

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private static final class StopBeforeSending implements ExecutionInterceptor {
        private URI target;

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            URI uri = context.httpRequest().getUri();
            target = URI.create(uri.getScheme() + "://" + uri.getAuthority() + "/");
            throw new Stopped();
        }
    }
}
