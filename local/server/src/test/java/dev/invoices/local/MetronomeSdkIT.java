package dev.invoices.local;

import dev.invoices.testing.RepositoryFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Integration test: Metronome's official SDK ({@code @metronome/sdk}, pinned in {@code src/test/node}), run by
 * Node.js against {@code serve}: {@code retrievePdf} gets the invoice's document, and a missing invoice is the
 * SDK's own not-found error. Skipped where {@code node} and {@code npm} are absent.
 */
class MetronomeSdkIT {
    @TempDir
    static Path data;

    private static LocalServer server;

    @BeforeAll
    static void installTheSdkAndServe() throws IOException, InterruptedException {
        assumeTrue(NodeScripts.available(), "node and npm are not on the path");
        NodeScripts.install();
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
        String id = firstInvoice(server, "acme-corp");

        // when
        Map<String, Object> result = NodeScripts.run("retrieve-pdf.mjs", base(server), "acme-corp", id);

        // then
        assertEquals(BigDecimal.valueOf(200), result.get("status"), result.toString());
        assertEquals("application/pdf", result.get("contentType"));
        assertEquals("%PDF-", result.get("head"));
        assertTrue(((BigDecimal) result.get("length")).intValue() > 1000, result.toString());
        assertEquals("\"" + id + "-v1-pdf1\"", result.get("etag"));
    }

    @Test
    void retrievePdf_ofAnUnknownInvoice_isTheSdksNotFoundError() throws IOException, InterruptedException {
        Map<String, Object> result = NodeScripts.run("retrieve-pdf.mjs", base(server), "acme-corp", "inv_none");

        assertEquals(Map.of("error", "NotFoundError", "status", BigDecimal.valueOf(404)), result);
    }

    /** The server's base URL without a trailing slash, as clients are configured. */
    static String base(LocalServer server) {
        return server.baseUri().toString().replaceAll("/$", "");
    }

    @SuppressWarnings("unchecked")
    static String firstInvoice(LocalServer server, String customerId) {
        return (String) ((List<Map<String, Object>>) Http.json(Http.get(server.baseUri()
                .resolve("/v1/customers/" + customerId + "/invoices?limit=1"))).get("data")).getFirst().get("id");
    }
}
