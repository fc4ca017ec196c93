package dev.invoices.model;

import java.util.Locale;
import java.util.Optional;

/** The life cycle of an invoice: {@code DRAFT → FINALIZED → VOID}, or {@code DRAFT → VOID}. */
public enum InvoiceStatus {
    DRAFT,
    FINALIZED,
    VOID;

    /**
     * Parses a status in any ASCII letter case, as list filters accept it; empty when the text names no status.
     * ASCII only, so that look-alikes such as a dotless {@code ı} do not upper-case their way into a match.
     */
    public static Optional<InvoiceStatus> parse(String text) {
        if (text == null || !text.chars().allMatch(c -> c < 0x80)) {
            return Optional.empty();
        }
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "DRAFT" -> Optional.of(DRAFT);
            case "FINALIZED" -> Optional.of(FINALIZED);
            case "VOID" -> Optional.of(VOID);
            default -> Optional.empty();
        };
    }
}
