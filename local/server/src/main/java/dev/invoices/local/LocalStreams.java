package dev.invoices.local;

import dev.invoices.devtools.StreamPump;
import dev.invoices.template.CloudFormationTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The template's DynamoDB stream event sources, run as Lambda's event source mapping runs them: for each function
 * with a {@code Type: DynamoDB} event on a table's {@code StreamArn}, a thread reads the local table's stream (a
 * {@link StreamPump}) and invokes the function with each batch, at once when records are there and every
 * {@value #IDLE_MILLIS} ms otherwise. A batch that failed (a batch item failure, or the function threw) is read
 * again from its failure, after a pause that grows to {@value #MAX_PAUSE_MILLIS} ms; nothing moves past it, so
 * nothing is lost (the mapping would retry it, then hand it to its on-failure queue). With a data directory the
 * position is kept there ({@code <table>.stream-position}), so a restart resumes where the last run stopped.
 */
final class LocalStreams implements AutoCloseable {
    static final long IDLE_MILLIS = 200;
    static final long MAX_PAUSE_MILLIS = 5_000;

    private final List<Thread> threads;
    private volatile boolean running = true;

    /** A function's stream source: the table whose stream it reads, and its batch size. */
    record Source(String function, String table, int batchSize) {
    }

    private LocalStreams(List<Thread> threads) {
        this.threads = threads;
    }

    /** The template's DynamoDB stream event sources, in template order. */
    static List<Source> sources(CloudFormationTemplate template) {
        List<Source> sources = new ArrayList<>();
        for (String function : template.functions().keySet()) {
            for (CloudFormationTemplate.FunctionEvent event : template.events(function)) {
                Map<String, Object> p = event.properties();
                if ("DynamoDB".equals(event.type()) && p.get("Stream") instanceof Map<?, ?> stream
                        && stream.get("Fn::GetAtt") instanceof List<?> attribute && attribute.size() == 2
                        && "StreamArn".equals(attribute.get(1))) {
                    int batchSize = p.get("BatchSize") instanceof Number n ? n.intValue() : 100;
                    sources.add(new Source(function, String.valueOf(attribute.getFirst()), batchSize));
                }
            }
        }
        return sources;
    }

    /**
     * Starts one reader per source.
     *
     * @param functions the template's functions, built
     * @param log       the functions' logs and the readers' own lines
     */
    static LocalStreams start(CloudFormationTemplate template, LocalStore store, List<LocalFunction> functions,
                              Optional<Path> dataDirectory, PrintStream log) {
        List<Thread> threads = new ArrayList<>();
        LocalStreams streams = new LocalStreams(threads);
        for (Source source : sources(template)) {
            LocalFunction function = functions.stream().filter(f -> f.logicalId().equals(source.function()))
                    .findFirst().orElseThrow();
            String table = store.tableName(source.table()).orElseThrow(() -> new LocalFailure(source.function()
                    + " reads the stream of " + source.table() + ", which is not a table of the template"));
            enableStream(store.client(), template, source.table(), table);
            DynamoDbStreamsClient client = DynamoDbStreamsClient.builder()
                    .httpClient(UrlConnectionHttpClient.create())
                    .endpointOverride(store.server().endpoint())
                    .region(Region.of(LocalStore.REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .build();
            StreamPump pump = new StreamPump(client, table, LocalStore.REGION, source.batchSize(),
                    dataDirectory.map(dir -> dir.resolve(source.table() + ".stream-position")),
                    event -> function.invoke(event, log));
            Thread thread = new Thread(() -> streams.run(pump, client, source, log),
                    "invoices-local-stream-" + source.function());
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        return streams;
    }

    /** A table created before the template gave it a stream (an older data directory) gets one now. */
    private static void enableStream(DynamoDbClient client, CloudFormationTemplate template, String logicalId,
                                     String table) {
        var wanted = template.createTableRequest(logicalId, table).streamSpecification();
        var current = client.describeTable(r -> r.tableName(table)).table().streamSpecification();
        if (wanted != null && (current == null || !Boolean.TRUE.equals(current.streamEnabled()))) {
            client.updateTable(r -> r.tableName(table).streamSpecification(s -> s.streamEnabled(true)
                    .streamViewType(StreamViewType.fromValue(wanted.streamViewTypeAsString()))));
        }
    }

    private void run(StreamPump pump, DynamoDbStreamsClient client, Source source, PrintStream log) {
        long pause = 0;
        try (client) {
            while (running) {
                long wait = IDLE_MILLIS;
                try {
                    StreamPump.Pass pass = pump.pumpOnce();
                    if (pass.failed()) {
                        pause = Math.min(MAX_PAUSE_MILLIS, Math.max(500, pause * 2));
                        wait = pause;
                        log.println("stream: " + source.function() + " failed a batch of " + pass.records()
                                + (pass.failedSequenceNumber().map(s -> " at record " + s).orElse(""))
                                + pass.error().map(e -> ": " + e.getMessage()).orElse("")
                                + "; reading it again in " + pause + " ms");
                    } else {
                        pause = 0;
                        wait = pass.records() > 0 ? 0 : IDLE_MILLIS;
                    }
                } catch (RuntimeException failure) {
                    if (!running) {
                        return;
                    }
                    pause = Math.min(MAX_PAUSE_MILLIS, Math.max(500, pause * 2));
                    wait = pause;
                    log.println("stream: cannot read the stream of " + source.table() + ": " + failure);
                }
                if (wait > 0) {
                    Thread.sleep(Duration.ofMillis(wait));
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the readers, each after the batch it is handling, if any. */
    @Override
    public void close() {
        // No interrupt: it would break a batch's calls halfway; a reader sees the flag within its pause.
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
