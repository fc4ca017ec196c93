package dev.invoices.local;

import dev.invoices.testing.OpenApiContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration test: {@code GET /docs} in headless Chromium (Debian's {@code chromium}, driven by
 * {@code playwright-core} from {@code src/test/node}): the page shows every operation of {@code openapi.yaml},
 * logs no console error or warning, fetches nothing from outside the local server, and "Try it out" on the PDF
 * route, sent to this server, shows the document. Skipped where Node.js or Chromium is absent.
 */
class ApiReferenceBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @RegisterExtension
    static final NodeClientServer SERVER = new NodeClientServer().requiring(CHROMIUM, "apt-get install chromium");

    @Test
    @SuppressWarnings("unchecked")
    void theReference_showsEveryOperation_withoutAConsoleError_andThePdfRouteShowsTheDocument()
            throws IOException, InterruptedException {
        // given
        String base = SERVER.base();
        String invoice = SERVER.firstInvoice("acme-corp");
        List<String> documented = new ArrayList<>();
        ((Map<String, Object>) OpenApiContract.document().get("paths")).forEach((path, item) ->
                ((Map<String, Object>) item).keySet().stream()
                        .filter(List.of("get", "put", "post", "delete", "patch")::contains)
                        .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        // when
        Map<String, Object> page = NodeScripts.run("docs-page.mjs", base, CHROMIUM.toString(), "acme-corp", invoice);

        // then
        assertEquals(null, page.get("error"), page.toString());
        assertEquals(documented, page.get("operations"));
        assertEquals(List.of(), page.get("problems"));
        assertEquals(List.of(), page.get("external"));
        assertEquals(base + "/v1/customers/acme-corp/invoices/" + invoice + "/pdf", page.get("requestUrl"));
        assertTrue(String.valueOf(page.get("document")).startsWith("Open the document ("), page.toString());
    }
}
