package dev.invoices.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.config.Dependencies;
import dev.invoices.http.Authorization;
import dev.invoices.json.Json;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.HostileInputs.Case;
import dev.invoices.testing.HostileInputs.Expected;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.invoices.testing.Claims.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input through a command route's real entry point (void, regenerate), with authorization on and the
 * customer's own write token, as in AWS: the body (not JSON, not an object, too deep, duplicate keys, bad
 * numbers), its {@code id}, the route's own members, unknown members, its size, the {@code Content-Type} and
 * {@code Idempotency-Key} headers and the method, × every bad shape of {@link HostileInputs}. Each case targets a
 * fresh invoice of the caller in the state the route would change, so a request that wrongly got through would
 * change it: each asserts the exact status, code and fields, no internals, and that the invoice, every other
 * item and the item count are unchanged. A route's test extends this class with its {@link RouteUnderTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CommandRouteHostileInputs {
    /**
     * What differs between the command routes.
     *
     * @param eventFile     the route's event in {@code events/}
     * @param customer      the customer the suite acts as
     * @param targetStatus  the state the route would change
     * @param asTarget      makes a fresh invoice in that state into one the route would change (a regeneration
     *                      changes only a draft whose amounts are stale)
     * @param validBody     a valid body naming an invoice id
     * @param routeProbes   the cases only this route has (e.g. {@code reason})
     * @param assertApplied what the unchanged request did to the target (before, after)
     */
    public record RouteUnderTest(Function<Dependencies, RequestStreamHandler> handler, String eventFile,
                                 String customer, InvoiceStatus targetStatus, UnaryOperator<Invoice> asTarget,
                                 Function<String, String> validBody,
                                 List<Probe> routeProbes, BiConsumer<Invoice, Invoice> assertApplied) {
        String validBody(String id) {
            return validBody.apply(id);
        }
    }

    protected CommandRouteHostileInputs(RouteUnderTest route) {
        this.route = route;
    }

    /** Stands for the case's target invoice id in bodies; as long as the real ids, so body sizes stay exact. */
    public static final String TARGET = "inv_TARGET";
    private static final Instant NOW = Instant.parse("2025-07-01T10:00:00Z");
    private static final Instant PERIOD = Instant.parse("2025-05-01T00:00:00Z");
    private final AtomicInteger ids = new AtomicInteger();

    private final RouteUnderTest route;
    private Dependencies dependencies;
    private InvoiceStore store;
    private RequestStreamHandler handler;
    private List<Invoice> bystanders;

    /** A case, its body (with {@link #TARGET}) and what else it changes in the request. */
    public record Probe(Case hostile, String body, UnaryOperator<ApiEvents> apply) {
        public Probe(Case hostile) {
            this(hostile, hostile.value(), UnaryOperator.identity());
        }

        @Override
        public String toString() {
            return hostile.toString();
        }
    }

    @BeforeAll
    void seed() {
        Dependencies local = LocalDynamoDb.dependencies(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
        dependencies = new Dependencies(local.config().withAuthorizationRequired(true), local.dynamoDb(),
                local.clock());
        store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());
        bystanders = List.of(
                InvoiceFixtures.simple("inv_by_draft", route.customer(), InvoiceStatus.DRAFT, PERIOD),
                InvoiceFixtures.simple("inv_by_other", "cus_other", InvoiceStatus.FINALIZED, PERIOD));
        bystanders.forEach(invoice -> assertTrue(store.create(invoice)));
        handler = route.handler().apply(dependencies);
    }

    Stream<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        HostileInputs.notJsonObjects(TARGET).forEach(hostile -> probes.add(new Probe(hostile.in("body"))));
        probes.add(new Probe(new Case("body: empty", "", Expected.invalid("body"))));
        HostileInputs.badIdMembers().forEach(hostile -> probes.add(new Probe(hostile.in("body.id"))));
        HostileInputs.unknownMembers(TARGET).forEach(hostile -> probes.add(new Probe(hostile.in("body"))));
        probes.addAll(route.routeProbes());
        HostileInputs.oversizedBodies(TARGET).forEach(hostile -> probes.add(new Probe(hostile.in("body size"))));
        probes.add(new Probe(new Case("body size: 65 KiB with Content-Type text/plain", null,
                Expected.payloadTooLarge()), HostileInputs.padTo(TARGET, 65 * 1024),
                event -> event.header("content-type", "text/plain")));
        String valid = route.validBody(TARGET);
        for (Case hostile : HostileInputs.badContentTypes()) {
            probes.add(new Probe(hostile.in("Content-Type"), valid,
                    event -> event.header("content-type", hostile.value())));
        }
        for (Case hostile : HostileInputs.badIdempotencyKeys()) {
            probes.add(new Probe(hostile.in("Idempotency-Key"), valid,
                    event -> event.header("idempotency-key", hostile.value())));
        }
        probes.add(new Probe(new Case("Idempotency-Key bad and body bad: the body is reported", "",
                Expected.invalid("id")), "{\"id\": \"a#b\"}", event -> event.header("idempotency-key", "")));
        for (Case hostile : HostileInputs.wrongMethods("POST")) {
            probes.add(new Probe(hostile, valid, event -> event.method(hostile.value())));
        }
        return probes.stream();
    }

    /** A fresh invoice of the caller, in the state the route would change if a case got through. */
    private Invoice newTarget() {
        Invoice target = route.asTarget().apply(InvoiceFixtures.simple("inv_%06d".formatted(ids.incrementAndGet()),
                route.customer(), route.targetStatus(), PERIOD));
        assertEquals(TARGET.length(), target.id().length());
        assertTrue(store.create(target));
        return target;
    }

    private StoreSnapshot snapshot(Invoice target) {
        List<Invoice> seeded = new ArrayList<>(bystanders);
        seeded.add(target);
        return StoreSnapshot.of(dependencies.dynamoDb(), dependencies.config().tableName(), seeded);
    }

    private ApiEvents request(String body) {
        return ApiEvents.load(route.eventFile())
                .body(body)
                .header("idempotency-key", null)
                .authorizer(claim(route.customer()), List.of(Authorization.WRITE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void aHostileInput_getsItsExactProblem_andChangesNothing(Probe probe) {
        // given
        Invoice target = newTarget();
        StoreSnapshot before = snapshot(target);
        ApiEvents event = probe.apply().apply(request(probe.body().replace(TARGET, target.id())));

        // when
        ApiResponse response = event.invoke(handler);

        // then
        HostileInputs.assertAnswer(probe.hostile(), response);
        if (probe.hostile().expected().code().equals("method_not_allowed")) {
            assertEquals("POST", response.header("allow"));
        }
        before.assertUnchanged(probe.hostile().label());
    }

    @Test
    void theUnchangedRequest_succeeds_soEveryCaseFailsOnlyForItsOwnInput() {
        Invoice target = newTarget();

        ApiResponse response = request(route.validBody(target.id())).invoke(handler);

        assertEquals(200, response.status(), response.body());
        route.assertApplied().accept(target, store.get(target.id()).orElseThrow());
    }

    @Test
    void aBodyOfExactly64KiB_isNotTooLarge() {
        // given: 65,536 bytes, the limit itself; the padding member is unknown, so it is a 400 naming it
        Invoice target = newTarget();
        StoreSnapshot before = snapshot(target);
        String body = HostileInputs.padTo(target.id(), 64 * 1024);
        assertEquals(64 * 1024, body.getBytes(StandardCharsets.UTF_8).length);

        // when
        ApiResponse response = request(body).invoke(handler);

        // then
        HostileInputs.assertAnswer(new Case("64 KiB", null, Expected.invalid("pad")), response);
        before.assertUnchanged("64 KiB");
    }

    @Test
    void aBase64EncodedBody_isDecodedAndCheckedLikeAnyOther() throws IOException {
        // given: API Gateway base64-encodes bodies it treats as binary
        Invoice target = newTarget();
        StoreSnapshot before = snapshot(target);
        String body = Base64.getEncoder().encodeToString("{\"id\": \"a#b\"}".getBytes(StandardCharsets.UTF_8));

        // when
        ApiResponse response = invokeBase64(request("x").body(body));

        // then
        HostileInputs.assertAnswer(new Case("base64 body with a bad id", body, Expected.invalid("id")), response);
        before.assertUnchanged("base64");
    }

    @Test
    void aBodyFlaggedBase64ThatIsNotBase64_isMalformed_notAFailedInvocation() throws IOException {
        // given: isBase64Encoded true, and a body that does not decode (not producible through API Gateway, but the
        // handler must still answer with a problem rather than throw out of the runtime, which would be a 500)
        Invoice target = newTarget();
        StoreSnapshot before = snapshot(target);

        // when
        ApiResponse response = invokeBase64(request("x").body("{not base64!}"));

        // then
        HostileInputs.assertAnswer(new Case("isBase64Encoded with a body that is not base64", null,
                Expected.malformedJson()), response);
        before.assertUnchanged("bad base64");
    }

    @Test
    void noHostileInput_producesA5xx() {
        // when: every case, one after the other
        List<String> failures = new ArrayList<>();
        probes().forEach(probe -> {
            Invoice target = newTarget();
            ApiResponse response = probe.apply().apply(request(probe.body().replace(TARGET, target.id())))
                    .invoke(handler);
            if (response.status() >= 500) {
                failures.add(probe.hostile().label() + " → " + response.status());
            }
        });

        // then
        assertEquals(List.of(), failures);
    }

    /** Invokes the handler with the event marked {@code isBase64Encoded: true}; a thrown failure is a 500. */
    private ApiResponse invokeBase64(ApiEvents event) throws IOException {
        String json = event.json().replace("\"isBase64Encoded\":false", "\"isBase64Encoded\":true");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), output,
                    new TestContext());
        } catch (RuntimeException thrown) {
            // what Lambda does with an exception out of the handler: API Gateway answers 500
            return new ApiResponse(500, Map.of(), "{\"invocation_error\": \"" + thrown.getClass().getSimpleName() + "\"}");
        }
        Map<String, Object> result = Json.readObject(output.toString(StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) result.get("headers");
        return new ApiResponse(((BigDecimal) result.get("statusCode")).intValueExact(), headers,
                (String) result.get("body"));
    }
}
