package dev.invoices.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An invoice as the canonical API presents it (the Invoice schema of openapi.yaml). Optional fields are null when absent; lists are
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

    /** This invoice voided at {@code now}: the next version, with {@code voided_at} and the reason (may be null). */
    public Invoice voided(Instant now, String reason) {
        return new Invoice(id, customerId, statementNumber, InvoiceStatus.VOID, paid, currencyCode, startTimestamp,
                endTimestamp, issuedAt, planId, planName, planCustomFields, subLineItems, invoiceAdjustments,
                subtotal, tax, total, reason, now, regeneratedFromInvoiceId, replacedByInvoiceId, createdAt, now,
                version + 1);
    }

    /** This (voided) invoice, replaced at {@code now} by the invoice {@code replacementId}: the next version. */
    public Invoice replacedBy(String replacementId, Instant now) {
        return new Invoice(id, customerId, statementNumber, status, paid, currencyCode, startTimestamp,
                endTimestamp, issuedAt, planId, planName, planCustomFields, subLineItems, invoiceAdjustments,
                subtotal, tax, total, voidReason, voidedAt, regeneratedFromInvoiceId, replacementId, createdAt, now,
                version + 1);
    }

    /**
     * The replacement of this voided invoice: a new, unpaid {@code FINALIZED} invoice issued at {@code now}
     * for the same customer, period, plan and charges, linked back to this one, at version 1. Its amounts are
     * as this invoice's; recompute them.
     */
    public Invoice replacement(String newId, String newStatementNumber, Instant now) {
        return new Invoice(newId, customerId, newStatementNumber, InvoiceStatus.FINALIZED, false, currencyCode,
                startTimestamp, endTimestamp, now, planId, planName, planCustomFields, subLineItems,
                invoiceAdjustments, subtotal, tax, total, null, null, id, null, now, now, 1);
    }

    /** The next version of this invoice, changed at {@code now}, with {@code amounts}' amounts. */
    public Invoice withAmountsOf(Invoice amounts, Instant now) {
        return new Invoice(id, customerId, statementNumber, status, paid, currencyCode, startTimestamp,
                endTimestamp, issuedAt, planId, planName, planCustomFields, amounts.subLineItems(),
                amounts.invoiceAdjustments(), amounts.subtotal(), amounts.tax(), amounts.total(), voidReason,
                voidedAt, regeneratedFromInvoiceId, replacedByInvoiceId, createdAt, now, version + 1);
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
