package dev.invoices.pdf;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The document's two typefaces, DejaVu Sans and DejaVu Sans Bold, parsed once per container: Latin, Greek and
 * Cyrillic, and the currency signs € £ ¥ ₹ ₩ ₺. Each document embeds a subset of each, holding only the glyphs
 * it shows. The files come from the {@code net.sf.jasperreports:jasperreports-fonts} artifact, with their
 * licence beside them.
 */
final class Fonts {
    static final String REGULAR = "/net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf";
    static final String BOLD = "/net/sf/jasperreports/fonts/dejavu/DejaVuSans-Bold.ttf";
    /** What stands for a character the fonts lack: the replacement character, visible as such. */
    static final int REPLACEMENT = 0xFFFD;

    private final TrueTypeFont regular;
    private final TrueTypeFont bold;

    private Fonts(TrueTypeFont regular, TrueTypeFont bold) {
        this.regular = regular;
        this.bold = bold;
    }

    /** The fonts from the classpath; a function jar without them is broken, so this fails loudly. */
    static Fonts fromClasspath() {
        return new Fonts(parse(REGULAR), parse(BOLD));
    }

    private static TrueTypeFont parse(String resource) {
        try (InputStream in = Fonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing font " + resource);
            }
            return new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both faces, as fonts of {@code document}, embedded as subsets when it is saved. */
    Faces load(PDDocument document) throws IOException {
        return new Faces(face(document, regular), face(document, bold));
    }

    private static Face face(PDDocument document, TrueTypeFont font) throws IOException {
        return new Face(PDType0Font.load(document, font, true), font.getUnicodeCmapLookup());
    }

    /** The regular and the bold face of one document. */
    record Faces(Face regular, Face bold) {
    }

    /** A face of one document, and the glyphs it has. */
    record Face(PDType0Font font, CmapLookup glyphs) {
        /**
         * The text as this face can show it: each character it lacks becomes {@link #REPLACEMENT} (or {@code ?}),
         * and every control character (a tab, a line break) a space, so no text can break the document.
         */
        String printable(String text) {
            if (text == null) {
                return "";
            }
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(c -> {
                if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                    out.append(' ');
                } else if (glyphs.getGlyphId(c) != 0) {
                    out.appendCodePoint(c);
                } else {
                    out.appendCodePoint(glyphs.getGlyphId(REPLACEMENT) != 0 ? REPLACEMENT : '?');
                }
            });
            return out.toString();
        }

        /** The width of printable text at {@code size} points. */
        float width(String printable, float size) throws IOException {
            return font.getStringWidth(printable) / 1000f * size;
        }
    }
}
