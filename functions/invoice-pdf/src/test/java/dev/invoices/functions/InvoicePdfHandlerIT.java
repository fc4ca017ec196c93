package dev.invoices.functions;

import dev.invoices.config.Dependencies;
import dev.invoices.json.InvoiceJson;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.pdf.InvoicePdf;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.ApiEvents;
import dev.invoices.testing.ApiResponse;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.LocalDynamoDb;
import dev.invoices.testing.RepositoryFiles;
import dev.invoices.testing.TestContext;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration test: {@code GET /v1/customers/{customer_id}/invoices/{invoice_id}/pdf} through the PDF function's
 * real entry point with {@code events/get-invoice-pdf.json}, on the local DynamoDB engine: the document as a
 * base64 binary body, its ETag and filename, 304 for a current copy, and the get route's 404s.
 */
class InvoicePdfHandlerIT {
    private static InvoiceStore store;
    private static InvoicePdfHandler handler;
    private static Invoice sample;

    @BeforeAll
    static void createTable() {
        Dependencies dependencies = LocalDynamoDb.dependencies(Map.of());
        store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());
        handler = new InvoicePdfHandler(dependencies);
        // events/get-invoice-pdf.json asks for acme-corp's inv_2024_10_acme, which full-usd.json is
        sample = InvoiceJson.read(RepositoryFiles.read("local/testing/src/main/resources/invoices/full-usd.json"));
        assertTrue(store.create(sample));
    }

    @Test
    void theSampleEvent_returnsTheInvoicesDocument_asABase64BinaryBody() throws IOException {
        // when
        ApiResponse response = ApiEvents.load("get-invoice-pdf.json").invoke(handler);

        // then
        assertEquals(200, response.status(), response.body());
        assertTrue(response.base64Encoded());
        assertEquals(Map.of(
                "content-type", "application/pdf",
                "x-content-type-options", "nosniff",
                "cache-control", "private, no-cache",
                "etag", "\"inv_2024_10_acme-v" + sample.version() + "-pdf1\"",
                "content-disposition", "inline; filename=\"" + sample.statementNumber() + ".pdf\"",
                "request-id", "BxWvQg0CoAMEbZA="),
                response.headers());
        byte[] pdf = response.bytes();
        assertArrayEquals(InvoicePdf.instance().render(sample), pdf, "the rendering of the stored version");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("Invoice ID inv_2024_10_acme"), text);
            assertTrue(text.contains("Customer ID acme-corp"), text);
        }
    }

    @Test
    void theCurrentETag_isA304WithoutABody_andAnyOtherTagGetsTheDocument() {
        String etag = ApiEvents.load("get-invoice-pdf.json").invoke(handler).header("etag");

        ApiResponse current = ApiEvents.load("get-invoice-pdf.json").header("if-none-match", etag).invoke(handler);
        ApiResponse listed = ApiEvents.load("get-invoice-pdf.json")
                .header("if-none-match", "\"other\", W/" + etag).invoke(handler);
        ApiResponse star = ApiEvents.load("get-invoice-pdf.json").header("if-none-match", "*").invoke(handler);
        ApiResponse stale = ApiEvents.load("get-invoice-pdf.json")
                .header("if-none-match", "\"inv_2024_10_acme-v0-pdf1\"").invoke(handler);

        assertEquals(304, current.status());
        assertEquals("", current.body());
        assertEquals(Map.of("cache-control", "private, no-cache", "etag", etag, "request-id", "BxWvQg0CoAMEbZA="),
                current.headers());
        assertEquals(304, listed.status());
        assertEquals(304, star.status());
        assertEquals(200, stale.status());
    }

    @Test
    void aNewVersion_hasANewETag_andTheOldOneNoLongerMatches() {
        // given: a stored invoice, fetched once, then voided (version 2)
        Invoice invoice = InvoiceFixtures.simple("inv_pdf_versions", "acme-corp", InvoiceStatus.FINALIZED,
                Instant.parse("2025-01-01T00:00:00Z"));
        assertTrue(store.create(invoice));
        ApiResponse first = pdf("acme-corp", invoice.id()).invoke(handler);
        assertTrue(store.replace(invoice.voided(Instant.parse("2025-07-01T00:00:00Z"), "Duplicate"),
                invoice.version()));

        // when
        ApiResponse afterVoid = pdf("acme-corp", invoice.id()).header("if-none-match", first.header("etag"))
                .invoke(handler);

        // then
        assertEquals(200, afterVoid.status());
        assertNotEquals(first.header("etag"), afterVoid.header("etag"));
        assertEquals("\"inv_pdf_versions-v2-pdf1\"", afterVoid.header("etag"));
    }

    @Test
    void anotherCustomersInvoice_isA404IdenticalToAnUnknownOne() {
        ApiResponse probing = pdf("globex", sample.id()).invoke(handler);
        ApiResponse unknown = pdf("globex", "inv_nope").invoke(handler);

        probing.assertProblem(404, "not_found");
        assertEquals(unknown.status(), probing.status());
        assertEquals(unknown.headers(), probing.headers());
        assertEquals(unknown.body(), probing.body());
    }

    @Test
    void aStatementNumberThatIsNotASafeFilename_isSanitized_andKeptInFilenameStar() {
        Invoice invoice = new Invoice("inv_pdf_name", "acme-corp", "Счёт \"7\"/2025\r\n", InvoiceStatus.FINALIZED,
                false, "USD", sample.startTimestamp(), sample.endTimestamp(), sample.issuedAt(), null, null, null,
                List.of(), List.of(), new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.00"), null,
                null, null, null, sample.createdAt(), sample.updatedAt(), 1);
        assertTrue(store.create(invoice));

        ApiResponse response = pdf("acme-corp", invoice.id()).invoke(handler);

        assertEquals(200, response.status());
        assertEquals("inline; filename=\"7_2025.pdf\"; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%20%227%22_2025.pdf",
                response.header("content-disposition"));
    }

    @Test
    void aBadInvoiceId_isA400NamingTheField_andAnotherMethodA405() {
        pdf("acme-corp", "a#b").invoke(handler).assertProblem(400, "invalid_request");
        ApiResponse post = ApiEvents.load("get-invoice-pdf.json").method("POST").invoke(handler);
        post.assertProblem(405, "method_not_allowed");
        assertEquals("GET", post.header("allow"));
    }

    @Test
    void everyAnswer_writesOneRequestLine() {
        TestContext context = new TestContext();

        ApiEvents.load("get-invoice-pdf.json").invoke(handler, context);

        Map<String, Object> line = context.logObjects("request").getFirst();
        assertEquals(List.of(BigDecimal.valueOf(200), "inv_2024_10_acme",
                        "GET /v1/customers/{customer_id}/invoices/{invoice_id}/pdf"),
                List.of(line.get("status"), line.get("invoice_id"), line.get("route")), line.toString());
    }

    private static ApiEvents pdf(String customerId, String invoiceId) {
        return ApiEvents.load("get-invoice-pdf.json")
                .pathParameter("customer_id", customerId)
                .pathParameter("invoice_id", invoiceId);
    }
}
