package dev.invoices.pdf;

import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceAdjustment;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.model.SubLineItem;
import dev.invoices.model.Tier;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * An invoice as a PDF document (A4), laid out with Apache PDFBox: a header with the invoice's identity, period,
 * customer and plan; a table of its sub line items, with a row per tier of a tiered charge; its adjustments; then
 * subtotal, adjustments, tax and total. A voided invoice is stamped {@code VOID} (with the void date and reason in
 * its header), a draft {@code DRAFT}. The table's header is repeated at the top of every page, and every page is
 * numbered.
 *
 * <p>Deterministic: the same invoice version gives the same bytes. The dates in the document information come
 * from the invoice, the document id is derived from the invoice id and version, and the font subsets are named
 * from the glyphs they hold.
 */
public final class InvoicePdf {
    /**
     * The layout's revision, part of the ETag: a new layout gives new bytes for the same invoice version, so a
     * client holding the old document must not be told it is current. Raise it with any change to the output.
     */
    public static final int LAYOUT_REVISION = 1;

    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float MARGIN = 50;
    private static final float FOOTER = 36;
    private static final float RIGHT = PAGE.getWidth() - MARGIN;
    /** Column edges: the item's text from the left margin, the numbers right-aligned on these. */
    private static final float ITEM_WIDTH = 250;
    private static final float QUANTITY_RIGHT = 390;
    private static final float PRICE_RIGHT = 470;
    private static final float SUBTOTAL_RIGHT = RIGHT;
    private static final float TOTALS_LABEL = 320;
    private static final float TEXT = 9;
    private static final float SMALL = 8;
    private static final float LINE = 12;
    private static final int MAX_LINES_PER_TEXT = 8;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final Fonts fonts;

    private InvoicePdf(Fonts fonts) {
        this.fonts = fonts;
    }

    /** The fonts are parsed when this class is first used, once per container (and before a SnapStart snapshot). */
    private static final class Shared {
        static final InvoicePdf INSTANCE = new InvoicePdf(Fonts.fromClasspath());
    }

    /** The container's renderer. */
    public static InvoicePdf instance() {
        return Shared.INSTANCE;
    }

    /**
     * The invoice's document. Synchronized: the parsed fonts are read as each document's subsets are made, and a
     * parsed font is not safe to read from two threads (the local server runs requests in parallel).
     */
    public synchronized byte[] render(Invoice invoice) {
        try (PDDocument document = new PDDocument()) {
            new Layout(invoice, document, fonts.load(document)).write();
            information(document, invoice);
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering invoice " + invoice.id(), e);
        }
    }

    /** The strong ETag of the invoice's document: its id, version and the layout's revision. */
    public static String etag(Invoice invoice) {
        return "\"" + invoice.id() + "-v" + invoice.version() + "-pdf" + LAYOUT_REVISION + "\"";
    }

    private static void information(PDDocument document, Invoice invoice) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle("Invoice " + displayNumber(invoice));
        info.setSubject("Invoice " + invoice.id() + " for " + invoice.customerId());
        info.setCreator("Invoices API");
        info.setCreationDate(calendar(invoice.issuedAt() != null ? invoice.issuedAt() : invoice.createdAt()));
        info.setModificationDate(calendar(invoice.updatedAt()));
        byte[] id = documentId(invoice);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    /** The file identifier: the same for every rendering of one invoice version with this layout. */
    private static byte[] documentId(Invoice invoice) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (invoice.id() + "\n" + invoice.version() + "\n" + LAYOUT_REVISION).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GregorianCalendar calendar(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        calendar.setTimeInMillis(instant.toEpochMilli());
        return calendar;
    }

    static String displayNumber(Invoice invoice) {
        return invoice.statementNumber() == null || invoice.statementNumber().isBlank()
                ? invoice.id() : invoice.statementNumber();
    }

    /** One document being laid out, top to bottom, page after page. */
    private static final class Layout {
        private final Invoice invoice;
        private final PDDocument document;
        private final Fonts.Face regular;
        private final Fonts.Face bold;
        private final String currency;
        private final List<PDPage> pages = new ArrayList<>();
        private PDPageContentStream content;
        private float y;

        Layout(Invoice invoice, PDDocument document, Fonts.Faces faces) {
            this.invoice = invoice;
            this.document = document;
            this.regular = faces.regular();
            this.bold = faces.bold();
            this.currency = invoice.currencyCode();
        }

        void write() throws IOException {
            newPage();
            header();
            items();
            adjustments();
            totals();
            content.close();
            finishPages();
        }

        // ---- header ----

        private void header() throws IOException {
            text(bold, 20, MARGIN, y - 20, "Invoice");
            y -= 38;
            field("Statement number", invoice.statementNumber() == null ? "not assigned" : invoice.statementNumber());
            field("Invoice ID", invoice.id());
            field("Status", invoice.status().name() + (invoice.paid() ? " (paid)" : ""));
            field("Issue date", invoice.issuedAt() == null ? "not issued" : DATE.format(invoice.issuedAt()));
            field("Billing period", DATE.format(invoice.startTimestamp()) + " – "
                    + DATE.format(lastDay(invoice.startTimestamp(), invoice.endTimestamp())));
            field("Customer ID", invoice.customerId());
            field("Plan", invoice.planName() == null ? "none" : invoice.planName());
            field("Currency", currency);
            if (invoice.regeneratedFromInvoiceId() != null) {
                field("Replaces", invoice.regeneratedFromInvoiceId());
            }
            if (invoice.replacedByInvoiceId() != null) {
                field("Replaced by", invoice.replacedByInvoiceId());
            }
            if (invoice.status() == InvoiceStatus.VOID) {
                field("Voided", (invoice.voidedAt() == null ? "" : DATE.format(invoice.voidedAt()))
                        + (invoice.voidReason() == null || invoice.voidReason().isBlank()
                        ? "" : ": " + invoice.voidReason()));
            }
            y -= LINE;
        }

        /** The period's last day: its end is exclusive, so a month ending at 1 November 00:00 ends on 31 October. */
        private static Instant lastDay(Instant start, Instant end) {
            return end.isAfter(start) ? end.minusNanos(1) : end;
        }

        private void field(String label, String value) throws IOException {
            List<String> lines = wrap(regular, TEXT, value, RIGHT - MARGIN - 110);
            text(bold, TEXT, MARGIN, y - TEXT, label);
            for (String line : lines) {
                text(regular, TEXT, MARGIN + 110, y - TEXT, line);
                y -= LINE + 1;
            }
        }

        // ---- the table of sub line items ----

        private void items() throws IOException {
            tableHeader();
            for (SubLineItem item : invoice.subLineItems()) {
                item(item);
            }
            if (invoice.subLineItems().isEmpty()) {
                row(List.of(new Cell(regular, TEXT, "No charges in this period.", 0)), "", "", "");
            }
        }

        private void tableHeader() throws IOException {
            ensure(LINE * 2);
            float baseline = y - TEXT;
            text(bold, TEXT, MARGIN, baseline, "Item");
            right(bold, TEXT, QUANTITY_RIGHT, baseline, "Quantity");
            right(bold, TEXT, PRICE_RIGHT, baseline, "Unit price");
            right(bold, TEXT, SUBTOTAL_RIGHT, baseline, "Subtotal");
            y -= LINE + 2;
            rule(y, 0.6f);
            y -= 4;
        }

        private void item(SubLineItem item) throws IOException {
            List<Cell> lines = new ArrayList<>();
            for (String line : wrap(bold, TEXT, item.name(), ITEM_WIDTH)) {
                lines.add(new Cell(bold, TEXT, line, 0));
            }
            if (item.description() != null && !item.description().isBlank()) {
                for (String line : wrap(regular, SMALL, item.description(), ITEM_WIDTH)) {
                    lines.add(new Cell(regular, SMALL, line, 0));
                }
            }
            row(lines, Amounts.quantity(item.quantity()),
                    item.isPriced() ? Amounts.unitPrice(item.price(), currency) : "",
                    Amounts.money(item.subtotal(), currency));
            List<Tier> tiers = item.tiers();
            for (int i = 0; i < tiers.size(); i++) {
                Tier tier = tiers.get(i);
                String range = Amounts.quantity(tier.startingAt()) + (i + 1 < tiers.size()
                        ? " – " + Amounts.quantity(tiers.get(i + 1).startingAt())
                        : " and above");
                List<Cell> tierLines = new ArrayList<>();
                for (String line : wrap(regular, SMALL, "Tier " + (i + 1) + ": " + range, ITEM_WIDTH - 12)) {
                    tierLines.add(new Cell(regular, SMALL, line, 12));
                }
                row(tierLines, Amounts.quantity(tier.quantity()), Amounts.unitPrice(tier.price(), currency),
                        Amounts.money(tier.subtotal(), currency));
            }
            rule(y + 2, 0.2f);
        }

        /** One line of the item column. */
        private record Cell(Fonts.Face face, float size, String text, float indent) {
        }

        /** A table row: its item lines, and the numbers on its first line; moved whole to the next page if need be. */
        private void row(List<Cell> lines, String quantity, String price, String subtotal) throws IOException {
            float height = 0;
            for (Cell line : lines) {
                height += line.size() + 3;
            }
            if (ensure(height + 3)) {
                tableHeader();
            }
            // Drawn in reading order (the first line, its numbers, then the rest), so that text extraction and
            // screen readers read a row as a person does.
            for (int i = 0; i < lines.size(); i++) {
                Cell line = lines.get(i);
                float baseline = y - line.size();
                text(line.face(), line.size(), MARGIN + line.indent(), baseline, line.text());
                if (i == 0) {
                    right(regular, TEXT, QUANTITY_RIGHT, baseline, quantity);
                    right(regular, TEXT, PRICE_RIGHT, baseline, price);
                    right(regular, TEXT, SUBTOTAL_RIGHT, baseline, subtotal);
                }
                y -= line.size() + 3;
            }
            y -= 3;
        }

        // ---- adjustments and totals ----

        private void adjustments() throws IOException {
            if (invoice.invoiceAdjustments().isEmpty()) {
                return;
            }
            y -= LINE;
            ensure(LINE * 3);
            text(bold, 11, MARGIN, y - 11, "Adjustments");
            y -= LINE + 6;
            for (InvoiceAdjustment adjustment : invoice.invoiceAdjustments()) {
                List<String> lines = wrap(regular, TEXT, adjustment.name(), ITEM_WIDTH + 120);
                ensure(lines.size() * LINE + 2);
                for (int i = 0; i < lines.size(); i++) {
                    text(regular, TEXT, MARGIN, y - TEXT, lines.get(i));
                    if (i == 0) {
                        right(regular, TEXT, SUBTOTAL_RIGHT, y - TEXT, Amounts.money(adjustment.total(), currency));
                    }
                    y -= LINE;
                }
                y -= 2;
            }
        }

        private void totals() throws IOException {
            y -= LINE;
            ensure(LINE * 5);
            rule(y, 0.6f);
            y -= 6;
            total(regular, "Subtotal", invoice.subtotal());
            if (!invoice.invoiceAdjustments().isEmpty()) {
                total(regular, "Adjustments", invoice.invoiceAdjustments().stream()
                        .map(InvoiceAdjustment::total).reduce(BigDecimal.ZERO, BigDecimal::add));
            }
            total(regular, "Tax", invoice.tax());
            total(bold, "Total", invoice.total());
        }

        private void total(Fonts.Face face, String label, BigDecimal amount) throws IOException {
            float size = face == bold ? 11 : TEXT;
            text(face, size, TOTALS_LABEL, y - size, label);
            right(face, size, SUBTOTAL_RIGHT, y - size, Amounts.money(amount, currency));
            y -= size + 5;
        }

        // ---- pages ----

        /** Starts a new page when fewer than {@code height} points are left; true when it did. */
        private boolean ensure(float height) throws IOException {
            if (y - height >= MARGIN + FOOTER) {
                return false;
            }
            content.close();
            newPage();
            String running = "Invoice " + displayNumber(invoice) + " · " + invoice.id() + " (continued)";
            text(regular, SMALL, MARGIN, y - SMALL, running);
            y -= LINE * 2;
            return true;
        }

        private void newPage() throws IOException {
            PDPage page = new PDPage(PAGE);
            document.addPage(page);
            pages.add(page);
            content = new PDPageContentStream(document, page);
            y = PAGE.getHeight() - MARGIN;
        }

        /** On every page, once all are laid out: its number of the whole, and the stamp of a void or draft. */
        private void finishPages() throws IOException {
            String stamp = switch (invoice.status()) {
                case VOID -> "VOID";
                case DRAFT -> "DRAFT";
                case FINALIZED -> null;
            };
            for (int i = 0; i < pages.size(); i++) {
                try (PDPageContentStream page = new PDPageContentStream(document, pages.get(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    content = page;
                    rule(MARGIN + FOOTER - 12, 0.2f);
                    text(regular, SMALL, MARGIN, MARGIN + 8, displayNumber(invoice) + " · " + invoice.id());
                    right(regular, SMALL, RIGHT, MARGIN + 8, "Page " + (i + 1) + " of " + pages.size());
                    if (stamp != null) {
                        stamp(page, stamp);
                    }
                }
            }
        }

        private void stamp(PDPageContentStream page, String word) throws IOException {
            PDExtendedGraphicsState translucent = new PDExtendedGraphicsState();
            translucent.setNonStrokingAlphaConstant(0.18f);
            float size = 120;
            float width = bold.width(word, size);
            double angle = Math.toRadians(35);
            float cx = PAGE.getWidth() / 2;
            float cy = PAGE.getHeight() / 2;
            float x = (float) (cx - Math.cos(angle) * width / 2 + Math.sin(angle) * size * 0.35);
            float yy = (float) (cy - Math.sin(angle) * width / 2 - Math.cos(angle) * size * 0.35);
            page.saveGraphicsState();
            page.setGraphicsStateParameters(translucent);
            page.setNonStrokingColor(0.75f, 0.05f, 0.05f);
            page.beginText();
            page.setFont(bold.font(), size);
            page.setTextMatrix(Matrix.getRotateInstance(angle, x, yy));
            page.showText(word);
            page.endText();
            page.restoreGraphicsState();
        }

        // ---- drawing ----

        private void text(Fonts.Face face, float size, float x, float baseline, String text) throws IOException {
            String printable = face.printable(text);
            if (printable.isEmpty()) {
                return;
            }
            content.beginText();
            content.setFont(face.font(), size);
            content.newLineAtOffset(x, baseline);
            content.showText(printable);
            content.endText();
        }

        private void right(Fonts.Face face, float size, float rightEdge, float baseline, String text)
                throws IOException {
            String printable = face.printable(text);
            text(face, size, rightEdge - face.width(printable, size), baseline, printable);
        }

        private void rule(float at, float weight) throws IOException {
            content.setStrokingColor(0.6f);
            content.setLineWidth(weight);
            content.moveTo(MARGIN, at);
            content.lineTo(RIGHT, at);
            content.stroke();
        }

        /** Greedy word wrap to {@code width}; a word longer than a line is cut; at most a few lines, then "…". */
        private static List<String> wrap(Fonts.Face face, float size, String text, float width) throws IOException {
            String printable = face.printable(text).strip();
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : printable.split(" +")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (face.width(candidate, size) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (face.width(rest, size) > width) {
                    int cut = fitting(face, size, rest, width);
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            if (!line.isEmpty() || lines.isEmpty()) {
                lines.add(line.toString());
            }
            if (lines.size() > MAX_LINES_PER_TEXT) {
                List<String> kept = new ArrayList<>(lines.subList(0, MAX_LINES_PER_TEXT));
                kept.set(MAX_LINES_PER_TEXT - 1, kept.get(MAX_LINES_PER_TEXT - 1) + "…");
                return kept;
            }
            return lines;
        }

        /** How many chars of {@code text} fit in {@code width}: at least one code point, never half of one. */
        private static int fitting(Fonts.Face face, float size, String text, float width) throws IOException {
            int end = text.offsetByCodePoints(0, 1);
            while (end < text.length()) {
                int next = text.offsetByCodePoints(end, 1);
                if (face.width(text.substring(0, next), size) > width) {
                    break;
                }
                end = next;
            }
            return end;
        }
    }
}
