package dev.invoices.local;

import dev.invoices.devtools.LocalEventBus;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * EventBridge, on this machine: a {@link LocalEventBus} on loopback, which the publisher's real SDK client sends
 * to, and what it delivers each event to, as EventBridge delivers it to a rule's target: the console log (one JSON
 * line), with {@code --events FILE} that file (appended, one JSON line an event), and with {@code --webhook URL} a
 * POST of the event to that URL (in order, on a thread of its own, each tried three times).
 */
final class LocalEvents implements AutoCloseable {
    private static final int WEBHOOK_TRIES = 3;

    private final LocalEventBus bus;
    private final EventBridgeClient client;
    private final Optional<BufferedWriter> file;
    private final Optional<URI> webhook;
    private final PrintStream log;
    private final ExecutorService webhookSender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "invoices-local-webhook");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalEvents(Optional<Path> eventsFile, Optional<URI> webhook, PrintStream log) {
        this.webhook = webhook;
        this.log = log;
        this.file = eventsFile.map(path -> {
            try {
                if (path.getParent() != null) {
                    Files.createDirectories(path.getParent());
                }
                return Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new LocalFailure("cannot write the events file " + path + ": " + e.getMessage(), e);
            }
        });
        this.bus = LocalEventBus.start(this::deliver, LocalStore.ACCOUNT_ID, LocalStore.REGION);
        this.client = EventBridgeClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(bus.endpoint())
                .region(Region.of(LocalStore.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    /**
     * @param eventsFile where to append each event, if anywhere
     * @param webhook    where to POST each event, if anywhere
     * @param log        the console log, which gets every event
     */
    static LocalEvents start(Optional<Path> eventsFile, Optional<URI> webhook, PrintStream log) {
        return new LocalEvents(eventsFile, webhook, log);
    }

    /** A client of the local bus, with the settings a function's own would have. */
    EventBridgeClient client() {
        return client;
    }

    private synchronized void deliver(String event) {
        file.ifPresent(writer -> {
            try {
                writer.write(event);
                writer.write('\n');
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        log.println(event);
        log.flush();
        webhook.ifPresent(url -> webhookSender.execute(() -> post(url, event)));
    }

    private void post(URI url, String event) {
        for (int attempt = 1; attempt <= WEBHOOK_TRIES; attempt++) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(5))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(event))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 300) {
                    return;
                }
                log.println("webhook: " + url + " answered " + response.statusCode() + " (try " + attempt + ")");
            } catch (IOException e) {
                log.println("webhook: " + url + " failed: " + e.getMessage() + " (try " + attempt + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        webhookSender.shutdown();
        try {
            webhookSender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
        bus.close();
        file.ifPresent(writer -> {
            try {
                writer.close();
            } catch (IOException ignored) {
                // nothing left to write
            }
        });
        http.close();
    }
}
