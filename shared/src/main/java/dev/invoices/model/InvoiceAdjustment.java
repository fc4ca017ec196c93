package dev.invoices.model;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * A credit, discount or manual correction applied to an invoice. Credits have negative totals.
 *
 * @param creditGrantCustomFields null when absent, otherwise an unmodifiable map
 */
public record InvoiceAdjustment(
        String name,
        BigDecimal total,
        String creditType,
        String creditGrantId,
        Map<String, String> creditGrantCustomFields) {

    public InvoiceAdjustment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(creditType, "creditType");
        creditGrantCustomFields = creditGrantCustomFields == null ? null : Map.copyOf(creditGrantCustomFields);
    }

    public InvoiceAdjustment withTotal(BigDecimal newTotal) {
        return new InvoiceAdjustment(name, newTotal, creditType, creditGrantId, creditGrantCustomFields);
    }
}
