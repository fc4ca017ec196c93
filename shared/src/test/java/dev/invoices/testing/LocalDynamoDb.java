package dev.invoices.testing;

import dev.invoices.config.Dependencies;
import dev.invoices.config.ServiceConfig;
import dev.invoices.devtools.DynamoDbLocalServer;
import dev.invoices.devtools.LocalTables;
import dev.invoices.store.DynamoDbClients;
import dev.invoices.template.CloudFormationTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Base for tests that need DynamoDB: one in-memory Amazon DynamoDB Local 2.6.1 per test JVM, reached over HTTP
 * on loopback through a real SDK v2 client, so that requests go through the whole SDK pipeline (marshalling,
 * signing, retries, error unmarshalling) as they do in Lambda.
 *
 * <p>Extend it or call its static methods. The server ({@link DynamoDbLocalServer}: loopback only, a port the
 * operating system picks, telemetry off) starts on first use and stops when the JVM exits; each test class takes
 * its own table from {@link #createInvoicesTable()}, so classes never see each other's items.
 *
 * <p>The test JVM needs {@code --enable-native-access=ALL-UNNAMED} on JDK 25 (sqlite4java's native library,
 * which DynamoDB Local unpacks itself); the root POM's {@code test.argLine} sets it for Surefire and Failsafe.
 */
public abstract class LocalDynamoDb {
    /** The logical id of the invoices table in {@code template.yaml}. */
    public static final String INVOICES_TABLE = "InvoicesTable";

    private static final AtomicInteger TABLE_COUNTER = new AtomicInteger();

    protected LocalDynamoDb() {
    }

    /**
     * A client for the local engine, shared by every test in the JVM; do not close it.
     *
     * @return a {@code DynamoDbClient} on {@code UrlConnectionHttpClient}, region {@code us-east-1}, static
     *         dummy credentials, endpoint {@link #endpoint()}
     */
    public static DynamoDbClient client() {
        return Engine.INSTANCE.client;
    }

    /**
     * Where the local engine listens, for code under test that builds its own client (for example through
     * {@code AWS_ENDPOINT_URL_DYNAMODB}).
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public static URI endpoint() {
        return Engine.INSTANCE.server.endpoint();
    }

    /**
     * Creates a new, empty invoices table from {@code template.yaml}'s {@value #INVOICES_TABLE} resource (key
     * schema, attributes, indexes and billing mode as deployed), waits until it is active, and turns on TTL
     * when the template does.
     *
     * @return the new table's name, unique in this JVM ({@code invoices-1}, {@code invoices-2}, …)
     */
    public static String createInvoicesTable() {
        String tableName = "invoices-" + TABLE_COUNTER.incrementAndGet();
        LocalTables.create(client(), Engine.TEMPLATE, INVOICES_TABLE, tableName);
        return tableName;
    }

    /**
     * Handler dependencies around a new invoices table: {@code TABLE_NAME} is that table, the client is
     * {@link #client()}, the clock is the system's, authorization is off (tests of authorization turn it on
     * with {@code ServiceConfig.withAuthorizationRequired}); {@code environment} adds or overrides variables
     * such as {@code CURSOR_SECRET}.
     */
    public static Dependencies dependencies(Map<String, String> environment) {
        return dependencies(environment, Clock.systemUTC());
    }

    /** {@link #dependencies(Map)} with a clock of the test's choosing. */
    public static Dependencies dependencies(Map<String, String> environment, Clock clock) {
        Map<String, String> variables = new HashMap<>(Map.of(ServiceConfig.AUTHORIZATION, "off"));
        variables.putAll(environment);
        variables.put(ServiceConfig.TABLE_NAME, createInvoicesTable());
        return new Dependencies(ServiceConfig.from(variables), client(), clock);
    }

    /**
     * Dependencies around a new invoices table whose client is built by the production factory
     * ({@code DynamoDbClients}: same timeouts and retries as in Lambda) plus {@code interceptors}, for tests
     * that count requests or inject faults.
     */
    public static Dependencies dependencies(Clock clock, ExecutionInterceptor... interceptors) {
        String table = createInvoicesTable();
        ServiceConfig config = ServiceConfig.from(Map.of(ServiceConfig.TABLE_NAME, table,
                "AWS_ENDPOINT_URL_DYNAMODB", endpoint().toString(), ServiceConfig.AUTHORIZATION, "off"));
        return new Dependencies(config, DynamoDbClients.create(config,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
                List.of(interceptors)), clock);
    }

    /** Started on first use by the JVM's lazy class initialisation, which also makes it start only once. */
    private static final class Engine {
        static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.read(RepositoryFiles.path("template.yaml"));
        static final Engine INSTANCE = start();

        final DynamoDbLocalServer server;
        final DynamoDbClient client;

        private Engine(DynamoDbLocalServer server, DynamoDbClient client) {
            this.server = server;
            this.client = client;
        }

        private static Engine start() {
            DynamoDbLocalServer server = DynamoDbLocalServer.inMemory(0);
            DynamoDbClient client = server.newClient();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                // The JVM is exiting and the database lives in memory: nothing is lost.
                server.close();
            }, "dynamodb-local-stop"));
            return new Engine(server, client);
        }
    }
}
