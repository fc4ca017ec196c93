package dev.invoices.functions;

import dev.invoices.config.Dependencies;
import dev.invoices.events.MalformedEventException;
import dev.invoices.idempotency.IdempotencyStore;
import dev.invoices.json.InvoiceJson;
import dev.invoices.json.Json;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.ApiEvents;
import dev.invoices.testing.ApiResponse;
import dev.invoices.testing.DynamoDbFaults;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.LocalDynamoDb;
import dev.invoices.testing.RequestCounter;
import dev.invoices.testing.TestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.invoices.testing.Claims.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration test: the void function's real entry point with {@code events/void-invoice.json} and
 * {@code events/eventbridge-void-invoice.json}, on the local DynamoDB engine; the stored invoice is checked after each call.
 */
class VoidInvoiceHandlerIT {
    private static final Instant NOW = Instant.parse("2025-07-01T10:00:00Z");
    private static final Instant PERIOD = Instant.parse("2025-05-01T00:00:00Z");
    private static final AtomicInteger IDS = new AtomicInteger();

    private static InvoiceStore store;
    private static Dependencies dependencies;
    private static VoidInvoiceHandler handler;
    private static VoidInvoiceHandler authorizingHandler;

    @BeforeAll
    static void createTable() {
        dependencies = LocalDynamoDb.dependencies(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
        store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());
        handler = new VoidInvoiceHandler(dependencies);
        authorizingHandler = new VoidInvoiceHandler(new Dependencies(
                dependencies.config().withAuthorizationRequired(true), dependencies.dynamoDb(), dependencies.clock()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DRAFT", "FINALIZED"})
    void voidingAnUnpaidInvoice_makesItVoidOnce(String status) {
        // given
        Invoice invoice = seed(InvoiceStatus.valueOf(status), false);

        // when
        ApiResponse response = voidRequest(invoice.id(), "Billed twice").invoke(handler);

        // then
        assertEquals(200, response.status(), response.body());
        Invoice stored = stored(invoice);
        assertEquals(invoice.voided(NOW, "Billed twice"), stored);
        assertEquals(InvoiceStatus.VOID, stored.status());
        assertEquals(invoice.version() + 1, stored.version());
        assertEquals(Map.of("data", Json.readTree(InvoiceJson.toJson(stored))), response.json());
    }

    @Test
    void theSampleEvent_voidsTheInvoiceItNames_withItsReason() {
        // given: events/void-invoice.json voids inv_2024_10_acme
        Invoice invoice = InvoiceFixtures.withId(InvoiceFixtures.simple("x", "acme-corp", InvoiceStatus.FINALIZED, PERIOD),
                "inv_2024_10_acme", "acme-corp");
        assertTrue(store.create(invoice));

        // when
        ApiResponse response = ApiEvents.load("void-invoice.json").invoke(handler);

        // then
        assertEquals(200, response.status(), response.body());
        assertEquals("Billed the wrong plan", stored(invoice).voidReason());
    }

    @Test
    void voidingAVoidInvoice_returnsItUnchanged() {
        Invoice invoice = seed(InvoiceStatus.VOID, false);

        ApiResponse response = voidRequest(invoice.id(), "again").invoke(handler);

        assertEquals(200, response.status());
        assertEquals(invoice, stored(invoice));
        assertEquals(Map.of("data", Json.readTree(InvoiceJson.toJson(invoice))), response.json());
    }

    @Test
    void voidingAPaidInvoice_isAConflict_andChangesNothing() {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, true);

        ApiResponse response = voidRequest(invoice.id(), null).invoke(handler);

        response.assertProblem(409, "invalid_state");
        assertEquals(invoice, stored(invoice));
    }

    @Test
    void anUnknownInvoice_isA404() {
        voidRequest("inv_nope", null).invoke(handler).assertProblem(404, "not_found");
    }

    @Test
    void anotherCustomersInvoice_isA404_andStaysUntouched() {
        Invoice theirs = seed(InvoiceStatus.FINALIZED, false);

        ApiResponse response = voidRequest(theirs.id(), null)
                .authorizer(claim("someone-else"), List.of("invoices:write")).invoke(authorizingHandler);

        response.assertProblem(404, "not_found");
        assertEquals(theirs, stored(theirs));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\": \"inv_x\", \"status\": \"VOID\"}",
            "{\"id\": \"inv_x\", \"version\": 9}",
            "{}",
            "{\"id\": 42}",
            "{\"id\": \"a#b\"}",
            "{\"id\": \"inv_x\", \"reason\": 5}"})
    void aBadBody_isA400NamingTheField_andChangesNothing(String body) {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);
        String json = body.replace("inv_x", invoice.id());

        ApiResponse response = ApiEvents.load("void-invoice.json").body(json).header("idempotency-key", null)
                .invoke(handler);

        response.assertProblem(400, "invalid_request");
        assertEquals(invoice, stored(invoice));
    }

    @Test
    void aReasonWithABidiOverride_isRejected() {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);

        ApiResponse response = voidRequest(invoice.id(), "refund \u202Edetalp").invoke(handler);

        response.assertProblem(400, "invalid_request");
        assertEquals(List.of("reason"), response.errorFields());
        assertEquals(invoice, stored(invoice));
    }

    @Test
    void aReasonOver500Characters_isRejected() {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);

        ApiResponse response = voidRequest(invoice.id(), "r".repeat(501)).invoke(handler);

        response.assertProblem(400, "invalid_request");
        assertEquals(List.of("reason"), response.errorFields());
        assertEquals(invoice, stored(invoice));
    }

    @ParameterizedTest(name = "{0} emoji")
    @ValueSource(ints = {300, 500})
    void aReasonOfEmoji_isCountedInCharacters_notInUtf16Units(int count) {
        // given: each emoji is one character but two UTF-16 units
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);
        String reason = "\uD83D\uDE00".repeat(count);

        // when
        ApiResponse response = voidRequest(invoice.id(), reason).invoke(handler);

        // then
        assertEquals(200, response.status(), response.body());
        assertEquals(reason, stored(invoice).voidReason());
    }

    @Test
    void aReasonOf501Emoji_isRejected() {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);

        ApiResponse response = voidRequest(invoice.id(), "\uD83D\uDE00".repeat(501)).invoke(handler);

        response.assertProblem(400, "invalid_request");
        assertEquals(List.of("reason"), response.errorFields());
        assertEquals(invoice, stored(invoice));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "not json", "[1,2]", "{\"id\": \"a\", \"id\": \"b\"}"})
    void aBodyThatIsNotAJsonObject_isA400MalformedJson(String body) {
        ApiResponse response = ApiEvents.load("void-invoice.json").body(body).header("idempotency-key", null)
                .invoke(handler);

        response.assertProblem(400, "malformed_json");
    }

    @Test
    void aBodyOfSeveralMegabytes_isA413_notAFailedInvocation() {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);
        String body = "{\"id\":\"" + invoice.id() + "\",\"reason\":\"" + "r".repeat(3 << 20) + "\"}";

        ApiResponse response = ApiEvents.load("void-invoice.json").body(body).header("idempotency-key", null)
                .invoke(handler);

        response.assertProblem(413, "payload_too_large");
        assertEquals(invoice, stored(invoice));
    }

    @Test
    void anEventOverLambdasSixMegabytes_isA413Problem_notAFailedInvocation() {
        // given: 3,000,000 control characters, which the event carries escaped as 18 MB of JSON
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);
        ApiEvents event = ApiEvents.load("void-invoice.json").body("\u0001".repeat(3_000_000))
                .header("idempotency-key", null);

        // when
        ApiResponse response = event.invoke(handler);

        // then
        response.assertProblem(413, "payload_too_large");
        assertEquals(invoice, stored(invoice));
    }

    @Test
    void anEmptyBody_isA400NamingTheBody() {
        ApiResponse response = ApiEvents.load("void-invoice.json").body("").header("idempotency-key", null)
                .invoke(handler);

        response.assertProblem(400, "invalid_request");
        assertEquals(List.of("body"), response.errorFields());
    }

    @Test
    void twentyConcurrentVoids_changeTheInvoiceOnce() throws Exception {
        // given
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);
        List<Callable<ApiResponse>> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(() -> voidRequest(invoice.id(), "concurrent").invoke(handler));
        }

        // when
        List<ApiResponse> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<ApiResponse> future : pool.invokeAll(requests)) {
                responses.add(future.get());
            }
        }

        // then: every caller sees the void invoice, and it was written exactly once
        responses.forEach(response -> assertEquals(200, response.status(), response.body()));
        assertEquals(invoice.version() + 1, stored(invoice).version());
        assertEquals(InvoiceStatus.VOID, stored(invoice).status());
    }

    // ---- idempotency ----

    @Test
    void aReplayWithTheSameKeyAndBody_returnsTheFirstAnswer_withoutASecondEffect() {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);
        String key = "key-" + invoice.id();

        ApiResponse first = voidRequest(invoice.id(), "once").header("idempotency-key", key).invoke(handler);
        ApiResponse replay = voidRequest(invoice.id(), "once").header("idempotency-key", key).invoke(handler);

        assertEquals(200, first.status());
        assertNull(first.header("idempotent-replayed"));
        assertEquals(first.status(), replay.status());
        assertEquals(first.body(), replay.body());
        assertEquals("true", replay.header("idempotent-replayed"));
        assertEquals(invoice.version() + 1, stored(invoice).version());
    }

    @Test
    void aKeyedRequestRefusedAsInvalid_leavesTheKeyUnclaimed_soACorrectedBodyWithItVoids() {
        // given: a body with an unknown member, sent twice with one key
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);
        String key = "key-invalid-" + invoice.id();
        String invalid = "{\"id\":\"" + invoice.id() + "\",\"bogus\":1}";
        ApiResponse first = ApiEvents.load("void-invoice.json").body(invalid).header("idempotency-key", key)
                .invoke(handler);
        ApiResponse second = ApiEvents.load("void-invoice.json").body(invalid).header("idempotency-key", key)
                .invoke(handler);

        // when: the corrected body, with the same key
        ApiResponse corrected = voidRequest(invoice.id(), null).header("idempotency-key", key).invoke(handler);

        // then: both refusals were answered afresh, and the key did its work once the body was right
        first.assertProblem(400, "invalid_request");
        second.assertProblem(400, "invalid_request");
        assertNull(second.header("idempotent-replayed"));
        assertEquals(200, corrected.status(), corrected.body());
        assertNull(corrected.header("idempotent-replayed"));
        assertEquals(InvoiceStatus.VOID, stored(invoice).status());
    }

    @Test
    void theSameKeyWithAnotherBody_isA409() {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);
        String key = "key-" + invoice.id();
        voidRequest(invoice.id(), "one").header("idempotency-key", key).invoke(handler);

        ApiResponse other = voidRequest(invoice.id(), "two").header("idempotency-key", key).invoke(handler);

        other.assertProblem(409, "idempotency_key_reused");
        assertEquals("one", stored(invoice).voidReason());
    }

    @Test
    void aRequestWhileTheFirstWithItsKeyIsInFlight_isA409_andChangesNothing() {
        // given: the first request has claimed the key and not finished
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);
        String key = "key-" + invoice.id();
        ApiEvents request = voidRequest(invoice.id(), "x").header("idempotency-key", key);
        new IdempotencyStore(dependencies.dynamoDb(), dependencies.config().tableName(), dependencies.clock())
                .begin("trusted:local", key, "POST /v1/invoices/void\n" + requestBody(request));

        // when
        ApiResponse second = request.invoke(handler);

        // then
        second.assertProblem(409, "idempotency_key_reused");
        assertEquals(invoice, stored(invoice));
    }

    @Test
    void aRefusalIsKeptAndReplayed_too_quotingTheFirstRequest_whileTheHeaderNamesTheReplay() {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, true);
        String key = "key-" + invoice.id();
        ApiResponse first = voidRequest(invoice.id(), null).header("idempotency-key", key)
                .requestId("first-" + invoice.id()).invoke(handler);

        ApiResponse replay = voidRequest(invoice.id(), null).header("idempotency-key", key)
                .requestId("replay-" + invoice.id()).invoke(handler);

        first.assertProblem(409, "invalid_state");
        replay.assertProblem(409, "invalid_state");
        assertEquals(List.of("first-" + invoice.id(), "first-" + invoice.id()),
                List.of(first.header("request-id"), first.json().get("request_id")));
        assertEquals(first.body(), replay.body());
        assertEquals(List.of("true", "replay-" + invoice.id()),
                List.of(replay.header("idempotent-replayed"), replay.header("request-id")));
    }

    @Test
    void oneCustomersKey_neverReturnsAnothersAnswer() {
        // given: customer a voids its invoice with key K
        Invoice mine = seed(InvoiceStatus.FINALIZED, false, "cust-a-" + IDS.incrementAndGet());
        Invoice theirs = seed(InvoiceStatus.FINALIZED, false, "cust-b-" + IDS.incrementAndGet());
        String key = "shared-key-" + mine.id();
        ApiResponse first = voidRequest(mine.id(), null).header("idempotency-key", key)
                .authorizer(claim(mine.customerId()), List.of("invoices:write")).invoke(authorizingHandler);

        // when: customer b sends the very same request with the same key
        ApiResponse second = voidRequest(mine.id(), null).header("idempotency-key", key)
                .authorizer(claim(theirs.customerId()), List.of("invoices:write")).invoke(authorizingHandler);

        // then: b's request runs on its own (and may not touch a's invoice)
        assertEquals(200, first.status());
        second.assertProblem(404, "not_found");
        assertNull(second.header("idempotent-replayed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tab\there", "ünïcode"})
    void aBadIdempotencyKey_isA400(String key) {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);

        ApiResponse response = voidRequest(invoice.id(), null).header("idempotency-key", key).invoke(handler);

        response.assertProblem(400, "invalid_request");
        assertEquals(List.of("Idempotency-Key"), response.errorFields());
        assertEquals(invoice, stored(invoice));
    }

    @Test
    void aKeyOf256Characters_isA400() {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);

        voidRequest(invoice.id(), null).header("idempotency-key", "k".repeat(256)).invoke(handler)
                .assertProblem(400, "invalid_request");
    }

    // ---- EventBridge ----

    @Test
    void aVoidEvent_voidsTheInvoice_andARedeliveryHasNoSecondEffect() {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);
        ApiEvents event = ApiEvents.load("eventbridge-void-invoice.json").detail("id", invoice.id())
                .eventId("evt-" + invoice.id());

        TestContext first = new TestContext();
        event.deliver(handler, first);
        Invoice afterFirst = stored(invoice);
        TestContext redelivery = new TestContext();
        event.deliver(handler, redelivery);

        assertEquals(InvoiceStatus.VOID, afterFirst.status());
        assertEquals("Customer churned before the period started", afterFirst.voidReason());
        assertEquals(afterFirst, stored(invoice));
        Map<String, Object> audit = first.logObjects("audit").getFirst();
        assertEquals(List.of("eventbridge:evt-" + invoice.id(), "void", invoice.id()),
                List.of(audit.get("actor"), audit.get("action"), audit.get("invoice_id")));
        assertEquals("handled", first.logObjects("event").getFirst().get("outcome"));
        assertEquals("redelivered", redelivery.logObjects("event").getFirst().get("outcome"),
                String.valueOf(redelivery.logLines()));
        assertEquals(List.of(), redelivery.logObjects("audit"));
    }

    @Test
    void anEventForAPaidInvoice_isLoggedAndEndsWithoutError() {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, true);
        TestContext context = new TestContext();

        ApiEvents.load("eventbridge-void-invoice.json").detail("id", invoice.id()).eventId("evt-" + invoice.id())
                .deliver(handler, context);

        assertEquals(invoice, stored(invoice));
        Map<String, Object> line = context.logObjects("event").getFirst();
        assertEquals(List.of("WARN", "no_change"), List.of(line.get("level"), line.get("outcome")), line.toString());
        assertEquals(List.of(), context.logObjects("audit"));
    }

    @Test
    void aMalformedEvent_failsSoThatItReachesTheDeadLetterQueue() {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);

        assertThrows(RuntimeException.class, () -> ApiEvents.load("eventbridge-void-invoice.json")
                .detail("id", "bad#id").deliver(handler, new TestContext()));
        assertThrows(RuntimeException.class, () -> ApiEvents.load("eventbridge-void-invoice.json")
                .detail("status", "VOID").deliver(handler, new TestContext()));
        assertThrows(MalformedEventException.class, () -> ApiEvents.load("eventbridge-regenerate-invoice.json")
                .detail("id", invoice.id()).deliver(handler, new TestContext()));
        assertEquals(invoice, stored(invoice));
    }

    // ---- faults ----

    @Test
    void whenDynamoDbThrottles_theClientGetsA503WithRetryAfter_nothingIsWritten_andTheKeyCanBeRetried() {
        // given: the production client settings, with every TransactWriteItems throttled
        try (DynamoDbFaults faults = new DynamoDbFaults()) {
            Dependencies throttled = LocalDynamoDb.dependencies(Clock.fixed(NOW, ZoneOffset.UTC), faults);
            InvoiceStore throttledStore = new InvoiceStore(throttled.dynamoDb(), throttled.config().tableName());
            Invoice invoice = InvoiceFixtures.simple("inv_throttled", "cust-throttled", InvoiceStatus.FINALIZED,
                    PERIOD);
            assertTrue(throttledStore.create(invoice));
            VoidInvoiceHandler throttledHandler = new VoidInvoiceHandler(throttled);
            String key = "throttled-" + invoice.id();
            faults.throttle("TransactWriteItems");

            // when
            ApiResponse response = voidRequest(invoice.id(), null).header("idempotency-key", key)
                    .invoke(throttledHandler);

            // then: the SDK retried (standard mode: 3 attempts), then the client got a retryable 503
            response.assertProblem(503, "service_unavailable");
            assertEquals("1", response.header("retry-after"));
            assertEquals(3, faults.throttledRequests());
            assertEquals(invoice, throttledStore.get(invoice.id()).orElseThrow());

            // and the key was released: the same request voids once DynamoDB recovers
            faults.stop();
            ApiResponse retry = voidRequest(invoice.id(), null).header("idempotency-key", key)
                    .invoke(throttledHandler);
            assertEquals(200, retry.status(), retry.body());
            assertNull(retry.header("idempotent-replayed"));
            assertEquals(InvoiceStatus.VOID, throttledStore.get(invoice.id()).orElseThrow().status());
        }
    }

    // ---- cost ----

    @Test
    void theDynamoDbRequestsOfAVoid_areFixed() {
        // given
        RequestCounter counter = new RequestCounter();
        Dependencies counted = LocalDynamoDb.dependencies(Clock.fixed(NOW, ZoneOffset.UTC), counter);
        InvoiceStore countedStore = new InvoiceStore(counted.dynamoDb(), counted.config().tableName());
        VoidInvoiceHandler countedHandler = new VoidInvoiceHandler(counted);
        Invoice plain = InvoiceFixtures.simple("inv_cost_1", "cust-cost", InvoiceStatus.FINALIZED, PERIOD);
        Invoice keyed = InvoiceFixtures.simple("inv_cost_2", "cust-cost", InvoiceStatus.FINALIZED, PERIOD);
        assertTrue(countedStore.create(plain));
        assertTrue(countedStore.create(keyed));

        // when / then
        counter.reset();
        assertEquals(200, voidRequest(plain.id(), null).invoke(countedHandler).status());
        assertEquals(List.of("GetItem", "PutItem"), counter.operations());

        counter.reset();
        assertEquals(200, voidRequest(plain.id(), null).invoke(countedHandler).status());
        assertEquals(List.of("GetItem"), counter.operations(), "voiding a void invoice only reads it");

        counter.reset();
        assertEquals(200, voidRequest(keyed.id(), null).header("idempotency-key", "k1").invoke(countedHandler).status());
        assertEquals(List.of("PutItem", "GetItem", "TransactWriteItems"), counter.operations());

        counter.reset();
        assertEquals(200, voidRequest(keyed.id(), null).header("idempotency-key", "k1").invoke(countedHandler).status());
        assertEquals(List.of("PutItem"), counter.operations(), "a replay is one conditional write that fails");
    }

    // ---- logs and metrics (docs/observability.md) ----

    @Test
    void aVoidThroughHttp_writesOneRequestLineAndOneAuditLine() {
        // given
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);
        TestContext context = new TestContext();

        // when
        ApiResponse response = voidRequest(invoice.id(), "Billed twice")
                .authorizer(claim(invoice.customerId()), List.of("invoices:write")).invoke(authorizingHandler, context);

        // then: the audit line, then the request line, then the metrics, and nothing else
        assertEquals(200, response.status(), response.body());
        assertEquals(List.of("audit", "request", "metrics"),
                context.logObjects().stream().map(line -> line.get("kind")).toList(), context.logLines().toString());
        Map<String, Object> audit = context.logObjects("audit").getFirst();
        assertEquals(List.of("timestamp", "level", "kind", "function", "request_id", "actor", "action", "invoice_id",
                "customer_id", "before", "after", "replacement_id"), List.copyOf(audit.keySet()));
        assertEquals(List.of("INFO", "test", "BxWxYh1AoAMEcQB=", "customer:" + invoice.customerId(), "void",
                        invoice.id(), invoice.customerId()),
                List.of(audit.get("level"), audit.get("function"), audit.get("request_id"), audit.get("actor"),
                        audit.get("action"), audit.get("invoice_id"), audit.get("customer_id")));
        assertEquals(Map.of("status", "FINALIZED", "version", BigDecimal.valueOf(invoice.version())),
                audit.get("before"));
        assertEquals(Map.of("status", "VOID", "version", BigDecimal.valueOf(invoice.version() + 1)),
                audit.get("after"));
        assertNull(audit.get("replacement_id"));
        Map<String, Object> request = context.logObjects("request").getFirst();
        assertEquals(List.of("timestamp", "level", "kind", "function", "request_id", "aws_request_id", "route",
                "customer_id", "invoice_id", "status", "code", "idempotent_replayed", "duration_ms"),
                List.copyOf(request.keySet()));
        assertEquals(List.of("INFO", "BxWxYh1AoAMEcQB=", context.getAwsRequestId(), "POST /v1/invoices/void",
                        invoice.customerId(), invoice.id(), BigDecimal.valueOf(200), false),
                List.of(request.get("level"), request.get("request_id"), request.get("aws_request_id"),
                        request.get("route"), request.get("customer_id"), request.get("invoice_id"),
                        request.get("status"), request.get("idempotent_replayed")));
        assertNull(request.get("code"));
        assertTrue(request.get("duration_ms") instanceof BigDecimal ms && ms.signum() >= 0, request.toString());
        Instant.parse((String) request.get("timestamp"));
    }

    @Test
    void aVoid_writesOneEmfObject_countingVoidsByFunction() {
        Invoice invoice = seed(InvoiceStatus.DRAFT, false);
        TestContext context = new TestContext();

        voidRequest(invoice.id(), null).invoke(handler, context);

        // then: the object CloudWatch extracts Voids = 1 from, in the Invoices namespace, by function
        List<Map<String, Object>> emf = context.metricObjects();
        assertEquals(1, emf.size(), context.logLines().toString());
        Map<String, Object> aws = map(emf.getFirst().get("_aws"));
        assertTrue(aws.get("Timestamp") instanceof BigDecimal, aws.toString());
        assertEquals(List.of(Map.of("Namespace", "Invoices", "Dimensions", List.of(List.of("function")),
                "Metrics", List.of(Map.of("Name", "Voids", "Unit", "Count")))), aws.get("CloudWatchMetrics"));
        assertEquals("test", emf.getFirst().get("function"));
        assertEquals(BigDecimal.ONE, emf.getFirst().get("Voids"));
    }

    @Test
    void aReplay_writesARequestLineMarkedReplayed_andNoAuditLine() {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);
        String key = "key-log-" + invoice.id();
        voidRequest(invoice.id(), "once").header("idempotency-key", key).invoke(handler);
        TestContext context = new TestContext();

        ApiResponse replay = voidRequest(invoice.id(), "once").header("idempotency-key", key).invoke(handler, context);

        assertEquals("true", replay.header("idempotent-replayed"));
        assertEquals(List.of(), context.logObjects("audit"));
        List<Map<String, Object>> requests = context.logObjects("request");
        assertEquals(1, requests.size(), context.logLines().toString());
        assertEquals(true, requests.getFirst().get("idempotent_replayed"));
        assertEquals(invoice.id(), requests.getFirst().get("invoice_id"));
        assertEquals(BigDecimal.ONE, context.metricObjects().getFirst().get("IdempotentReplays"));
        assertNull(context.metricObjects().getFirst().get("Voids"));
    }

    @Test
    void voidingAVoidInvoice_writesNoAuditLine() {
        Invoice invoice = seed(InvoiceStatus.VOID, false);
        TestContext context = new TestContext();

        voidRequest(invoice.id(), "again").invoke(handler, context);

        assertEquals(List.of("request"), context.logObjects().stream().map(line -> line.get("kind")).toList());
    }

    @Test
    void aRefusedVoid_writesItsCode_andCountsAConflictAndAClientErrorByCode() {
        Invoice invoice = seed(InvoiceStatus.FINALIZED, true);
        TestContext context = new TestContext();

        voidRequest(invoice.id(), null).invoke(handler, context).assertProblem(409, "invalid_state");

        assertEquals(List.of(), context.logObjects("audit"));
        Map<String, Object> request = context.logObjects("request").getFirst();
        assertEquals(List.of(BigDecimal.valueOf(409), "invalid_state"),
                List.of(request.get("status"), request.get("code")));
        Map<String, Object> emf = context.metricObjects().getFirst();
        assertEquals(List.of(Map.of("Namespace", "Invoices",
                        "Dimensions", List.of(List.of("function"), List.of("function", "code")),
                        "Metrics", List.of(Map.of("Name", "ClientErrors", "Unit", "Count"),
                                Map.of("Name", "Conflicts", "Unit", "Count")))),
                map(emf.get("_aws")).get("CloudWatchMetrics"));
        assertEquals(List.of("invalid_state", BigDecimal.ONE, BigDecimal.ONE),
                List.of(emf.get("code"), emf.get("ClientErrors"), emf.get("Conflicts")));
    }

    @Test
    void anUnexpectedFailure_keepsItsStackInTheLog_andTheBodySaysOnlyTheRequestId() {
        // given: a clock that breaks, which nothing maps to a problem
        Clock broken = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                throw new IllegalStateException("the clock broke");
            }
        };
        VoidInvoiceHandler failing = new VoidInvoiceHandler(new Dependencies(dependencies.config(),
                dependencies.dynamoDb(), broken));
        Invoice invoice = seed(InvoiceStatus.FINALIZED, false);
        TestContext context = new TestContext();

        // when
        ApiResponse response = voidRequest(invoice.id(), null).invoke(failing, context);

        // then
        response.assertProblem(500, "internal_error");
        assertTrue(!response.body().contains("clock") && !response.body().contains("at dev."), response.body());
        Map<String, Object> request = context.logObjects("request").getFirst();
        assertEquals(List.of("ERROR", BigDecimal.valueOf(500), "internal_error", response.json().get("request_id")),
                List.of(request.get("level"), request.get("status"), request.get("code"), request.get("request_id")));
        assertEquals("java.lang.IllegalStateException: the clock broke", request.get("error"));
        assertTrue(String.valueOf(request.get("stack")).contains("at dev.invoices.voiding.VoidCommand.voidInvoice"),
                String.valueOf(request.get("stack")));
        assertEquals(invoice, stored(invoice));
    }

    // ---- helpers ----

    private static Invoice seed(InvoiceStatus status, boolean paid) {
        return seed(status, paid, "cust-void-" + IDS.incrementAndGet());
    }

    private static Invoice seed(InvoiceStatus status, boolean paid, String customer) {
        Invoice simple = InvoiceFixtures.simple("inv_v" + IDS.incrementAndGet(), customer, status, PERIOD);
        Invoice invoice = paid ? new Invoice(simple.id(), simple.customerId(), simple.statementNumber(), simple.status(),
                true, simple.currencyCode(), simple.startTimestamp(), simple.endTimestamp(), simple.issuedAt(),
                simple.planId(), simple.planName(), simple.planCustomFields(), simple.subLineItems(),
                simple.invoiceAdjustments(), simple.subtotal(), simple.tax(), simple.total(), simple.voidReason(),
                simple.voidedAt(), null, null, simple.createdAt(), simple.updatedAt(), simple.version()) : simple;
        assertTrue(store.create(invoice));
        return invoice;
    }

    private static Invoice stored(Invoice invoice) {
        return store.get(invoice.id()).orElseThrow();
    }

    private static ApiEvents voidRequest(String id, String reason) {
        String body = reason == null ? "{\"id\":\"" + id + "\"}"
                : Json.write(g -> {
                    g.writeStartObject();
                    g.writeStringField("id", id);
                    g.writeStringField("reason", reason);
                    g.writeEndObject();
                });
        return ApiEvents.load("void-invoice.json").body(body).header("idempotency-key", null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static String requestBody(ApiEvents request) {
        return (String) Json.readObject(request.json()).get("body");
    }
}
