package dev.invoices.pdf;

import dev.invoices.model.Invoice;
import dev.invoices.testing.InvoiceFixtures;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.invoices.pdf.PdfText.assertLinesInOrder;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unit test: invoices rendered by {@link InvoicePdf} and read back with PDFBox's own text extraction: every field,
 * in reading order, for each kind of invoice; the fonts embedded as subsets; scripts and currency signs as
 * themselves; a character the fonts lack replaced; the same version giving the same bytes.
 */
class InvoicePdfTest {
    private static final InvoicePdf RENDERER = InvoicePdf.instance();

    @Test
    void aUsdInvoiceWithTiersAndAdjustments_holdsEveryField_inOrder() {
        // given: 2,500,000 requests in three tiers (0.00 + 499.50 + 375.00), 1,234,567 × $0.0005, a plain $10.50
        byte[] pdf = RENDERER.render(PdfFixtures.usdWithTiers());

        // then
        assertEquals(1, PdfText.pages(pdf));
        assertLinesInOrder(PdfText.text(pdf), List.of(
                "Invoice",
                "Statement number ST20250001",
                "Invoice ID inv_full_0001",
                "Status FINALIZED",
                "Issue date 2025-02-01",
                "Billing period 2025-01-01 – 2025-01-31",
                "Customer ID cus_acme",
                "Plan Enterprise",
                "Currency USD",
                "Replaces inv_full_0000",
                "Item Quantity Unit price Subtotal",
                "API requests 2,500,000 $874.50",
                "Requests to the public API",
                "Tier 1: 0 – 1,000 1,000 $0.00 $0.00",
                "Tier 2: 1,000 – 1,000,000 999,000 $0.0005 $499.50",
                "Tier 3: 1,000,000 and above 1,500,000 $0.00025 $375.00",
                "Bandwidth 1,234,567 $0.0005 $617.28",
                "Data transferred out",
                "Support plan 1 $10.50",
                "Adjustments",
                "Prepaid credit -$25.00",
                "Late fee $5.00",
                "Subtotal $1,502.28",
                "Adjustments -$20.00",
                "Tax $87.40",
                "Total $1,569.68",
                "ST20250001 · inv_full_0001 Page 1 of 1"));
        assertFalse(PdfText.text(pdf).contains("VOID"));
        assertFalse(PdfText.text(pdf).contains("DRAFT"));
    }

    @Test
    void aJpyInvoice_hasNoDecimals_andTheYenSign() {
        byte[] pdf = RENDERER.render(PdfFixtures.jpy());

        assertLinesInOrder(PdfText.text(pdf), List.of(
                "Statement number JP-0001",
                "Currency JPY",
                "Seats 3 ¥1,250 ¥3,750",
                "Onboarding 1 ¥1,500",
                "One-off",
                "Loyalty discount -¥250",
                "Subtotal ¥5,250",
                "Adjustments -¥250",
                "Tax ¥412",
                "Total ¥5,412"));
    }

    @Test
    void aKwdInvoice_hasThreeDecimals_andTheCurrencyCode() {
        byte[] pdf = RENDERER.render(PdfFixtures.kwd());

        assertLinesInOrder(PdfText.text(pdf), List.of(
                "Currency KWD",
                "Storage 2 KWD 12.3455 KWD 24.691",
                "Object storage, GB-month",
                "Setup 1 KWD 0.500",
                "Subtotal KWD 25.191",
                "Tax KWD 0.000",
                "Total KWD 25.191"));
    }

    @Test
    void aVoidedInvoice_isStampedVoid_withItsDateReasonAndReplacement() {
        // given: InvoiceFixtures.full() is voided on 2025-02-02, regenerated from inv_full_0000, replaced by inv_full_0002
        byte[] pdf = RENDERER.render(InvoiceFixtures.full());

        assertLinesInOrder(PdfText.text(pdf), List.of(
                "Status VOID",
                "Replaces inv_full_0000",
                "Replaced by inv_full_0002",
                "Voided 2025-02-02: Replaced after a usage correction",
                "Item Quantity Unit price Subtotal",
                "Total $1,569.68",
                "ST20250001 · inv_full_0001 Page 1 of 1",
                "VOID"));
    }

    @Test
    void aDraft_isStampedDraft_andNotIssued() {
        byte[] pdf = RENDERER.render(PdfFixtures.draft());

        assertLinesInOrder(PdfText.text(pdf), List.of(
                "Statement number not assigned",
                "Invoice ID inv_draft_1",
                "Status DRAFT",
                "Issue date not issued",
                "API requests 1,000 $0.01 $10.00",
                "Total $10.00",
                "inv_draft_1 · inv_draft_1 Page 1 of 1",
                "DRAFT"));
    }

    @Test
    void threeHundredItems_runOverPages_eachWithTheTableHeaderAndItsNumber() {
        // given
        byte[] pdf = RENDERER.render(PdfFixtures.manyItems(300));

        // then: the page count is the layout's (about 24 items a page), and every page repeats the header
        int pages = PdfText.pages(pdf);
        assertEquals(13, pages);
        for (int page = 1; page <= pages; page++) {
            String text = PdfText.text(pdf, page, page);
            assertLinesInOrder(text, List.of("Item Quantity Unit price Subtotal",
                    "ST-MANY-300 · inv_many_1 Page " + page + " of " + pages));
            if (page > 1) {
                assertTrue(text.startsWith("Invoice ST-MANY-300 · inv_many_1 (continued)"), text);
            }
        }
        List<String> every = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            every.add("Item %03d %d $0.25 $%s".formatted(i, i, Amounts.money(
                    new java.math.BigDecimal("0.25").multiply(java.math.BigDecimal.valueOf(i)), "USD").substring(1)));
        }
        every.add("Total $11,287.50");
        assertLinesInOrder(PdfText.text(pdf), every);
    }

    @Test
    void greekCyrillicAndAccentedNames_andCurrencySigns_comeBackAsTheSameText() {
        String plan = "Πλάνο Ελλάς";
        String item = "Хранилище данных · Café Zürich Øresund";
        String description = "€ £ ¥ ₹ ₩ ₺ — naïve façade";

        byte[] pdf = RENDERER.render(PdfFixtures.named(plan, item, description));

        assertLinesInOrder(PdfText.text(pdf), List.of(
                "Plan " + plan,
                item + " 1 €9.99 €9.99",
                description));
    }

    @Test
    void aCharacterTheFontsLack_isReplacedVisibly_andTheRestRenders() {
        byte[] pdf = RENDERER.render(PdfFixtures.named("Growth", "Support 発票 plan", "tab\there"));

        assertLinesInOrder(PdfText.text(pdf), List.of(
                "Plan Growth",
                "Support \uFFFD\uFFFD plan 1 €9.99 €9.99",
                "tab here",
                "Total €9.99"));
    }

    @Test
    void theFonts_areEmbeddedSubsetsOfDejaVuSans() throws IOException {
        byte[] pdf = RENDERER.render(PdfFixtures.usdWithTiers());

        Set<String> names = new TreeSet<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertTrue(font.isEmbedded(), font.getName());
                    names.add(font.getName().replaceFirst("^[A-Z]{6}\\+", "SUBSET+"));
                }
            }
        }
        assertEquals(Set.of("SUBSET+DejaVuSans", "SUBSET+DejaVuSans-Bold"), names);
        assertTrue(pdf.length < 60_000, "subsets keep the document small: " + pdf.length + " bytes");
    }

    @Test
    void theSameVersion_givesTheSameBytes_andANewVersionOthers() {
        Invoice invoice = PdfFixtures.usdWithTiers();
        Invoice voided = invoice.voided(Instant.parse("2025-02-05T00:00:00Z"), "Wrong plan");

        byte[] first = RENDERER.render(invoice);
        byte[] second = RENDERER.render(invoice);
        byte[] next = RENDERER.render(voided);

        assertArrayEquals(first, second);
        assertFalse(Arrays.equals(first, next));
        assertNotEquals(InvoicePdf.etag(invoice), InvoicePdf.etag(voided));
        assertEquals("\"inv_full_0001-v3-pdf1\"", InvoicePdf.etag(invoice));
    }

    @Test
    void theDocumentInformation_comesFromTheInvoice() throws IOException {
        Invoice invoice = PdfFixtures.usdWithTiers();
        try (PDDocument document = Loader.loadPDF(RENDERER.render(invoice))) {
            assertEquals("Invoice ST20250001", document.getDocumentInformation().getTitle());
            assertEquals(invoice.issuedAt().toEpochMilli(),
                    document.getDocumentInformation().getCreationDate().getTimeInMillis());
            assertEquals(invoice.updatedAt().toEpochMilli() / 1000,
                    document.getDocumentInformation().getModificationDate().getTimeInMillis() / 1000);
        }
    }
}
