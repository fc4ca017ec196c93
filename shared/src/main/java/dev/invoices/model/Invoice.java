package dev.invoices.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An invoice as the canonical API presents it (contract §1). Optional fields are null when absent; lists are
 * empty rather than null. Amounts are exact {@link BigDecimal}s in major units of {@code currencyCode}.
 */
public record Invoice(
        String id,
        String customerId,
        String statementNumber,
        InvoiceStatus status,
        boolean paid,
        String currencyCode,
        Instant startTimestamp,
        Instant endTimestamp,
        Instant issuedAt,
        String planId,
        String planName,
        Map<String, String> planCustomFields,
        List<SubLineItem> subLineItems,
        List<InvoiceAdjustment> invoiceAdjustments,
        BigDecimal subtotal,
        BigDecimal tax,
        BigDecimal total,
        String voidReason,
        Instant voidedAt,
        String regeneratedFromInvoiceId,
        String replacedByInvoiceId,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Invoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currencyCode, "currencyCode");
        Objects.requireNonNull(startTimestamp, "startTimestamp");
        Objects.requireNonNull(endTimestamp, "endTimestamp");
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        planCustomFields = planCustomFields == null ? null : Map.copyOf(planCustomFields);
        subLineItems = subLineItems == null ? List.of() : List.copyOf(subLineItems);
        invoiceAdjustments = invoiceAdjustments == null ? List.of() : List.copyOf(invoiceAdjustments);
    }

    /** A copy with new amounts; everything else, {@code version} included, is unchanged. */
    public Invoice withAmounts(List<SubLineItem> newItems, List<InvoiceAdjustment> newAdjustments,
                               BigDecimal newSubtotal, BigDecimal newTax, BigDecimal newTotal) {
        return new Invoice(id, customerId, statementNumber, status, paid, currencyCode, startTimestamp,
                endTimestamp, issuedAt, planId, planName, planCustomFields, newItems, newAdjustments, newSubtotal,
                newTax, newTotal, voidReason, voidedAt, regeneratedFromInvoiceId, replacedByInvoiceId, createdAt,
                updatedAt, version);
    }
}
