package dev.invoices.functions;

import dev.invoices.config.Dependencies;
import dev.invoices.config.ServiceConfig;
import dev.invoices.json.InvoiceJson;
import dev.invoices.json.Json;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.ApiEvents;
import dev.invoices.testing.ApiResponse;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.LocalDynamoDb;
import dev.invoices.testing.TestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration test: the get function's real entry point with {@code events/get-invoice.json}, on DynamoDB
 * Local with the table of {@code template.yaml}.
 */
class GetInvoiceHandlerIT {
    private static InvoiceStore store;
    private static GetInvoiceHandler handler;

    @BeforeAll
    static void createTable() {
        Dependencies dependencies = LocalDynamoDb.dependencies(Map.of());
        store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());
        handler = new GetInvoiceHandler(dependencies);
    }

    @ParameterizedTest
    @ValueSource(strings = {"full-usd.json", "small-jpy.json", "small-kwd.json"})
    void aStoredInvoice_comesBackExactlyAsItWasWritten(String fixture) {
        // given: a hand-written invoice JSON with every field, trailing zeros and the currency's scale
        String json = fixtureJson(fixture);
        Invoice invoice = InvoiceJson.read(json);
        assertTrue(store.create(invoice));

        // when
        ApiResponse response = get(invoice.customerId(), invoice.id());

        // then: the very same JSON tree, numbers compared with their scale (10.50 is not 10.5)
        assertEquals(200, response.status(), response.body());
        assertEquals("application/json", response.header("content-type"));
        assertEquals(Json.readTree(json), response.json().get("data"));
        assertEquals(Map.of("data", Json.readTree(json)), response.json());
    }

    @Test
    void theSampleEvent_returnsThatInvoice() {
        // given: events/get-invoice.json asks for acme-corp's inv_2024_10_acme, which full-usd.json is
        Invoice invoice = InvoiceJson.read(fixtureJson("full-usd.json"));
        store.create(invoice);

        // when
        ApiResponse response = ApiEvents.load("get-invoice.json").invoke(handler);

        // then
        assertEquals(200, response.status(), response.body());
        assertEquals(Json.readTree(InvoiceJson.toJson(invoice)), response.json().get("data"));
    }

    @Test
    void anUnknownInvoice_isA404() {
        ApiResponse response = get("acme-corp", "inv_does_not_exist");

        response.assertProblem(404, "not_found");
    }

    @Test
    void anotherCustomersInvoice_isA404IdenticalToAnUnknownOne() {
        // given
        Invoice theirs = InvoiceFixtures.simple("inv_theirs_1", "globex", InvoiceStatus.FINALIZED,
                Instant.parse("2024-05-01T00:00:00Z"));
        store.create(theirs);

        // when
        ApiResponse probing = get("initech", theirs.id());
        ApiResponse unknown = get("initech", "inv_theirs_2");

        // then
        probing.assertProblem(404, "not_found");
        assertEquals(unknown.status(), probing.status());
        assertEquals(unknown.headers(), probing.headers());
        assertEquals(unknown.body(), probing.body());
        assertEquals(200, get("globex", theirs.id()).status(), "the owner still sees it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a#b", "INVOICE#x", "a/b", "..", "_x", "with space", "x\u0007", "é"})
    void aBadInvoiceId_isA400NamingTheField(String invoiceId) {
        ApiResponse response = get("acme-corp", invoiceId);

        response.assertProblem(400, "invalid_request");
        assertEquals(List.of("invoice_id"), response.errorFields());
    }

    @Test
    void badIdsInBothPlaces_areReportedTogether() {
        ApiResponse response = get("x".repeat(65), "y".repeat(10_000));

        response.assertProblem(400, "invalid_request");
        assertEquals(List.of("customer_id", "invoice_id"), response.errorFields());
        assertFalse(response.body().contains("yyyy"), "the input is not echoed");
    }

    @Test
    void anotherMethod_isA405() {
        ApiResponse response = ApiEvents.load("get-invoice.json").method("POST").invoke(handler);

        response.assertProblem(405, "method_not_allowed");
        assertEquals("GET", response.header("allow"));
    }

    @Test
    void anUnreachableStore_isA503WithRetryAfter_andTheCauseIsLoggedNotShown() throws IOException {
        // given: a client pointed at a loopback port where nothing listens
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DynamoDbClient unreachable = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create("http://127.0.0.1:" + closedPort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
                .build();
        GetInvoiceHandler offline = new GetInvoiceHandler(new Dependencies(
                ServiceConfig.from(Map.of("TABLE_NAME", "t", "AUTHORIZATION", "off")), unreachable, Clock.systemUTC()));
        TestContext context = new TestContext();

        // when
        ApiResponse response = ApiEvents.load("get-invoice.json").invoke(offline, context);

        // then
        response.assertProblem(503, "service_unavailable");
        assertEquals("1", response.header("retry-after"));
        assertNotNull(response.json().get("request_id"));
        Map<String, Object> line = context.logObjects("request").getFirst();
        assertEquals(List.of("WARN", BigDecimal.valueOf(503), "service_unavailable"),
                List.of(line.get("level"), line.get("status"), line.get("code")), line.toString());
        assertTrue(String.valueOf(line.get("stack")).contains("SdkClientException"), line.toString());
        assertTrue(!response.body().contains("SdkClientException"), response.body());
    }

    // ---- helpers ----

    private static ApiResponse get(String customerId, String invoiceId) {
        return ApiEvents.load("get-invoice.json")
                .pathParameter("customer_id", customerId)
                .pathParameter("invoice_id", invoiceId)
                .invoke(handler);
    }

    private static String fixtureJson(String name) {
        try (InputStream in = GetInvoiceHandlerIT.class.getResourceAsStream("/invoices/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
