package dev.invoices.model;

/**
 * How long a text is, as clients count it: in Unicode characters (code points), as JSON Schema's
 * {@code maxLength} in {@code openapi.yaml} does, not in Java's UTF-16 units, which count an emoji twice.
 */
public final class Text {
    private Text() {
    }

    /** The number of Unicode characters in {@code text}; a lone surrogate counts as one. */
    public static int characters(String text) {
        return text.codePointCount(0, text.length());
    }
}
