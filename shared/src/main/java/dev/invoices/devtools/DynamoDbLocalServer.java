package dev.invoices.devtools;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Amazon DynamoDB Local running inside this JVM and listening over HTTP on {@code 127.0.0.1} only: the engine
 * behind the tests and the local server.
 *
 * <p><b>Why not DynamoDB Local's own launcher.</b> {@code ServerRunner} / {@code DynamoDBProxyServer} have no
 * bind-address option: they build a Jetty {@code Server(port)}, which listens on every interface. This class
 * mounts the same request handler ({@code LocalDynamoDBServerHandler} over a shared-database
 * {@code LocalDynamoDBRequestHandler}, wired exactly as {@code ServerRunner} wires them) on a Jetty connector
 * bound to loopback. Telemetry stays off because only that launcher and {@code DynamoDBEmbedded} ever send it,
 * and neither is used. CORS is off, so no web page in a browser on the machine can call it. Tables are
 * {@code ACTIVE} as soon as they are created.
 *
 * <p>The JVM needs {@code --enable-native-access=ALL-UNNAMED} on JDK 25 to load sqlite4java's native library
 * quietly (DynamoDB Local unpacks it from its jar itself).
 *
 * <p>This is development tooling: DynamoDB Local is an optional dependency of {@code shared}, and the function
 * jars leave this package out.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
    /** The only address the server listens on. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The region the local clients use; DynamoDB Local keeps one database for every region and key. */
    public static final Region REGION = Region.US_EAST_1;

    /**
     * sqlite4java warns through java.util.logging that it cannot tell its version when it runs from a repackaged
     * jar; held here so that the level set on it is not lost when the logger is garbage collected.
     */
    private static final Logger SQLITE_LOG = Logger.getLogger("com.almworks.sqlite4java");

    static {
        SQLITE_LOG.setLevel(Level.SEVERE);
    }

    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final URI endpoint;
    private final Optional<Path> dataDirectory;
    private boolean stopped;

    private DynamoDbLocalServer(Server server, LocalDynamoDBServerHandler handler, URI endpoint,
                                Optional<Path> dataDirectory) {
        this.server = server;
        this.handler = handler;
        this.endpoint = endpoint;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts an engine that keeps its data in memory: it is gone when the server stops.
     *
     * @param port the loopback port to listen on, or 0 for one the operating system picks
     */
    public static DynamoDbLocalServer inMemory(int port) {
        return start(null, port);
    }

    /**
     * Starts an engine that keeps its data in {@code directory} (created if missing), in one SQLite file
     * ({@code shared-local-instance.db}) for every access key and region, so that it survives a restart.
     *
     * @param port the loopback port to listen on, or 0 for one the operating system picks
     */
    public static DynamoDbLocalServer persistent(Path directory, int port) {
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + directory, e);
        }
        return start(directory.toAbsolutePath().normalize(), port);
    }

    private static DynamoDbLocalServer start(Path directory, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        LocalDynamoDBServerHandler handler = null;
        Server server = null;
        try {
            // (port unused by this handler, in memory or not, the database folder, one database for every key
            // and region, no artificial CREATING/DELETING delays)
            handler = new LocalDynamoDBServerHandler(new LocalDynamoDBRequestHandler(0, directory == null,
                    directory == null ? null : directory.toString(), true, false), null);
            QueuedThreadPool threads = new QueuedThreadPool();
            threads.setName("dynamodb-local");
            threads.setDaemon(true);
            server = new Server(threads);
            ServerConnector connector = new ServerConnector(server);
            connector.setHost(LOOPBACK);
            connector.setPort(port);
            server.addConnector(connector);
            ContextHandler context = new ContextHandler();
            context.setHandler(handler);
            server.setHandler(new ContextHandlerCollection(context));
            server.start();
            URI endpoint = URI.create("http://" + LOOPBACK + ":" + connector.getLocalPort());
            return new DynamoDbLocalServer(server, handler, endpoint, Optional.ofNullable(directory));
        } catch (Exception e) {
            stopQuietly(server, handler);
            String where = port == 0 ? "" : " on " + LOOPBACK + ":" + port;
            throw new IllegalStateException("DynamoDB Local did not start" + where + ": " + rootMessage(e), e);
        }
    }

    /** Where the engine listens: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The folder that holds the data, or empty when it lives in memory. */
    public Optional<Path> dataDirectory() {
        return dataDirectory;
    }

    /**
     * A new client for this engine: {@code UrlConnectionHttpClient}, region us-east-1, static dummy
     * credentials (DynamoDB Local accepts any). The caller closes it.
     */
    public DynamoDbClient newClient() {
        return client(endpoint);
    }

    /** A client for a DynamoDB Local at {@code endpoint}, with static dummy credentials; the caller closes it. */
    public static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /**
     * Stops listening, then closes the database, so that a persistent one is complete on disk. Calling it again
     * does nothing.
     */
    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            stopQuietly(server, handler);
        }
    }

    private static void stopQuietly(Server server, LocalDynamoDBServerHandler handler) {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                // Stopping the listener failed; closing the database below still matters more.
            }
        }
        if (handler != null) {
            handler.close();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
