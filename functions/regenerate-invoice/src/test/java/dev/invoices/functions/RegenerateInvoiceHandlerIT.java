package dev.invoices.functions;

import dev.invoices.config.Dependencies;
import dev.invoices.events.MalformedEventException;
import dev.invoices.json.InvoiceJson;
import dev.invoices.json.Json;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceCalculator;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.CustomerQuery;
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
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration test: the regenerate function's real entry point with {@code events/regenerate-invoice.json} and
 * {@code events/eventbridge-regenerate-invoice.json}, on the local DynamoDB engine; what is stored is checked after each
 * call, replacements included.
 */
class RegenerateInvoiceHandlerIT {
    private static final Instant NOW = Instant.parse("2025-07-01T10:00:00Z");
    private static final Instant PERIOD = Instant.parse("2025-05-01T00:00:00Z");
    private static final AtomicInteger IDS = new AtomicInteger();

    private static Dependencies dependencies;
    private static InvoiceStore store;
    private static RegenerateInvoiceHandler handler;

    @BeforeAll
    static void createTable() {
        dependencies = LocalDynamoDb.dependencies(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
        store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());
        handler = new RegenerateInvoiceHandler(dependencies);
    }

    @Test
    void regeneratingAVoidInvoice_createsOneFinalizedReplacement_andLinksBoth() {
        // given: a voided invoice whose stored total is stale
        Invoice voided = seed(InvoiceStatus.VOID, true);

        // when
        ApiResponse response = regenerate(voided.id()).invoke(handler);

        // then
        assertEquals(201, response.status(), response.body());
        String newId = (String) ((Map<?, ?>) response.json().get("data")).get("id");
        Invoice replacement = store.get(newId).orElseThrow();
        assertEquals("/v1/customers/" + voided.customerId() + "/invoices/" + newId, response.header("location"));
        assertEquals(Map.of("data", Json.readTree(InvoiceJson.toJson(replacement))), response.json());
        Invoice expected = InvoiceCalculator.recompute(voided.replacement(newId, replacement.statementNumber(), NOW));
        assertEquals(expected, replacement);
        assertEquals(InvoiceStatus.FINALIZED, replacement.status());
        assertEquals(NOW, replacement.issuedAt());
        assertEquals(voided.id(), replacement.regeneratedFromInvoiceId());
        assertEquals(1, replacement.version());
        assertNotEquals(voided.statementNumber(), replacement.statementNumber());
        assertNotEquals(voided.total(), replacement.total(), "amounts were recomputed");
        assertEquals(voided.replacedBy(newId, NOW), store.get(voided.id()).orElseThrow());
        assertEquals(List.of(newId), replacementsOf(voided));
        assertEquals(2, store.invoiceCount(voided.customerId()), "the replacement is counted with its customer");
    }

    @Test
    void aRegeneration_writesOneAuditLineNamingTheReplacement_andCountsIt() {
        // given
        Invoice voided = seed(InvoiceStatus.VOID, true);
        TestContext context = new TestContext();

        // when
        ApiResponse response = regenerate(voided.id()).invoke(handler, context);

        // then: the old invoice stays VOID at its next version, linked to the new one
        String newId = (String) ((Map<?, ?>) response.json().get("data")).get("id");
        List<Map<String, Object>> audits = context.logObjects("audit");
        assertEquals(1, audits.size(), context.logLines().toString());
        Map<String, Object> audit = audits.getFirst();
        assertEquals(List.of("local", "regenerate", voided.id(), newId),
                List.of(audit.get("actor"), audit.get("action"), audit.get("invoice_id"), audit.get("replacement_id")));
        assertEquals(Map.of("status", "VOID", "version", BigDecimal.valueOf(voided.version())), audit.get("before"));
        assertEquals(Map.of("status", "VOID", "version", BigDecimal.valueOf(voided.version() + 1)),
                audit.get("after"));
        Map<String, Object> request = context.logObjects("request").getFirst();
        assertEquals(List.of(BigDecimal.valueOf(201), voided.id()),
                List.of(request.get("status"), request.get("invoice_id")));
        assertEquals(BigDecimal.ONE, context.metricObjects().getFirst().get("Regenerations"));
    }

    @Test
    void regeneratingAnAlreadyReplacedInvoice_isA409NamingTheReplacement() {
        Invoice voided = seed(InvoiceStatus.VOID, false);
        String first = (String) ((Map<?, ?>) regenerate(voided.id()).invoke(handler).json().get("data")).get("id");
        Invoice afterFirst = store.get(voided.id()).orElseThrow();

        ApiResponse second = regenerate(voided.id()).invoke(handler);

        second.assertProblem(409, "already_regenerated");
        assertEquals(first, second.json().get("replaced_by_invoice_id"));
        assertEquals(afterFirst, store.get(voided.id()).orElseThrow());
        assertEquals(List.of(first), replacementsOf(voided));
        assertEquals(2, store.invoiceCount(voided.customerId()), "a refused regeneration counts nothing");
    }

    @Test
    void regeneratingADraft_recomputesItInPlace() {
        Invoice draft = seed(InvoiceStatus.DRAFT, true);

        ApiResponse response = regenerate(draft.id()).invoke(handler);

        assertEquals(200, response.status(), response.body());
        Invoice stored = store.get(draft.id()).orElseThrow();
        assertEquals(draft.withAmountsOf(InvoiceCalculator.recompute(draft), NOW), stored);
        assertEquals(draft.version() + 1, stored.version());
        assertEquals(List.of(), replacementsOf(draft));
    }

    @Test
    void recomputingADraft_isAudited_butACurrentDraftIsNot() {
        Invoice stale = seed(InvoiceStatus.DRAFT, true);
        Invoice current = seed(InvoiceStatus.DRAFT, false);
        TestContext staleContext = new TestContext();
        TestContext currentContext = new TestContext();

        regenerate(stale.id()).invoke(handler, staleContext);
        regenerate(current.id()).invoke(handler, currentContext);

        Map<String, Object> audit = staleContext.logObjects("audit").getFirst();
        assertEquals(List.of("recompute", stale.id(),
                        Map.of("status", "DRAFT", "version", BigDecimal.valueOf(stale.version())),
                        Map.of("status", "DRAFT", "version", BigDecimal.valueOf(stale.version() + 1))),
                List.of(audit.get("action"), audit.get("invoice_id"), audit.get("before"), audit.get("after")));
        assertEquals(List.of(), currentContext.logObjects("audit"));
        assertEquals(List.of(), currentContext.metricObjects(), "nothing to count");
    }

    @Test
    void regeneratingAFinalizedInvoice_isA409_andChangesNothing() {
        Invoice finalized = seed(InvoiceStatus.FINALIZED, false);

        regenerate(finalized.id()).invoke(handler).assertProblem(409, "invalid_state");

        assertEquals(finalized, store.get(finalized.id()).orElseThrow());
    }

    @Test
    void unknownFields_areRejected() {
        Invoice voided = seed(InvoiceStatus.VOID, false);

        ApiResponse response = ApiEvents.load("regenerate-invoice.json").header("idempotency-key", null)
                .body("{\"id\":\"" + voided.id() + "\",\"total\":0}").invoke(handler);

        response.assertProblem(400, "invalid_request");
        assertEquals(List.of("total"), response.errorFields());
        assertEquals(voided, store.get(voided.id()).orElseThrow());
    }

    @Test
    void twentyConcurrentRegenerations_createExactlyOneReplacement() throws Exception {
        // given
        Invoice voided = seed(InvoiceStatus.VOID, false);
        List<Callable<ApiResponse>> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(() -> regenerate(voided.id()).invoke(handler));
        }

        // when
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<ApiResponse> future : pool.invokeAll(requests)) {
                statuses.add(future.get().status());
            }
        }

        // then
        assertEquals(1, statuses.stream().filter(status -> status == 201).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
        assertEquals(1, replacementsOf(voided).size());
        assertEquals(voided.version() + 1, store.get(voided.id()).orElseThrow().version());
        assertEquals(2, store.invoiceCount(voided.customerId()), "one replacement, counted once");
    }

    @Test
    void whenTheTransactionsConditionFails_noReplacementExists() {
        // given: between the read and the write, another writer replaces the invoice
        Invoice voided = seed(InvoiceStatus.VOID, false);
        Invoice concurrent = voided.replacedBy("inv_concurrent_writer", NOW);
        AtomicBoolean interfered = new AtomicBoolean();
        Clock interfering = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                if (interfered.compareAndSet(false, true)) {
                    assertTrue(store.replace(concurrent, voided.version()));
                }
                return NOW;
            }
        };
        RegenerateInvoiceHandler racing = new RegenerateInvoiceHandler(
                new Dependencies(dependencies.config(), dependencies.dynamoDb(), interfering));

        // when
        ApiResponse response = regenerate(voided.id()).invoke(racing);

        // then: the transaction wrote nothing; the retry saw the other writer's replacement
        response.assertProblem(409, "already_regenerated");
        assertEquals("inv_concurrent_writer", response.json().get("replaced_by_invoice_id"));
        assertEquals(List.of(), replacementsOf(voided));
        assertEquals(concurrent, store.get(voided.id()).orElseThrow());
        assertEquals(1, store.invoiceCount(voided.customerId()), "the cancelled transaction counted nothing");
    }

    // ---- idempotency ----

    @Test
    void aReplayedRegeneration_returnsTheSameReplacement_andCreatesNoOther() {
        Invoice voided = seed(InvoiceStatus.VOID, false);
        String key = "regen-" + voided.id();

        ApiResponse first = regenerate(voided.id()).header("idempotency-key", key).invoke(handler);
        ApiResponse replay = regenerate(voided.id()).header("idempotency-key", key).invoke(handler);

        assertEquals(201, first.status(), first.body());
        assertEquals(201, replay.status());
        assertEquals(first.body(), replay.body());
        assertEquals(first.header("location"), replay.header("location"));
        assertEquals("true", replay.header("idempotent-replayed"));
        assertEquals(1, replacementsOf(voided).size());
        assertEquals(2, store.invoiceCount(voided.customerId()), "a replay counts nothing");
    }

    @Test
    void theSameKeyOnAnotherRoutesBody_isA409() {
        Invoice voided = seed(InvoiceStatus.VOID, false);
        Invoice other = seed(InvoiceStatus.VOID, false);
        String key = "regen-" + voided.id();
        regenerate(voided.id()).header("idempotency-key", key).invoke(handler);

        regenerate(other.id()).header("idempotency-key", key).invoke(handler)
                .assertProblem(409, "idempotency_key_reused");

        assertEquals(List.of(), replacementsOf(other));
    }

    // ---- EventBridge ----

    @Test
    void aRegenerateEvent_createsOneReplacement_evenWhenRedelivered() {
        Invoice voided = seed(InvoiceStatus.VOID, false);
        ApiEvents event = ApiEvents.load("eventbridge-regenerate-invoice.json").detail("id", voided.id())
                .eventId("evt-" + voided.id());

        event.deliver(handler, new TestContext());
        event.deliver(handler, new TestContext());

        assertEquals(1, replacementsOf(voided).size());
    }

    @Test
    void aRegenerateEventForAFinalizedInvoice_endsWithoutErrorOrChange() {
        Invoice finalized = seed(InvoiceStatus.FINALIZED, false);
        TestContext context = new TestContext();

        ApiEvents.load("eventbridge-regenerate-invoice.json").detail("id", finalized.id())
                .eventId("evt-" + finalized.id()).deliver(handler, context);

        assertEquals(finalized, store.get(finalized.id()).orElseThrow());
        Map<String, Object> line = context.logObjects("event").getFirst();
        assertEquals(List.of("WARN", "no_change", finalized.id()),
                List.of(line.get("level"), line.get("outcome"), line.get("invoice_id")), line.toString());
        assertEquals(List.of(), context.logObjects("audit"));
    }

    @Test
    void theScheduledEvent_isNotThisFunctions_itFailsTheInvocationAndChangesNothing() {
        // given: a stale draft; the schedule invokes the refresh function, never this one
        Invoice stale = seed(InvoiceStatus.DRAFT, true);

        // when / then
        assertThrows(MalformedEventException.class, () -> ApiEvents.load("scheduled-refresh-drafts.json")
                .deliver(handler, new TestContext()));
        assertEquals(stale, store.get(stale.id()).orElseThrow());
    }

    // ---- faults ----

    @Test
    void whenDynamoDbThrottles_theClientGetsA503WithRetryAfter_nothingIsWritten_andTheKeyCanBeRetried() {
        // given: the production client settings, with every TransactWriteItems throttled
        Invoice voided = InvoiceFixtures.simple("inv_throttled", "cust-throttled", InvoiceStatus.VOID, PERIOD);
        try (DynamoDbFaults faults = new DynamoDbFaults()) {
            Dependencies throttled = LocalDynamoDb.dependencies(Clock.fixed(NOW, ZoneOffset.UTC), faults);
            InvoiceStore throttledStore = new InvoiceStore(throttled.dynamoDb(), throttled.config().tableName());
            assertTrue(throttledStore.create(voided));
            RegenerateInvoiceHandler throttledHandler = new RegenerateInvoiceHandler(throttled);
            String key = "throttled-" + voided.id();
            faults.throttle("TransactWriteItems");

            // when
            ApiResponse response = regenerate(voided.id()).header("idempotency-key", key).invoke(throttledHandler);

            // then: the SDK retried (standard mode: 3 attempts), then the client got a retryable 503
            response.assertProblem(503, "service_unavailable");
            assertEquals("1", response.header("retry-after"));
            assertEquals(3, faults.throttledRequests());
            assertEquals(voided, throttledStore.get(voided.id()).orElseThrow());
            assertEquals(List.of(), replacementsOf(throttledStore, voided));

            // and the key was released: the same request succeeds once DynamoDB recovers
            faults.stop();
            ApiResponse retry = regenerate(voided.id()).header("idempotency-key", key).invoke(throttledHandler);
            assertEquals(201, retry.status(), retry.body());
            assertNull(retry.header("idempotent-replayed"));
            assertEquals(1, replacementsOf(throttledStore, voided).size());
        }
    }

    @Test
    void aCrashAfterTheWriteAndBeforeTheResponse_isAnsweredOnRetryWithTheStoredResult() {
        // given: the process "dies" right after DynamoDB committed the regeneration and its answer
        AtomicBoolean crash = new AtomicBoolean(false);
        ExecutionInterceptor crashAfterCommit = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if ("TransactWriteItems".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                        && crash.getAndSet(false)) {
                    throw new IllegalStateException("simulated crash after the write");
                }
            }
        };
        Dependencies crashing = LocalDynamoDb.dependencies(Clock.fixed(NOW, ZoneOffset.UTC), crashAfterCommit);
        InvoiceStore crashingStore = new InvoiceStore(crashing.dynamoDb(), crashing.config().tableName());
        RegenerateInvoiceHandler crashingHandler = new RegenerateInvoiceHandler(crashing);
        Invoice voided = InvoiceFixtures.simple("inv_crash", "cust-crash", InvoiceStatus.VOID, PERIOD);
        assertTrue(crashingStore.create(voided));
        crash.set(true);

        // when
        ApiResponse lost = regenerate(voided.id()).header("idempotency-key", "crash-1").invoke(crashingHandler);
        ApiResponse retry = regenerate(voided.id()).header("idempotency-key", "crash-1").invoke(crashingHandler);

        // then: the client never saw the first answer; the retry gets it, and nothing happened twice
        assertTrue(lost.status() >= 500, lost.body());
        assertEquals(201, retry.status(), retry.body());
        assertEquals("true", retry.header("idempotent-replayed"));
        List<String> replacements = replacementsOf(crashingStore, voided);
        assertEquals(1, replacements.size());
        assertEquals(replacements.getFirst(), ((Map<?, ?>) retry.json().get("data")).get("id"));
    }

    @Test
    void whenDynamoDbHangs_theClientGetsA503WithinTheCallBudget_andNothingIsWritten() {
        try (DynamoDbFaults faults = new DynamoDbFaults()) {
            // given: every TransactWriteItems left unanswered
            Dependencies hanging = LocalDynamoDb.dependencies(Clock.fixed(NOW, ZoneOffset.UTC), faults);
            InvoiceStore hangingStore = new InvoiceStore(hanging.dynamoDb(), hanging.config().tableName());
            Invoice voided = InvoiceFixtures.simple("inv_hang", "cust-hang", InvoiceStatus.VOID, PERIOD);
            assertTrue(hangingStore.create(voided));
            faults.hang("TransactWriteItems");

            // when
            long started = System.nanoTime();
            ApiResponse response = regenerate(voided.id()).invoke(new RegenerateInvoiceHandler(hanging));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // then: the SDK's attempt timeouts and call timeout ended it, well before API Gateway's 30 s
            response.assertProblem(503, "service_unavailable");
            assertEquals("1", response.header("retry-after"));
            assertTrue(faults.throttledRequests() >= 2, "the SDK retried a timed-out attempt");
            assertTrue(took.compareTo(Duration.ofSeconds(29)) < 0, "answered within API Gateway's limit: " + took);
            assertEquals(voided, hangingStore.get(voided.id()).orElseThrow());
            assertEquals(List.of(), replacementsOf(hangingStore, voided));
        }
    }

    // ---- cost ----

    @Test
    void theDynamoDbRequestsOfEachKindOfRegeneration_areFixed() {
        // given
        RequestCounter counter = new RequestCounter();
        Dependencies counted = LocalDynamoDb.dependencies(Clock.fixed(NOW, ZoneOffset.UTC), counter);
        InvoiceStore countedStore = new InvoiceStore(counted.dynamoDb(), counted.config().tableName());
        RegenerateInvoiceHandler countedHandler = new RegenerateInvoiceHandler(counted);
        Invoice voided = InvoiceFixtures.simple("inv_cost_1", "cust-cost", InvoiceStatus.VOID, PERIOD);
        Invoice voidedWithKey = InvoiceFixtures.simple("inv_cost_2", "cust-cost", InvoiceStatus.VOID, PERIOD);
        Invoice draft = InvoiceFixtures.simple("inv_cost_3", "cust-cost", InvoiceStatus.DRAFT, PERIOD);
        Invoice staleDraft = stale(InvoiceFixtures.simple("inv_cost_4", "cust-cost", InvoiceStatus.DRAFT, PERIOD));
        List.of(voided, voidedWithKey, draft, staleDraft).forEach(invoice -> assertTrue(countedStore.create(invoice)));

        // when / then
        counter.reset();
        assertEquals(201, regenerate(voided.id()).invoke(countedHandler).status());
        assertEquals(List.of("GetItem", "TransactWriteItems"), counter.operations());

        counter.reset();
        assertEquals(201, regenerate(voidedWithKey.id()).header("idempotency-key", "k1").invoke(countedHandler).status());
        assertEquals(List.of("PutItem", "GetItem", "TransactWriteItems"), counter.operations());

        counter.reset();
        assertEquals(201, regenerate(voidedWithKey.id()).header("idempotency-key", "k1").invoke(countedHandler).status());
        assertEquals(List.of("PutItem"), counter.operations(), "a replay is one conditional write that fails");

        counter.reset();
        assertEquals(200, regenerate(draft.id()).invoke(countedHandler).status());
        assertEquals(List.of("GetItem"), counter.operations(), "a draft whose amounts are current is not written");

        counter.reset();
        assertEquals(200, regenerate(staleDraft.id()).invoke(countedHandler).status());
        assertEquals(List.of("GetItem", "PutItem"), counter.operations());
    }

    @Test
    void thirtyConcurrentRegenerationsOfAStaleDraft_allAnswer200_andWriteOnce() throws Exception {
        // given: the writes DynamoDB accepted counted, the draft's stored total stale
        AtomicInteger writes = new AtomicInteger();
        ExecutionInterceptor acceptedWrites = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutItemRequest || context.request() instanceof TransactWriteItemsRequest) {
                    writes.incrementAndGet();
                }
            }
        };
        Dependencies counted = LocalDynamoDb.dependencies(Clock.fixed(NOW, ZoneOffset.UTC), acceptedWrites);
        InvoiceStore countedStore = new InvoiceStore(counted.dynamoDb(), counted.config().tableName());
        RegenerateInvoiceHandler countedHandler = new RegenerateInvoiceHandler(counted);
        Invoice draft = stale(InvoiceFixtures.simple("inv_race_draft", "cust-race", InvoiceStatus.DRAFT, PERIOD));
        assertTrue(countedStore.create(draft));
        writes.set(0);
        List<Callable<ApiResponse>> requests = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            requests.add(() -> regenerate(draft.id()).invoke(countedHandler));
        }

        // when
        List<ApiResponse> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(30)) {
            for (Future<ApiResponse> future : pool.invokeAll(requests)) {
                responses.add(future.get());
            }
        }

        // then
        Invoice recomputed = draft.withAmountsOf(InvoiceCalculator.recompute(draft), NOW);
        assertEquals(List.of(), responses.stream().filter(r -> r.status() != 200).map(ApiResponse::body).toList());
        assertEquals(recomputed, countedStore.get(draft.id()).orElseThrow());
        assertEquals(draft.version() + 1, countedStore.get(draft.id()).orElseThrow().version());
        assertEquals(1, writes.get(), "one write accepted; the writers that lost the race re-read and wrote nothing");
        for (ApiResponse response : responses) {
            Map<?, ?> answered = (Map<?, ?>) response.json().get("data");
            assertEquals(recomputed.total(), answered.get("total"));
            assertEquals(BigDecimal.valueOf(draft.version() + 1), answered.get("version"));
        }
    }

    // ---- helpers ----

    /** An invoice of a new customer; {@code stale} makes its stored tax (and so its total) disagree with its charges. */
    private static Invoice seed(InvoiceStatus status, boolean stale) {
        Invoice simple = InvoiceFixtures.simple("inv_r" + IDS.incrementAndGet(), "cust-regen-" + IDS.incrementAndGet(),
                status, PERIOD);
        Invoice invoice = stale ? stale(simple) : simple;
        assertTrue(store.create(invoice));
        return invoice;
    }

    private static Invoice stale(Invoice invoice) {
        return invoice.withAmounts(invoice.subLineItems(), invoice.invoiceAdjustments(), invoice.subtotal(),
                invoice.tax(), invoice.total().add(new BigDecimal("1.00")));
    }

    /** Ids of the invoices regenerated from {@code original}, read from the customer index. */
    private static List<String> replacementsOf(Invoice original) {
        return replacementsOf(store, original);
    }

    private static List<String> replacementsOf(InvoiceStore in, Invoice original) {
        return in.page(new CustomerQuery(original.customerId(), Set.of(), null, null, false), Optional.empty(), 100)
                .invoices().stream()
                .filter(invoice -> original.id().equals(invoice.regeneratedFromInvoiceId()))
                .map(Invoice::id)
                .toList();
    }

    private static ApiEvents regenerate(String id) {
        return ApiEvents.load("regenerate-invoice.json").header("idempotency-key", null).body("{\"id\":\"" + id + "\"}");
    }
}
