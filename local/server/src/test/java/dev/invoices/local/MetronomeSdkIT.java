package dev.invoices.local;

import dev.invoices.json.Json;
import dev.invoices.testing.RepositoryFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Integration test: Metronome's official SDK ({@code @metronome/sdk}, pinned with its hash in
 * {@code src/test/node/package-lock.json}), run by Node.js against {@code serve}: {@code retrievePdf} gets the
 * invoice's document, and a missing invoice is the SDK's own not-found error. Skipped where {@code node} and
 * {@code npm} are absent; the SDK is installed with {@code npm ci} into {@code target/metronome-sdk} on first use.
 */
class MetronomeSdkIT {
    private static final Path SOURCES = RepositoryFiles.path("local/server/src/test/node");
    private static final Path INSTALL = RepositoryFiles.path("local/server/target/metronome-sdk");

    @TempDir
    static Path data;

    private static LocalServer server;

    @BeforeAll
    static void installTheSdkAndServe() throws IOException, InterruptedException {
        assumeTrue(runs("node", "--version") && runs("npm", "--version"), "node and npm are not on the PATH");
        Files.createDirectories(INSTALL);
        for (String file : List.of("package.json", "package-lock.json", "retrieve-pdf.mjs")) {
            Files.copy(SOURCES.resolve(file), INSTALL.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(INSTALL.resolve("node_modules/@metronome/sdk"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                    .directory(INSTALL.toFile()).redirectErrorStream(true)
                    .redirectOutput(INSTALL.resolve("npm-ci.log").toFile()).start();
            assertTrue(npm.waitFor(300, TimeUnit.SECONDS) && npm.exitValue() == 0,
                    "npm ci failed: " + Files.readString(INSTALL.resolve("npm-ci.log")));
        }
        server = LocalServer.start(new LocalServer.Options(RepositoryFiles.path("template.yaml"), 0, Optional.of(data),
                60, 0, Optional.empty(), Map.of()), System.out, System.err);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void retrievePdf_getsTheInvoicesDocument() throws IOException, InterruptedException {
        // given: acme-corp's first demo invoice
        @SuppressWarnings("unchecked")
        String id = (String) ((List<Map<String, Object>>) Http.json(Http.get(server.baseUri()
                .resolve("/v1/customers/acme-corp/invoices?limit=1"))).get("data")).getFirst().get("id");

        // when
        Map<String, Object> result = retrievePdf("acme-corp", id);

        // then
        assertEquals(BigDecimal.valueOf(200), result.get("status"), result.toString());
        assertEquals("application/pdf", result.get("contentType"));
        assertEquals("%PDF-", result.get("head"));
        assertTrue(((BigDecimal) result.get("length")).intValue() > 1000, result.toString());
        assertEquals("\"" + id + "-v1-pdf1\"", result.get("etag"));
    }

    @Test
    void retrievePdf_ofAnUnknownInvoice_isTheSdksNotFoundError() throws IOException, InterruptedException {
        Map<String, Object> result = retrievePdf("acme-corp", "inv_none");

        assertEquals(Map.of("error", "NotFoundError", "status", BigDecimal.valueOf(404)), result);
    }

    private static Map<String, Object> retrievePdf(String customerId, String invoiceId)
            throws IOException, InterruptedException {
        String base = server.baseUri().toString().replaceAll("/$", "");
        Process node = new ProcessBuilder("node", "retrieve-pdf.mjs", base, customerId, invoiceId)
                .directory(INSTALL.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not finish");
        assertEquals(0, node.exitValue(), out);
        return Json.readObject(out.strip());
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
