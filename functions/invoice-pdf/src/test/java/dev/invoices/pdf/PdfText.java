package dev.invoices.pdf;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/** A rendered document read back with PDFBox's own text extraction, and the assertion that text comes in order. */
final class PdfText {
    private PdfText() {
    }

    static int pages(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of pages {@code first} to {@code last} (1-based), in the order it was drawn. */
    static String text(byte[] pdf, int first, int last) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(first);
            stripper.setEndPage(last);
            return stripper.getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(byte[] pdf) {
        return text(pdf, 1, Integer.MAX_VALUE);
    }

    /** Each expected line appears, whole, after the one before it. */
    static void assertLinesInOrder(String text, List<String> expected) {
        List<String> lines = text.lines().map(String::strip).toList();
        int at = 0;
        for (String line : expected) {
            int found = -1;
            for (int i = at; i < lines.size(); i++) {
                if (lines.get(i).equals(line)) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                fail("missing, or out of order: \"" + line + "\" after line " + at + " of:\n" + text);
            }
            at = found + 1;
        }
    }
}
