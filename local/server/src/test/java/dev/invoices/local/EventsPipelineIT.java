package dev.invoices.local;

import com.sun.net.httpserver.HttpServer;
import dev.invoices.config.Dependencies;
import dev.invoices.config.ServiceConfig;
import dev.invoices.devtools.LocalEngine;
import dev.invoices.functions.RefreshDraftsHandler;
import dev.invoices.json.Json;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.RepositoryFiles;
import dev.invoices.testing.TestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration test of the events pipeline as {@code serve --events FILE} runs it: the real routes over HTTP change
 * invoices, the publisher reads the local engine's stream through its entry point, and each event is a line of the
 * file as EventBridge delivers it. Every test counts the lines exactly, after waiting long enough for a stray one.
 */
class EventsPipelineIT {
    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
    /** Longer than an event may take (2 s), so that an event that should not exist has had time to appear. */
    private static final Duration SETTLE = Duration.ofMillis(2_500);

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalServer server;
    private Path eventsFile;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        http.close();
    }

    private void start() {
        start(Optional.empty());
    }

    private void start(Optional<URI> webhook) {
        eventsFile = data.resolve("events.jsonl");
        server = LocalServer.start(new LocalServer.Options(RepositoryFiles.path("template.yaml"), 0,
                Optional.of(data.resolve("store")), 0, 0, Optional.empty(), Map.of(), Optional.of(eventsFile),
                webhook), System.out, System.err);
    }

    @Test
    void withAWebhook_eachEventIsPostedThere_asTheFileHasIt() throws Exception {
        // given a receiver on loopback, and serve posting to it
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            start(Optional.of(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")));
            seed(List.of(invoice("inv_w", InvoiceStatus.FINALIZED)));
            awaitEvents(1, SETTLE);

            // when
            assertEquals(200, post("/v1/invoices/void", "{\"id\":\"inv_w\"}").statusCode());
            List<Map<String, Object>> events = awaitEvents(2, SETTLE);
            long deadline = System.nanoTime() + SETTLE.toNanos();
            while (received.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            // then
            List<String> lines = Files.readAllLines(eventsFile, StandardCharsets.UTF_8);
            assertEquals(lines.stream().map(line -> "application/json " + line).toList(), received);
            assertEquals("Invoice Voided", events.getLast().get("detail-type"));
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void oneVoid_oneRegeneration_andOneDraftRefresh_eachGiveExactlyOneEvent_withTheInvoiceAsGetReturnsIt()
            throws Exception {
        // given a finalized invoice and a draft with stale amounts, announced as created
        start();
        seed(List.of(invoice("inv_f", InvoiceStatus.FINALIZED), stale(invoice("inv_d", InvoiceStatus.DRAFT))));
        int created = awaitEvents(2, SETTLE).size();

        // when the invoice is voided: one event, within 2 s
        long before = System.nanoTime();
        assertEquals(200, post("/v1/invoices/void", "{\"id\":\"inv_f\",\"reason\":\"duplicate\"}").statusCode());
        List<Map<String, Object>> afterVoid = awaitEvents(created + 1, Duration.ofSeconds(2));
        assertTrue(System.nanoTime() - before < Duration.ofSeconds(2).toNanos() + 500_000_000L);
        Map<String, Object> voided = afterVoid.getLast();
        assertEquals("Invoice Voided", voided.get("detail-type"));
        assertEquals("invoices", voided.get("source"));
        assertEquals(get("acme-corp", "inv_f"), detail(voided).get("invoice"));
        assertEquals(Map.of("status", "FINALIZED", "version", BigDecimal.ONE), detail(voided).get("previous"));
        assertEquals("inv_f:2", detail(voided).get("event_id"));

        // when it is regenerated: one event, for the replacement, although two items changed
        HttpResponse<String> regenerated = post("/v1/invoices/regenerate", "{\"id\":\"inv_f\"}");
        assertEquals(201, regenerated.statusCode());
        String replacementId = (String) data(regenerated.body()).get("id");
        Map<String, Object> regeneratedEvent = awaitEvents(created + 2, SETTLE).getLast();
        assertEquals("Invoice Regenerated", regeneratedEvent.get("detail-type"));
        assertEquals(get("acme-corp", replacementId), detail(regeneratedEvent).get("invoice"));
        assertEquals("inv_f", detail(regeneratedEvent).get("regenerated_from_invoice_id"));

        // when the stale draft is regenerated: its amounts are recomputed, one event
        assertEquals(200, post("/v1/invoices/regenerate", "{\"id\":\"inv_d\"}").statusCode());
        List<Map<String, Object>> all = awaitEvents(created + 3, SETTLE);
        Map<String, Object> refreshed = all.getLast();
        assertEquals("Invoice Refreshed", refreshed.get("detail-type"));
        assertEquals(get("acme-corp", "inv_d"), detail(refreshed).get("invoice"));
        assertEquals(Map.of("status", "DRAFT", "version", BigDecimal.ONE), detail(refreshed).get("previous"));

        // and nothing else was announced
        assertEquals(List.of("Invoice Created", "Invoice Created", "Invoice Voided", "Invoice Regenerated",
                "Invoice Refreshed"), all.stream().map(e -> e.get("detail-type")).toList());
    }

    @Test
    void twentyConcurrentVoids_giveOneEvent_andTwentyConcurrentRegenerations_giveOneInvoiceRegenerated()
            throws Exception {
        // given
        start();
        seed(List.of(invoice("inv_v", InvoiceStatus.FINALIZED), invoice("inv_r", InvoiceStatus.VOID)));
        int created = awaitEvents(2, SETTLE).size();

        // when twenty void inv_v and twenty regenerate inv_r, at once
        List<Integer> voids = concurrently(20, () -> post("/v1/invoices/void", "{\"id\":\"inv_v\"}").statusCode());
        List<Integer> regenerations = concurrently(20,
                () -> post("/v1/invoices/regenerate", "{\"id\":\"inv_r\"}").statusCode());

        // then
        assertTrue(voids.stream().allMatch(status -> status == 200 || status == 409), voids.toString());
        assertEquals(1, regenerations.stream().filter(status -> status == 201).count(), regenerations.toString());
        List<Map<String, Object>> events = awaitEvents(created + 2, SETTLE);
        assertEquals(List.of("Invoice Voided inv_v:2", "Invoice Regenerated"),
                events.subList(created, events.size()).stream()
                        .map(e -> e.get("detail-type").equals("Invoice Voided")
                                ? e.get("detail-type") + " " + detail(e).get("event_id") : e.get("detail-type"))
                        .toList());
    }

    @Test
    void aReplayedKey_aRefusedVoid_andVoidingAVoidInvoice_announceNothing() throws Exception {
        // given a voided invoice (announced), and a paid one
        start();
        Invoice paid = invoice("inv_p", InvoiceStatus.FINALIZED);
        paid = new Invoice(paid.id(), paid.customerId(), paid.statementNumber(), paid.status(), true,
                paid.currencyCode(), paid.startTimestamp(), paid.endTimestamp(), paid.issuedAt(), paid.planId(),
                paid.planName(), paid.planCustomFields(), paid.subLineItems(), paid.invoiceAdjustments(),
                paid.subtotal(), paid.tax(), paid.total(), null, null, null, null, paid.createdAt(), paid.updatedAt(), 1);
        seed(List.of(invoice("inv_k", InvoiceStatus.FINALIZED), paid));
        int created = awaitEvents(2, SETTLE).size();
        assertEquals(200, post("/v1/invoices/void", "{\"id\":\"inv_k\"}", "key-1").statusCode());
        int voided = awaitEvents(created + 1, SETTLE).size();

        // when
        HttpResponse<String> replay = post("/v1/invoices/void", "{\"id\":\"inv_k\"}", "key-1");
        HttpResponse<String> refused = post("/v1/invoices/void", "{\"id\":\"inv_p\"}");
        HttpResponse<String> again = post("/v1/invoices/void", "{\"id\":\"inv_k\"}");

        // then
        assertEquals(Optional.of("true"), replay.headers().firstValue("Idempotent-Replayed"));
        assertEquals(409, refused.statusCode());
        assertEquals(200, again.statusCode());
        Thread.sleep(SETTLE);
        assertEquals(voided, events().size());
    }

    @Test
    void theScheduleRefreshingAThousandDrafts_ofWhichAHundredChanged_givesExactlyAHundredEvents() throws Exception {
        // given 1,000 drafts, every tenth with stale amounts
        start();
        List<Invoice> drafts = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Invoice draft = invoice("inv_s_%04d".formatted(i), InvoiceStatus.DRAFT);
            drafts.add(i % 10 == 0 ? stale(draft) : draft);
        }
        seed(drafts);
        int created = awaitEvents(1_000, Duration.ofSeconds(120)).size();

        // when the hourly schedule runs, through its handler's entry point, on serve's engine
        try (DynamoDbClient client = LocalEngine.client(server.dynamoDbEndpoint())) {
            RefreshDraftsHandler schedule = new RefreshDraftsHandler(new Dependencies(ServiceConfig.from(Map.of(
                    ServiceConfig.TABLE_NAME, LocalServer.INVOICES_TABLE, ServiceConfig.AUTHORIZATION, "off")),
                    client, Clock.systemUTC()));
            schedule.handleRequest(new ByteArrayInputStream(Files.readAllBytes(
                    RepositoryFiles.path("events/scheduled-refresh-drafts.json"))), new ByteArrayOutputStream(),
                    TestContext.withRemainingTime(() -> 300_000));
        }

        // then exactly the hundred stale drafts are announced, once each
        List<Map<String, Object>> events = awaitEvents(created + 100, Duration.ofSeconds(60));
        Thread.sleep(SETTLE);
        List<Map<String, Object>> refreshed = events().subList(created, events().size());
        assertEquals(100, refreshed.size());
        assertEquals(100, refreshed.stream().map(e -> detail(e).get("invoice_id")).distinct().count());
        assertTrue(refreshed.stream().allMatch(e -> e.get("detail-type").equals("Invoice Refreshed")
                && Integer.parseInt(((String) detail(e).get("invoice_id")).substring(6)) % 10 == 0));
        assertEquals(created + 100, events.size());
    }

    @Test
    void aRestartedServe_resumesTheStreamWhereItStopped_neitherLosingNorRepeatingAnEvent() throws Exception {
        // given two invoices, one voided before a restart
        start();
        seed(List.of(invoice("inv_1", InvoiceStatus.FINALIZED), invoice("inv_2", InvoiceStatus.FINALIZED)));
        awaitEvents(2, SETTLE);
        assertEquals(200, post("/v1/invoices/void", "{\"id\":\"inv_1\"}").statusCode());
        awaitEvents(3, SETTLE);

        // when serve restarts on the same data, and the other is voided
        server.close();
        start();
        assertEquals(200, post("/v1/invoices/void", "{\"id\":\"inv_2\"}").statusCode());
        Thread.sleep(SETTLE);

        // then
        assertEquals(List.of("inv_1:1", "inv_2:1", "inv_1:2", "inv_2:2"),
                events().stream().map(e -> detail(e).get("event_id")).toList());
    }

    private static Invoice invoice(String id, InvoiceStatus status) {
        return InvoiceFixtures.simple(id, "acme-corp", status, START);
    }

    /** A draft whose stored amounts are a cent off what recomputing them gives. */
    private static Invoice stale(Invoice draft) {
        BigDecimal cent = new BigDecimal("0.01");
        return draft.withAmounts(draft.subLineItems(), draft.invoiceAdjustments(), draft.subtotal().add(cent),
                draft.tax(), draft.total().add(cent));
    }

    private void seed(List<Invoice> invoices) {
        try (DynamoDbClient client = LocalEngine.client(server.dynamoDbEndpoint())) {
            new InvoiceWriter(client, LocalServer.INVOICES_TABLE)
                    .writeAll(invoices.stream().map(InvoiceStore.Create::new).toList(), written -> { });
        }
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return post(path, body, null);
    }

    private HttpResponse<String> post(String path, String body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET's {@code data}: the invoice as the API returns it. */
    private Map<String, Object> get(String customerId, String invoiceId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUri()
                .resolve("/v1/customers/" + customerId + "/invoices/" + invoiceId)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return data(response.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(String body) {
        return (Map<String, Object>) Json.readObject(body).get("data");
    }

    private List<Integer> concurrently(int count, Callable<Integer> call) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(count)) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(call));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    /** The file's events, once it holds at least {@code count}; fails after {@code within}. */
    private List<Map<String, Object>> awaitEvents(int count, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        List<Map<String, Object>> events = events();
        while (events.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            events = events();
        }
        assertTrue(events.size() >= count, "expected " + count + " events within " + within + ", found "
                + events.size());
        return events;
    }

    private List<Map<String, Object>> events() throws IOException {
        if (!Files.exists(eventsFile)) {
            return List.of();
        }
        return Files.readAllLines(eventsFile, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).map(Json::readObject).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Map<String, Object> event) {
        return (Map<String, Object>) event.get("detail");
    }
}
