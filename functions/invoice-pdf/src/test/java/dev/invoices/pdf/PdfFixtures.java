package dev.invoices.pdf;

import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceAdjustment;
import dev.invoices.model.InvoiceCalculator;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.model.SubLineItem;
import dev.invoices.testing.InvoiceFixtures;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Invoices for the document tests, each with its amounts computed by {@link InvoiceCalculator}. */
final class PdfFixtures {
    static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
    static final Instant END = Instant.parse("2025-04-01T00:00:00Z");
    static final Instant ISSUED = Instant.parse("2025-04-01T08:00:00Z");

    private PdfFixtures() {
    }

    /**
     * {@link InvoiceFixtures#full()} (tiers, a priced and a plain item, a credit and a fee, tax) as a finalized
     * USD invoice that replaces {@code inv_full_0000}.
     */
    static Invoice usdWithTiers() {
        Invoice full = InvoiceFixtures.full("USD");
        return new Invoice(full.id(), full.customerId(), full.statementNumber(), InvoiceStatus.FINALIZED, false,
                "USD", full.startTimestamp(), full.endTimestamp(), full.issuedAt(), full.planId(), full.planName(),
                full.planCustomFields(), full.subLineItems(), full.invoiceAdjustments(), full.subtotal(), full.tax(),
                full.total(), null, null, "inv_full_0000", null, full.createdAt(), full.updatedAt(),
                full.version());
    }

    static Invoice jpy() {
        return invoice("inv_jpy_1", "JP-0001", InvoiceStatus.FINALIZED, "JPY",
                List.of(item("Seats", null, "3", "1250", null), item("Onboarding", "One-off", "1", null, "1500")),
                List.of(new InvoiceAdjustment("Loyalty discount", new BigDecimal("-250"), "DISCOUNT", null, null)),
                "412");
    }

    static Invoice kwd() {
        return invoice("inv_kwd_1", "KW-0001", InvoiceStatus.FINALIZED, "KWD",
                List.of(item("Storage", "Object storage, GB-month", "2", "12.3455", null),
                        item("Setup", null, "1", null, "0.500")),
                List.of(), "0.000");
    }

    static Invoice draft() {
        return invoice("inv_draft_1", null, InvoiceStatus.DRAFT, "USD",
                List.of(item("API requests", null, "1000", "0.01", null)), List.of(), "0.00");
    }

    /** A USD invoice of {@code count} priced items, {@code Item 001} to {@code Item NNN}, each with a description. */
    static Invoice manyItems(int count) {
        List<SubLineItem> items = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            items.add(item("Item %03d".formatted(i), "Usage of meter %03d".formatted(i), String.valueOf(i), "0.25",
                    null));
        }
        return invoice("inv_many_1", "ST-MANY-300", InvoiceStatus.FINALIZED, "USD", items, List.of(), "0.00");
    }

    /** An invoice whose names are the given text. */
    static Invoice named(String planName, String itemName, String description) {
        return withPlan(invoice("inv_text_1", "ST-TEXT-1", InvoiceStatus.FINALIZED, "EUR",
                List.of(item(itemName, description, "1", "9.99", null)), List.of(), "0.00"), planName);
    }

    static Invoice invoice(String id, String statementNumber, InvoiceStatus status, String currency,
                           List<SubLineItem> items, List<InvoiceAdjustment> adjustments, String tax) {
        return InvoiceCalculator.recompute(new Invoice(id, "cus_pdf", statementNumber, status, false, currency, START,
                END, status == InvoiceStatus.DRAFT ? null : ISSUED, "plan_1", "Growth", Map.of(), items, adjustments,
                BigDecimal.ZERO, new BigDecimal(tax), BigDecimal.ZERO, null, null, null, null, START, ISSUED, 2));
    }

    static SubLineItem item(String name, String description, String quantity, String price, String subtotal) {
        return new SubLineItem(name, description, null, null, null, null, null, new BigDecimal(quantity),
                price == null ? null : new BigDecimal(price), new BigDecimal(subtotal == null ? "0" : subtotal),
                null, null, null, null, List.of(), Map.of(), null, null);
    }

    private static Invoice withPlan(Invoice invoice, String planName) {
        return new Invoice(invoice.id(), invoice.customerId(), invoice.statementNumber(), invoice.status(),
                invoice.paid(), invoice.currencyCode(), invoice.startTimestamp(), invoice.endTimestamp(),
                invoice.issuedAt(), invoice.planId(), planName, invoice.planCustomFields(), invoice.subLineItems(),
                invoice.invoiceAdjustments(), invoice.subtotal(), invoice.tax(), invoice.total(), invoice.voidReason(),
                invoice.voidedAt(), invoice.regeneratedFromInvoiceId(), invoice.replacedByInvoiceId(),
                invoice.createdAt(), invoice.updatedAt(), invoice.version());
    }
}
