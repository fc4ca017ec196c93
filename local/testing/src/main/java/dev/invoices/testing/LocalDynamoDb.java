package dev.invoices.testing;

import dev.invoices.config.Dependencies;
import dev.invoices.config.ServiceConfig;
import dev.invoices.devtools.LocalEngine;
import dev.invoices.devtools.LocalTables;
import dev.invoices.store.DynamoDbClients;
import dev.invoices.template.CloudFormationTemplate;
import dev.invoices.template.CloudFormationTemplate.FunctionDefinition;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Base for tests that need DynamoDB, and their one seam to it: a real SDK v2 client over HTTP, so that requests
 * go through the whole SDK pipeline (marshalling, signing, retries, error unmarshalling) as they do in Lambda.
 *
 * <p>By default the engine is the project's own ({@link LocalEngine}: moto's server as a child process on a
 * loopback port the operating system picks, in memory), started on first use and stopped when the JVM exits.
 * With {@value #ENDPOINT_VARIABLE} set, the same tests run unchanged against that endpoint instead: real
 * DynamoDB ({@code https://dynamodb.eu-west-1.amazonaws.com}, with credentials from the SDK's default chain and
 * {@code AWS_REGION}), LocalStack, or any other DynamoDB-compatible engine. Each test class takes its own table
 * from {@link #createInvoicesTable()}, named uniquely for this JVM, so classes and concurrent runs never see each
 * other's items; on an endpoint of the caller's, the tables are deleted when the JVM exits.
 *
 * <p>Every client built here carries a {@link DynamoDbCallRecorder}, so that the requests the functions' handlers
 * make in the tests are written to the module's {@value DynamoDbCallRecorder#FILE}, which the test of the IAM
 * roles reads.
 */
public abstract class LocalDynamoDb {
    /** The logical id of the invoices table in {@code template.yaml}. */
    public static final String INVOICES_TABLE = "InvoicesTable";
    /** Names a DynamoDB endpoint to test against instead of starting the project's engine. */
    public static final String ENDPOINT_VARIABLE = "INVOICES_TEST_DYNAMODB_ENDPOINT";

    private static final AtomicInteger TABLE_COUNTER = new AtomicInteger();
    /** Unique to this JVM, so that test JVMs sharing one endpoint never reuse a table name. */
    private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36)
            + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    protected LocalDynamoDb() {
    }

    /**
     * A client for the local engine, shared by every test in the JVM; do not close it.
     *
     * @return a {@code DynamoDbClient} on {@code UrlConnectionHttpClient}, endpoint {@link #endpoint()}, with
     *         {@link #credentials()}
     */
    public static DynamoDbClient client() {
        return Engine.INSTANCE.client;
    }

    /**
     * Where the local engine listens, for code under test that builds its own client (for example through
     * {@code AWS_ENDPOINT_URL_DYNAMODB}).
     *
     * @return {@code http://127.0.0.1:<port>}, or the endpoint {@value #ENDPOINT_VARIABLE} names
     */
    public static URI endpoint() {
        return Engine.INSTANCE.endpoint;
    }

    /** The credentials the engine takes: dummy ones locally, the SDK's default chain on a caller's endpoint. */
    public static AwsCredentialsProvider credentials() {
        return Engine.INSTANCE.credentials;
    }

    /**
     * A DynamoDB Streams client for the local engine that records its calls as {@code function}'s, for the test of
     * its role: Lambda's event source mapping reads a stream with the role of the function it invokes.
     */
    public static DynamoDbStreamsClient streams(String function) {
        return DynamoDbStreamsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint())
                .region(LocalEngine.REGION)
                .credentialsProvider(credentials())
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder(function)))
                .build();
    }

    /**
     * Records the calls of a client of another AWS service (DynamoDB Streams, EventBridge) as {@code function}'s,
     * into the same file as the DynamoDB calls, for the test of the roles ({@link FunctionCallRecorder}).
     */
    public static FunctionCallRecorder recorder(String function) {
        return new FunctionCallRecorder(function, Engine.RECORDER,
                name -> Optional.ofNullable(Engine.LOGICAL_IDS.get(name)), Engine.TEMPLATE.resources().keySet());
    }

    /**
     * Creates a new, empty invoices table from {@code template.yaml}'s {@value #INVOICES_TABLE} resource (key
     * schema, attributes, indexes and billing mode as deployed), waits until it is active, and turns on TTL
     * when the template does.
     *
     * @return the new table's name, unique to this JVM ({@code invoices-<run>-1}, {@code invoices-<run>-2}, …)
     */
    public static String createInvoicesTable() {
        String tableName = "invoices-" + RUN + "-" + TABLE_COUNTER.incrementAndGet();
        Engine.LOGICAL_IDS.put(tableName, INVOICES_TABLE);
        LocalTables.create(client(), Engine.TEMPLATE, INVOICES_TABLE, tableName);
        Engine.INSTANCE.created.add(tableName);
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
     * that count requests or inject faults. The {@link DynamoDbCallRecorder} comes first, so that it records
     * requests that a later interceptor fails.
     */
    public static Dependencies dependencies(Clock clock, ExecutionInterceptor... interceptors) {
        String table = createInvoicesTable();
        ServiceConfig config = ServiceConfig.from(Map.of(ServiceConfig.TABLE_NAME, table,
                ServiceConfig.AUTHORIZATION, "off"));
        List<ExecutionInterceptor> all = new ArrayList<>(List.of(Engine.RECORDER));
        all.addAll(List.of(interceptors));
        return new Dependencies(config, DynamoDbClients.create(config.region(), Optional.of(endpoint()),
                credentials(), all), clock);
    }

    /** Started on first use by the JVM's lazy class initialisation, which also makes it start only once. */
    private static final class Engine {
        static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.read(RepositoryFiles.path("template.yaml"));
        /** Table names the tests created, mapped to their logical ids in the template. */
        static final Map<String, String> LOGICAL_IDS = new ConcurrentHashMap<>();
        static final DynamoDbCallRecorder RECORDER = new DynamoDbCallRecorder(
                TEMPLATE.functions().values().stream().collect(Collectors.toMap(
                        function -> function.handler().substring(0, function.handler().indexOf("::")),
                        FunctionDefinition::logicalId)),
                name -> Optional.ofNullable(LOGICAL_IDS.get(name)),
                Engine::partitionKey,
                DynamoDbCallRecorder.moduleFile());
        static final Engine INSTANCE = start();

        final URI endpoint;
        final AwsCredentialsProvider credentials;
        final DynamoDbClient client;
        final Queue<String> created = new ConcurrentLinkedQueue<>();

        private Engine(URI endpoint, AwsCredentialsProvider credentials, DynamoDbClient client) {
            this.endpoint = endpoint;
            this.credentials = credentials;
            this.client = client;
        }

        private static Engine start() {
            String given = System.getenv(ENDPOINT_VARIABLE);
            if (given != null && !given.isBlank()) {
                return external(URI.create(given.strip()));
            }
            // The engine stops itself when this JVM exits: its lifeline is the JVM's pipe to it.
            LocalEngine engine = LocalEngine.inMemory(0);
            AwsCredentialsProvider dummy = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
            return new Engine(engine.endpoint(), dummy,
                    LocalEngine.client(engine.endpoint(), LocalEngine.REGION, dummy, List.of(RECORDER)));
        }

        private static String partitionKey(String logicalId) {
            return TEMPLATE.createTableRequest(logicalId, logicalId).keySchema().stream()
                    .filter(key -> key.keyType() == KeyType.HASH)
                    .findFirst()
                    .orElseThrow()
                    .attributeName();
        }

        private static Engine external(URI endpoint) {
            AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
            String region = System.getenv().getOrDefault("AWS_REGION", LocalEngine.REGION.id());
            DynamoDbClient client = LocalEngine.client(endpoint, Region.of(region), credentials, List.of(RECORDER));
            Engine engine = new Engine(endpoint, credentials, client);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (String table : engine.created) {
                    try {
                        client.deleteTable(request -> request.tableName(table));
                    } catch (RuntimeException alreadyGone) {
                        // nothing left to clean up
                    }
                }
                client.close();
            }, "test-tables-cleanup"));
            return engine;
        }
    }
}
