package dev.invoices.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java -jar local/server/target/invoices-local.jar serve}: from the command to the first answer of a list request. */
final class LocalServe {
    private final Path repository;
    private final Path work;

    LocalServe(Path repository, Path work) {
        this.repository = repository;
        this.work = work;
    }

    List<Double> run(int repetitions, List<String> options) {
        List<Double> millis = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int i = 0; i < repetitions; i++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(java, "-jar",
                    repository.resolve("local/server/target/invoices-local.jar").toString(), "serve", "--port",
                    Integer.toString(port)));
            command.addAll(options);
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/customers/acme-corp/invoices?limit=1"))
                    .timeout(Duration.ofSeconds(5)).build();
            ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("serve.log").toFile()));
            builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("JAVA_TOOL"));
            Process process = null;
            try {
                long start = System.nanoTime();
                process = builder.start();
                while (true) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("serve exited; see " + work.resolve("serve.log"));
                    }
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            break;
                        }
                    } catch (IOException notYet) {
                        Thread.sleep(10);
                    }
                    if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
                        throw new IllegalStateException("serve did not answer within 60 s");
                    }
                }
                millis.add((System.nanoTime() - start) / 1e6);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                if (process != null) {
                    process.destroy();
                    try {
                        process.waitFor(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
        return millis;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
