package dev.invoices.functions;

import dev.invoices.json.Json;
import dev.invoices.pdf.InvoicePdf;
import dev.invoices.pdf.RenderPriming;
import dev.invoices.priming.Priming;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unit test: the SnapStart priming of the PDF function, without DynamoDB or the network: the request path on a
 * canned client ends in a 404 problem, and the render path makes the synthetic invoice's document.
 */
class InvoicePdfHandlerPrimingTest {
    @Test
    void requestPriming_readsTheSyntheticInvoice_andAnswersItsDocument_withoutTheNetwork() throws IOException {
        List<String> responses = Priming.of(InvoicePdfHandler::new, "pdf-event.json").run();

        assertEquals(1, responses.size());
        Map<String, Object> response = Json.readEvent(responses.getFirst());
        assertEquals(new BigDecimal("200"), response.get("statusCode"), responses.getFirst());
        assertEquals("application/pdf", ((Map<?, ?>) response.get("headers")).get("content-type"));
        assertEquals(Boolean.TRUE, response.get("isBase64Encoded"));
    }

    @Test
    void renderPriming_rendersTheSyntheticInvoice() throws IOException {
        byte[] pdf = RenderPriming.of(InvoicePdf.instance()).run();

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("Invoice ID inv_priming"), text);
            assertTrue(text.contains("VOID"), text);
        }
    }
}
