package dev.invoices.bench.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The baseline the functions are measured against: one GetItem with the raw client (URLConnection HTTP client,
 * explicit region and credentials provider, raw attribute maps), no JSON library, no mapping, nothing else.
 * It reads the invoice that {@code events/get-invoice.json} names.
 */
public final class GetItemHandler implements RequestStreamHandler {
    private static final Map<String, AttributeValue> KEY =
            Map.of("pk", AttributeValue.fromS("INVOICE#inv_2024_10_acme"));

    private final DynamoDbClient dynamoDb;
    private final String table = System.getenv("TABLE_NAME");

    public GetItemHandler() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        String endpoint = System.getenv("AWS_ENDPOINT_URL_DYNAMODB");
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        this.dynamoDb = builder.build();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        GetItemResponse response = dynamoDb.getItem(request -> request.tableName(table).key(KEY).consistentRead(true));
        String found = response.hasItem() ? "found" : "missing";
        output.write(("{\"statusCode\":200,\"body\":\"" + found + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
