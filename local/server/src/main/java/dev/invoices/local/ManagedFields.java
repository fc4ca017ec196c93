package dev.invoices.local;

import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceFields;
import dev.invoices.model.Timestamps;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields this service keeps itself ({@code version}, {@code created_at}, {@code updated_at}, and
 * {@code voided_at} on a void invoice), filled in on an imported line that lacks them, so that invoices exported
 * from another system import as they are. A field the line gives (not null) is kept as given. The rules, which
 * docs/local-development.md states:
 * <ul>
 *   <li>{@code version}: 1;</li>
 *   <li>{@code updated_at}: the import time;</li>
 *   <li>{@code created_at}: the import time, or the line's {@code updated_at} when that is earlier (an invoice is
 *       never updated before it is created);</li>
 *   <li>{@code voided_at}, only when {@code status} is {@code VOID}: the line's {@code updated_at} (voiding is
 *       the last change a void invoice can have had), else the import time.</li>
 * </ul>
 * One import uses one import time, so that reading the file again gives the same invoices.
 */
final class ManagedFields {
    /** A field this service manages. */
    enum Field {
        VERSION, CREATED_AT, UPDATED_AT, VOIDED_AT
    }

    private final Instant importTime;
    private final String importTimeText;

    ManagedFields(Instant importTime) {
        this.importTime = importTime;
        this.importTimeText = Timestamps.format(importTime);
    }

    /** Fills in what the line's JSON object lacks; returns which fields were filled. */
    Set<Field> fill(Map<String, Object> line) {
        Set<Field> filled = EnumSet.noneOf(Field.class);
        Optional<String> updatedAt = Optional.ofNullable(line.get(InvoiceFields.UPDATED_AT))
                .filter(String.class::isInstance).map(String.class::cast);
        if (line.get(InvoiceFields.VERSION) == null) {
            line.put(InvoiceFields.VERSION, BigDecimal.ONE);
            filled.add(Field.VERSION);
        }
        if (line.get(InvoiceFields.CREATED_AT) == null) {
            boolean updatedEarlier = updatedAt.flatMap(Timestamps::parse)
                    .filter(updated -> updated.isBefore(importTime)).isPresent();
            line.put(InvoiceFields.CREATED_AT, updatedEarlier ? updatedAt.get() : importTimeText);
            filled.add(Field.CREATED_AT);
        }
        if (line.get(InvoiceFields.UPDATED_AT) == null) {
            line.put(InvoiceFields.UPDATED_AT, importTimeText);
            filled.add(Field.UPDATED_AT);
        }
        if ("VOID".equals(line.get(InvoiceFields.STATUS)) && line.get(InvoiceFields.VOIDED_AT) == null) {
            line.put(InvoiceFields.VOIDED_AT, updatedAt.orElse(importTimeText));
            filled.add(Field.VOIDED_AT);
        }
        return filled;
    }

    /**
     * The imported invoice as it compares with the stored one: the fields that were filled in take the stored
     * values, since the line said nothing about them. So a file without them imports again as unchanged.
     */
    static Invoice asStored(Invoice imported, Set<Field> filled, Invoice stored) {
        return with(imported,
                filled.contains(Field.VERSION) ? stored.version() : imported.version(),
                filled.contains(Field.CREATED_AT) ? stored.createdAt() : imported.createdAt(),
                filled.contains(Field.UPDATED_AT) ? stored.updatedAt() : imported.updatedAt(),
                filled.contains(Field.VOIDED_AT) && stored.voidedAt() != null ? stored.voidedAt() : imported.voidedAt());
    }

    /**
     * The imported invoice as it overwrites the stored one ({@code --replace}): a filled {@code version} is the
     * stored one's next, and a filled {@code created_at} the stored one's, since the invoice is the same one,
     * updated.
     */
    static Invoice replacing(Invoice imported, Set<Field> filled, Invoice stored) {
        return with(imported,
                filled.contains(Field.VERSION) ? stored.version() + 1 : imported.version(),
                filled.contains(Field.CREATED_AT) ? stored.createdAt() : imported.createdAt(),
                imported.updatedAt(), imported.voidedAt());
    }

    private static Invoice with(Invoice i, long version, Instant createdAt, Instant updatedAt, Instant voidedAt) {
        return new Invoice(i.id(), i.customerId(), i.statementNumber(), i.status(), i.paid(), i.currencyCode(),
                i.startTimestamp(), i.endTimestamp(), i.issuedAt(), i.planId(), i.planName(), i.planCustomFields(),
                i.subLineItems(), i.invoiceAdjustments(), i.subtotal(), i.tax(), i.total(), i.voidReason(), voidedAt,
                i.regeneratedFromInvoiceId(), i.replacedByInvoiceId(), createdAt, updatedAt, version);
    }
}
