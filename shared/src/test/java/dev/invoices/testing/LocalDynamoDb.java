package dev.invoices.testing;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import dev.invoices.config.Dependencies;
import dev.invoices.config.ServiceConfig;
import dev.invoices.store.DynamoDbClients;
import dev.invoices.template.CloudFormationTemplate;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

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
 * <p>Extend it or call its static methods. The server starts on first use and stops when the JVM exits; each
 * test class takes its own table from {@link #createInvoicesTable()}, so classes never see each other's items.
 *
 * <p><b>Loopback only.</b> DynamoDB Local's own launcher ({@code ServerRunner}, {@code DynamoDBProxyServer}) has
 * no bind-address option: it builds a Jetty {@code Server(port)}, which listens on every interface. So this
 * class mounts DynamoDB Local's request handler ({@code LocalDynamoDBServerHandler} over an in-memory, shared
 * {@code LocalDynamoDBRequestHandler}, exactly as {@code ServerRunner} wires them) on a Jetty connector bound to
 * {@code 127.0.0.1}, on a port the operating system picks (no free-port race). Telemetry stays off: only the
 * launcher ({@code DynamoDBProxyServer.start()}) and {@code DynamoDBEmbedded} ever send it, and neither is used.
 * CORS is off too, so no web page in a browser on the machine can call it. Tables are {@code ACTIVE} at once.
 *
 * <p>The test JVM needs {@code --enable-native-access=ALL-UNNAMED} on JDK 25 (sqlite4java's native library,
 * which DynamoDB Local unpacks itself); the root POM's {@code test.argLine} sets it for Surefire and Failsafe.
 */
public abstract class LocalDynamoDb {
    /** The logical id of the invoices table in {@code template.yaml}. */
    public static final String INVOICES_TABLE = "InvoicesTable";

    private static final String LOOPBACK = "127.0.0.1";
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
        return Engine.INSTANCE.endpoint;
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
        CloudFormationTemplate template = Engine.TEMPLATE;
        DynamoDbClient client = client();

        client.createTable(template.createTableRequest(INVOICES_TABLE, tableName));
        try (DynamoDbWaiter waiter = client.waiter()) {
            waiter.waitUntilTableExists(request -> request.tableName(tableName));
        }
        template.timeToLiveAttribute(INVOICES_TABLE).ifPresent(attribute ->
                client.updateTimeToLive(request -> request
                        .tableName(tableName)
                        .timeToLiveSpecification(ttl -> ttl.attributeName(attribute).enabled(true))));
        return tableName;
    }

    /**
     * Handler dependencies around a new invoices table: {@code TABLE_NAME} is that table, the client is
     * {@link #client()}, the clock is the system's; {@code environment} adds variables such as
     * {@code CURSOR_SECRET}.
     */
    public static Dependencies dependencies(Map<String, String> environment) {
        return dependencies(environment, Clock.systemUTC());
    }

    /** {@link #dependencies(Map)} with a clock of the test's choosing. */
    public static Dependencies dependencies(Map<String, String> environment, Clock clock) {
        Map<String, String> variables = new HashMap<>(environment);
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
                "AWS_ENDPOINT_URL_DYNAMODB", endpoint().toString()));
        return new Dependencies(config, DynamoDbClients.create(config,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
                List.of(interceptors)), clock);
    }

    /** Started on first use by the JVM's lazy class initialisation, which also makes it start only once. */
    private static final class Engine {
        static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.read(RepositoryFiles.path("template.yaml"));
        static final Engine INSTANCE = start();

        final URI endpoint;
        final DynamoDbClient client;

        private Engine(URI endpoint, DynamoDbClient client) {
            this.endpoint = endpoint;
            this.client = client;
        }

        private static Engine start() {
            LocalDynamoDBServerHandler handler;
            Server server;
            ServerConnector connector;
            try {
                // (port unused by this handler, in memory, no file, one database for every key and region,
                // no artificial CREATING/DELETING delays)
                handler = new LocalDynamoDBServerHandler(
                        new LocalDynamoDBRequestHandler(0, true, null, true, false), null);
                QueuedThreadPool threads = new QueuedThreadPool();
                threads.setName("dynamodb-local");
                threads.setDaemon(true);
                server = new Server(threads);
                connector = new ServerConnector(server);
                connector.setHost(LOOPBACK);
                connector.setPort(0);
                server.addConnector(connector);
                ContextHandler context = new ContextHandler();
                context.setHandler(handler);
                server.setHandler(new ContextHandlerCollection(context));
                server.start();
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start", e);
            }

            URI endpoint = URI.create("http://" + LOOPBACK + ":" + connector.getLocalPort());
            DynamoDbClient client = DynamoDbClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();

            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                try {
                    server.stop();
                } catch (Exception e) {
                    // The JVM is exiting and the database lives in memory: nothing is lost.
                }
                handler.close();
            }, "dynamodb-local-stop"));
            return new Engine(endpoint, client);
        }
    }
}
