package dev.invoices.model;

import java.util.regex.Pattern;

/**
 * The one pattern for invoice and customer ids (the Invoice schema of openapi.yaml). Ids become parts of DynamoDB keys joined with
 * {@code #}, so the pattern keeps {@code #}, {@code /}, dots and control characters out.
 */
public final class Ids {
    public static final int MAX_LENGTH = 64;
    public static final String PATTERN_TEXT = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";
    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && id.length() <= MAX_LENGTH && PATTERN.matcher(id).matches();
    }

    /** What a client is told when an id breaks the pattern; never echoes the input. */
    public static String rule() {
        return "must be 1 to 64 letters, digits, '_' or '-', starting with a letter or digit";
    }
}
