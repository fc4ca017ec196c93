package dev.invoices.model;

import java.util.Locale;
import java.util.Optional;

/** The life cycle of an invoice: {@code DRAFT → FINALIZED → VOID}, or {@code DRAFT → VOID}. */
public enum InvoiceStatus {
    DRAFT,
    FINALIZED,
    VOID;

    /** Parses a status in any letter case, as list filters accept it; empty when the text names no status. */
    public static Optional<InvoiceStatus> parse(String text) {
        if (text == null) {
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
