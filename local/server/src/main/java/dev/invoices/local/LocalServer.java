package dev.invoices.local;

import dev.invoices.devtools.LocalEngine;
import dev.invoices.http.Authorization;
import dev.invoices.model.Invoice;
import dev.invoices.store.InvoiceStore;
import dev.invoices.template.CloudFormationTemplate;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code serve}: the local DynamoDB engine (a child process) and the HTTP API in this process, running every function of the template.
 * Tests start it in-process on port 0; {@link Main} runs it until Ctrl-C or SIGTERM.
 */
final class LocalServer implements AutoCloseable {
    /** The invoices table's logical id in {@code template.yaml}: where {@code --seed} and {@code import} write. */
    static final String INVOICES_TABLE = "InvoicesTable";

    private final LocalStore store;
    private final ApiServer api;
    private final LocalEvents events;
    private final LocalStreams streams;

    private LocalServer(LocalStore store, ApiServer api, LocalEvents events, LocalStreams streams) {
        this.store = store;
        this.api = api;
        this.events = events;
        this.streams = streams;
    }

    /**
     * What to serve.
     *
     * @param dataDirectory where the data lives; empty for memory
     * @param seed          demo invoices to add when the store is empty; 0 for none
     * @param dynamoDbPort  the port the local DynamoDB engine listens on (loopback), 0 for any
     * @param auth          how bearer tokens are checked (HS256 secret, issuer, audiences); empty for no
     *                      authorization
     * @param environment   the process environment (local secrets such as {@code CURSOR_SECRET})
     * @param eventsFile    where each published event is appended as one JSON line; empty for the console only
     * @param webhook       where each published event is POSTed; empty for nowhere
     */
    record Options(Path template, int port, Optional<Path> dataDirectory, int seed, int dynamoDbPort,
                   Optional<JwtVerifier.Settings> auth, Map<String, String> environment, Optional<Path> eventsFile,
                   Optional<URI> webhook) {
        /** Events to the console only. */
        Options(Path template, int port, Optional<Path> dataDirectory, int seed, int dynamoDbPort,
                Optional<JwtVerifier.Settings> auth, Map<String, String> environment) {
            this(template, port, dataDirectory, seed, dynamoDbPort, auth, environment, Optional.empty(),
                    Optional.empty());
        }
    }

    /**
     * Starts everything and prints where it listens; the last line is {@code Listening on http://127.0.0.1:PORT}.
     *
     * @param out the announcement
     * @param log request lines and the functions' logs
     */
    static LocalServer start(Options options, PrintStream out, PrintStream log) {
        CloudFormationTemplate template = Templates.read(options.template());
        Optional<JwtVerifier> auth = options.auth().map(settings -> new JwtVerifier(settings, Clock.systemUTC()));
        LocalStore store = LocalStore.open(template, options.dataDirectory(), options.dynamoDbPort(),
                options.environment());
        LocalEvents events = null;
        LocalStreams streams = null;
        try {
            events = LocalEvents.start(options.eventsFile(), options.webhook(), log);
            List<LocalFunction> functions = new LocalFunctions(template, store, auth.isPresent(),
                    Optional.of(events)).all();
            // Before seeding, so that the seeded invoices are announced as they are written.
            streams = LocalStreams.start(template, store, functions, options.dataDirectory(), log);
            if (options.seed() > 0) {
                seed(store, options.seed(), log);
            }
            RouteTable routes = new RouteTable(functions);
            ApiServer api = ApiServer.start(routes, options.port(), auth, log,
                    options.template().toAbsolutePath().resolveSibling(ApiServer.OPENAPI_FILE),
                    template.parameterDefault("CustomerClaim").orElse(Authorization.CUSTOMER_CLAIM));
            String base = "http://" + LocalEngine.LOOPBACK + ":" + api.port();
            for (RouteTable.Entry entry : routes.entries()) {
                out.printf("  %-7s %s%s  → %s%n", entry.route().method(), base, entry.route().path(),
                        entry.function().logicalId());
            }
            out.println("Data: " + options.dataDirectory().map(Path::toString).orElse("in memory")
                    + (auth.isPresent() ? "; authorization: HS256 bearer tokens" : "; authorization: off"));
            if (options.dynamoDbPort() != 0) {
                out.println("DynamoDB engine on " + store.server().endpoint() + " (tables: "
                        + String.join(", ", template.tableLogicalIds()) + ")");
            }
            for (LocalStreams.Source source : LocalStreams.sources(template)) {
                out.println("  stream  " + source.table() + "  → " + source.function() + "  → events: console"
                        + options.eventsFile().map(f -> ", " + f).orElse("")
                        + options.webhook().map(w -> ", " + w).orElse(""));
            }
            out.println("Listening on " + base);
            out.flush();
            return new LocalServer(store, api, events, streams);
        } catch (RuntimeException e) {
            if (streams != null) {
                streams.close();
            }
            if (events != null) {
                events.close();
            }
            store.close();
            throw e;
        }
    }

    private static void seed(LocalStore store, int count, PrintStream log) {
        String table = store.tableName(INVOICES_TABLE).orElseThrow(() ->
                new LocalFailure("--seed needs the table " + INVOICES_TABLE + ", which the template does not define"));
        InvoiceWriter writer = new InvoiceWriter(store.client(), table);
        if (!writer.isEmpty()) {
            log.println("The store already holds invoices: --seed adds none.");
            return;
        }
        List<Invoice> invoices = DemoInvoices.generate(count);
        writer.writeAll(invoices.stream().map(InvoiceStore.Create::new).toList(), written -> { });
        log.println("Seeded " + count + " demo invoices (customers acme-corp, globex, initech, umbrella,"
                + " stark-industries).");
    }

    int port() {
        return api.port();
    }

    URI baseUri() {
        return URI.create("http://" + LocalEngine.LOOPBACK + ":" + port());
    }

    URI dynamoDbEndpoint() {
        return store.server().endpoint();
    }

    /**
     * Stops the HTTP server first (no request reaches a closed store), then the stream readers (each after its
     * batch, so that the position kept is the last one published), the event bus, then the DynamoDB engine.
     */
    @Override
    public void close() {
        try {
            api.close();
        } finally {
            try {
                streams.close();
                events.close();
            } finally {
                store.close();
            }
        }
    }
}
