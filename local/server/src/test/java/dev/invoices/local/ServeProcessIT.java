package dev.invoices.local;

import dev.invoices.testing.RepositoryFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Integration test of {@code java -jar invoices-local.jar serve} as its own process, killed the hard way: the
 * local DynamoDB engine it started goes with it, and what it answered before is still there after a restart.
 */
class ServeProcessIT {
    private static final List<String> CUSTOMERS = List.of("acme-corp", "globex", "initech", "umbrella",
            "stark-industries");

    @TempDir
    Path data;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void aServerKilledWithSigkill_leavesNoEngineBehind_andLosesNoAnsweredWrite() throws Exception {
        // given: a server on a data folder, and a draft voided through it
        Process serve = serve("--seed", "60");
        URI base = listeningOn(serve);
        Draft draft = firstDraft(base);
        HttpResponse<String> voided = Http.send(HttpRequest.newBuilder(base.resolve("/v1/invoices/void"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"" + draft.id() + "\"}")));
        assertEquals(200, voided.statusCode(), voided.body());
        List<ProcessHandle> engines = serve.toHandle().children().toList();
        assertEquals(1, engines.size(), "serve starts one engine process");

        // when
        serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        // then: the engine exits by itself, and a new server finds the void
        ProcessHandle engine = engines.getFirst();
        engine.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(engine.isAlive());
        URI again = listeningOn(serve());
        HttpResponse<String> after = Http.get(again.resolve("/v1/customers/" + draft.customer() + "/invoices/"
                + draft.id()));
        assertEquals(200, after.statusCode(), after.body());
        assertEquals("VOID", ((Map<?, ?>) Http.json(after).get("data")).get("status"));
    }

    private Process serve(String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", RepositoryFiles.path("local/server/target/invoices-local.jar").toString(), "serve",
                "--port", "0", "--data", data.toString()));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).directory(RepositoryFiles.root().toFile())
                .redirectErrorStream(true).start();
        started.add(process);
        return process;
    }

    /** Reads the server's output until its {@code Listening on} line; the rest is drained in the background. */
    private static URI listeningOn(Process serve) throws Exception {
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("Listening on ")) {
                        listening.complete(URI.create(line.substring("Listening on ".length()).strip()));
                    }
                }
            } catch (IOException ended) {
                // the process is gone
            }
            listening.completeExceptionally(new IllegalStateException("serve ended without listening"));
        });
        reader.setDaemon(true);
        reader.start();
        return listening.get(120, TimeUnit.SECONDS);
    }

    private record Draft(String customer, String id) {
    }

    private static Draft firstDraft(URI base) {
        for (String customer : CUSTOMERS) {
            List<?> drafts = (List<?>) Http.json(Http.get(base.resolve("/v1/customers/" + customer
                    + "/invoices?status=draft&limit=1"))).get("data");
            if (!drafts.isEmpty()) {
                return new Draft(customer, (String) ((Map<?, ?>) drafts.getFirst()).get("id"));
            }
        }
        throw new AssertionError("the demo data has no draft");
    }
}
