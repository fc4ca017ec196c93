package dev.invoices.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes an invoice's amounts from its charges (the Invoice schema of openapi.yaml):
 * <ul>
 *   <li>a priced sub line item's subtotal is {@code quantity × price};</li>
 *   <li>a tiered one's is Σ of its tiers' subtotals, each {@code quantity × price};</li>
 *   <li>any other keeps its subtotal as supplied;</li>
 *   <li>the invoice subtotal is Σ sub line item subtotals, and the total is
 *       {@code subtotal + Σ adjustment totals + tax}.</li>
 * </ul>
 * Every amount is rounded to the invoice currency, half-even.
 */
public final class InvoiceCalculator {
    private InvoiceCalculator() {
    }

    /** The invoice with every subtotal and total recomputed; nothing else changes. */
    public static Invoice recompute(Invoice invoice) {
        String currency = invoice.currencyCode();
        List<SubLineItem> items = new ArrayList<>(invoice.subLineItems().size());
        BigDecimal subtotal = Money.round(BigDecimal.ZERO, currency);
        for (SubLineItem item : invoice.subLineItems()) {
            SubLineItem recomputed = recompute(item, currency);
            items.add(recomputed);
            subtotal = subtotal.add(recomputed.subtotal());
        }
        List<InvoiceAdjustment> adjustments = invoice.invoiceAdjustments().stream()
                .map(adjustment -> adjustment.withTotal(Money.round(adjustment.total(), currency)))
                .toList();
        BigDecimal tax = Money.round(invoice.tax(), currency);
        BigDecimal total = subtotal.add(tax);
        for (InvoiceAdjustment adjustment : adjustments) {
            total = total.add(adjustment.total());
        }
        return invoice.withAmounts(items, adjustments, subtotal, tax, total);
    }

    /** One sub line item with its tiers' and its own subtotal recomputed. */
    public static SubLineItem recompute(SubLineItem item, String currency) {
        if (item.isTiered()) {
            List<Tier> tiers = new ArrayList<>(item.tiers().size());
            BigDecimal sum = Money.round(BigDecimal.ZERO, currency);
            for (Tier tier : item.tiers()) {
                Tier recomputed = tier.withSubtotal(Money.round(tier.quantity().multiply(tier.price()), currency));
                tiers.add(recomputed);
                sum = sum.add(recomputed.subtotal());
            }
            return item.withAmounts(sum, tiers);
        }
        if (item.isPriced()) {
            return item.withAmounts(Money.round(item.quantity().multiply(item.price()), currency), item.tiers());
        }
        return item.withAmounts(Money.round(item.subtotal(), currency), item.tiers());
    }
}
