package dev.invoices.publishing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.json.Json;
import dev.invoices.priming.Priming;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.warmup.http.CannedResponseHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * The publisher's SnapStart priming, as {@code dev.invoices.priming.Priming} is the other functions': before the
 * snapshot (and at init under provisioned concurrency), a second handler on synthetic configuration and on an
 * EventBridge client whose HTTP client answers every call with an accepted entry
 * ({@link CannedResponseHttpClient}) handles a synthetic stream batch ({@code priming/stream-event.json}): the
 * batch's parsing, the item mapper, the classification, the detail's rendering, the SDK's marshalling, signing
 * (with dummy credentials) and unmarshalling, the log lines and metrics all run, and the JDK's network classes
 * are loaded as the other functions' priming loads them. It opens no connection and resolves no credentials.
 */
public final class PublisherPriming implements Resource {
    static final String PROVISIONED = "provisioned-concurrency";
    private static final String CANNED_RESPONSE = "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"priming\"}]}";
    /** org.crac holds resources weakly: this strong reference keeps a registered priming alive. */
    private static final List<PublisherPriming> REGISTERED = new CopyOnWriteArrayList<>();

    private final BiFunction<Map<String, String>, EventBridgeClient, RequestStreamHandler> handlerFactory;

    private PublisherPriming(BiFunction<Map<String, String>, EventBridgeClient, RequestStreamHandler> handlerFactory) {
        this.handlerFactory = handlerFactory;
    }

    /** Registers with the global CRaC context, and primes at once under provisioned concurrency. */
    public static void register(BiFunction<Map<String, String>, EventBridgeClient, RequestStreamHandler> handlerFactory) {
        PublisherPriming priming = of(handlerFactory);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        if (PROVISIONED.equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            priming.prime(PROVISIONED);
        }
    }

    /** The priming, not registered anywhere: {@link #register} is what the handler calls. */
    public static PublisherPriming of(BiFunction<Map<String, String>, EventBridgeClient, RequestStreamHandler> factory) {
        return new PublisherPriming(factory);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime("checkpoint");
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    /**
     * Runs the synthetic batch and logs a {@code priming} line with its outcome, as the other functions' priming
     * does; failures are logged and swallowed, since priming must never stop a function from starting.
     */
    void prime(String trigger) {
        Priming.logged(trigger, () -> {
            Object failures = Json.readObject(run()).get("batchItemFailures");
            return List.of(Priming.request("stream-event.json", "batch_item_failures",
                    failures instanceof List<?> list ? list.size() : null));
        });
    }

    /** Runs the synthetic batch and returns the handler's answer, so that a test can check the path it took. */
    public String run() throws IOException {
        try (EventBridgeClient canned = EventBridgeClient.builder()
                .httpClient(CannedResponseHttpClient.builder().statusCode(200)
                        .responseBody(CANNED_RESPONSE.getBytes(StandardCharsets.UTF_8)).build())
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://priming.invalid"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .build()) {
            RequestStreamHandler handler = handlerFactory.apply(
                    Map.of(PublisherConfig.EVENT_BUS_NAME, "priming", "AWS_REGION", "us-east-1"), canned);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] event = Priming.resource("stream-event.json").getBytes(StandardCharsets.UTF_8);
            handler.handleRequest(new ByteArrayInputStream(event), out, CONTEXT);
            Priming.loadNetworkClasses();
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static final Context CONTEXT = Priming.context(512);
}
