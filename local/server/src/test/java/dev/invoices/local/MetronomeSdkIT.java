package dev.invoices.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration test: Metronome's official SDK ({@code @metronome/sdk}, pinned in {@code src/test/node}), run by
 * Node.js against {@code serve}: {@code retrievePdf} gets the invoice's document, and a missing invoice is the
 * SDK's own not-found error. Skipped where {@code node} and {@code npm} are absent.
 */
class MetronomeSdkIT {
    @RegisterExtension
    static final NodeClientServer SERVER = new NodeClientServer();

    @Test
    void retrievePdf_getsTheInvoicesDocument() throws IOException, InterruptedException {
        // given: acme-corp's first demo invoice
        String id = SERVER.firstInvoice("acme-corp");

        // when
        Map<String, Object> result = NodeScripts.run("retrieve-pdf.mjs", SERVER.base(), "acme-corp", id);

        // then
        assertEquals(BigDecimal.valueOf(200), result.get("status"), result.toString());
        assertEquals("application/pdf", result.get("contentType"));
        assertEquals("%PDF-", result.get("head"));
        assertTrue(((BigDecimal) result.get("length")).intValue() > 1000, result.toString());
        assertEquals("\"" + id + "-v1-pdf1\"", result.get("etag"));
    }

    @Test
    void retrievePdf_ofAnUnknownInvoice_isTheSdksNotFoundError() throws IOException, InterruptedException {
        Map<String, Object> result = NodeScripts.run("retrieve-pdf.mjs", SERVER.base(), "acme-corp", "inv_none");

        assertEquals(Map.of("error", "NotFoundError", "status", BigDecimal.valueOf(404)), result);
    }
}
