package dev.invoices.model;

import dev.invoices.testing.InvoiceFixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Unit tests of the amount rules (the Invoice schema of openapi.yaml): priced, tiered and as-supplied charges, totals, rounding. */
class InvoiceCalculatorTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2025-02-01T00:00:00Z");

    @Test
    void pricedItem_isQuantityTimesPriceRoundedHalfEven() {
        // given 1234567 × 0.0005 = 617.2835
        SubLineItem item = priced("1234567", "0.0005");

        // when
        SubLineItem recomputed = InvoiceCalculator.recompute(item, "USD");

        // then
        assertEquals(amount("617.28"), recomputed.subtotal());
    }

    @Test
    void pricedItem_roundsExactHalvesToEven() {
        assertEquals(amount("0.12"), InvoiceCalculator.recompute(priced("1", "0.125"), "USD").subtotal());
        assertEquals(amount("0.14"), InvoiceCalculator.recompute(priced("1", "0.135"), "USD").subtotal());
        assertEquals(amount("-0.12"), InvoiceCalculator.recompute(priced("-1", "0.125"), "USD").subtotal());
    }

    @Test
    void pricedItem_replacesAStaleSubtotal() {
        SubLineItem stale = priced("3", "2.50").withAmounts(amount("99.99"), List.of());

        assertEquals(amount("7.50"), InvoiceCalculator.recompute(stale, "USD").subtotal());
    }

    @Test
    void tieredItem_roundsEachTierThenSums() {
        // given two tiers of 1 × 0.015: each rounds to 0.02 (the sum before rounding, 0.03, would not)
        SubLineItem item = tiered(
                tier("0", "1", "0.015"),
                tier("1", "1", "0.015"));

        // when
        SubLineItem recomputed = InvoiceCalculator.recompute(item, "USD");

        // then
        assertEquals(List.of(amount("0.02"), amount("0.02")),
                recomputed.tiers().stream().map(Tier::subtotal).toList());
        assertEquals(amount("0.04"), recomputed.subtotal());
    }

    @Test
    void tieredItem_withAFreeTier_hasZeroAtCurrencyScale() {
        SubLineItem item = tiered(
                tier("0", "1000", "0"),
                tier("1000", "999000", "0.0005"),
                tier("1000000", "1500000", "0.00025"));

        SubLineItem recomputed = InvoiceCalculator.recompute(item, "USD");

        assertEquals(List.of(amount("0.00"), amount("499.50"), amount("375.00")),
                recomputed.tiers().stream().map(Tier::subtotal).toList());
        assertEquals(amount("874.50"), recomputed.subtotal());
    }

    @Test
    void tieredItem_ignoresAPriceOnTheItem() {
        SubLineItem item = tiered(tier("0", "10", "1")).withQuantityAndPrice(new BigDecimal("10"),
                new BigDecimal("1000"));

        assertEquals(amount("10.00"), InvoiceCalculator.recompute(item, "USD").subtotal());
    }

    @Test
    void itemWithoutPriceOrTiers_keepsItsSubtotalAsSupplied() {
        assertEquals(amount("12.30"), InvoiceCalculator.recompute(supplied("12.30"), "USD").subtotal());
        assertEquals(amount("12.30"), InvoiceCalculator.recompute(supplied("12.3"), "USD").subtotal());
        assertEquals(amount("-4.00"), InvoiceCalculator.recompute(supplied("-4"), "USD").subtotal());
    }

    @Test
    void invoice_totalIsSubtotalPlusAdjustmentsPlusTax() {
        // given 10.00 + 5.50 of charges, a credit of -3.25, a fee of 1.00 and tax of 2.10
        Invoice invoice = invoice("USD",
                List.of(priced("4", "2.50"), supplied("5.50")),
                List.of(adjustment("-3.25"), adjustment("1")),
                "2.1");

        // when
        Invoice recomputed = InvoiceCalculator.recompute(invoice);

        // then
        assertEquals(amount("15.50"), recomputed.subtotal());
        assertEquals(List.of(amount("-3.25"), amount("1.00")),
                recomputed.invoiceAdjustments().stream().map(InvoiceAdjustment::total).toList());
        assertEquals(amount("2.10"), recomputed.tax());
        assertEquals(amount("15.35"), recomputed.total());
    }

    @Test
    void invoice_creditsLargerThanTheChargesGiveANegativeTotal() {
        Invoice invoice = invoice("USD", List.of(supplied("10")), List.of(adjustment("-25")), "0");

        assertEquals(amount("-15.00"), InvoiceCalculator.recompute(invoice).total());
    }

    @Test
    void invoice_withoutCharges_hasZeroSubtotalAndTotalEqualToTax() {
        Invoice recomputed = InvoiceCalculator.recompute(invoice("USD", List.of(), List.of(), "1.5"));

        assertEquals(amount("0.00"), recomputed.subtotal());
        assertEquals(amount("1.50"), recomputed.total());
    }

    @Test
    void jpy_hasNoDecimalsAndRoundsHalvesToEven() {
        // given 3 × 0.5 = 1.5 → 2 and 5 × 0.5 = 2.5 → 2
        Invoice invoice = invoice("JPY", List.of(priced("3", "0.5"), priced("5", "0.5")),
                List.of(adjustment("-1")), "10");

        // when
        Invoice recomputed = InvoiceCalculator.recompute(invoice);

        // then
        assertEquals(List.of(amount("2"), amount("2")),
                recomputed.subLineItems().stream().map(SubLineItem::subtotal).toList());
        assertEquals(amount("4"), recomputed.subtotal());
        assertEquals(amount("10"), recomputed.tax());
        assertEquals(amount("13"), recomputed.total());
        assertEquals(0, recomputed.total().scale());
    }

    @Test
    void kwd_hasThreeDecimals() {
        // given 1234567 × 0.0005 = 617.2835 → 617.284 (half-even, 3 odd)
        Invoice invoice = invoice("KWD", List.of(priced("1234567", "0.0005"), supplied("0.5")),
                List.of(adjustment("-0.125")), "0.1");

        // when
        Invoice recomputed = InvoiceCalculator.recompute(invoice);

        // then
        assertEquals(amount("617.284"), recomputed.subLineItems().getFirst().subtotal());
        assertEquals(amount("617.784"), recomputed.subtotal());
        assertEquals(amount("0.100"), recomputed.tax());
        assertEquals(amount("617.759"), recomputed.total());
    }

    @Test
    void largeQuantities_stayExact() {
        // given 10^20 units at 0.0005 and 10^20 units at 1.23
        Invoice invoice = invoice("USD",
                List.of(priced("100000000000000000000", "0.0005"), priced("100000000000000000000", "1.23")),
                List.of(), "0");

        // when
        Invoice recomputed = InvoiceCalculator.recompute(invoice);

        // then
        assertEquals(amount("50000000000000000.00"), recomputed.subLineItems().get(0).subtotal());
        assertEquals(amount("123000000000000000000.00"), recomputed.subLineItems().get(1).subtotal());
        assertEquals(amount("123050000000000000000.00"), recomputed.total());
    }

    @Test
    void fullFixture_hasTheDocumentedAmounts() {
        Invoice full = InvoiceFixtures.full();

        assertEquals(amount("874.50"), full.subLineItems().get(0).subtotal());
        assertEquals(amount("617.28"), full.subLineItems().get(1).subtotal());
        assertEquals(amount("10.50"), full.subLineItems().get(2).subtotal());
        assertEquals(amount("1502.28"), full.subtotal());
        assertEquals(amount("87.40"), full.tax());
        assertEquals(amount("1569.68"), full.total());
    }

    @Test
    void fullFixture_inJpyAndKwd_isRoundedToThatCurrency() {
        Invoice jpy = InvoiceFixtures.full("JPY");
        Invoice kwd = InvoiceFixtures.full("KWD");

        assertEquals(amount("1502"), jpy.subtotal());
        assertEquals(amount("1569"), jpy.total());
        assertEquals(amount("1502.284"), kwd.subtotal());
        assertEquals(amount("1569.684"), kwd.total());
    }

    @Test
    void recompute_isIdempotent() {
        for (Invoice invoice : List.of(InvoiceFixtures.full(), InvoiceFixtures.full("JPY"),
                InvoiceFixtures.full("KWD"))) {
            Invoice once = InvoiceCalculator.recompute(invoice);

            assertEquals(once, InvoiceCalculator.recompute(once));
            assertEquals(invoice, once);
        }
    }

    @Test
    void recompute_changesNothingButAmounts() {
        // given the full fixture with every computed amount made stale
        Invoice full = InvoiceFixtures.full();
        Invoice stale = full.withAmounts(
                full.subLineItems().stream()
                        .map(item -> item.isPriced() || item.isTiered()
                                ? item.withAmounts(amount("1.11"),
                                        item.tiers().stream().map(t -> t.withSubtotal(amount("2.22"))).toList())
                                : item)
                        .toList(),
                full.invoiceAdjustments(), amount("3.33"), full.tax(), amount("4.44"));

        // when
        Invoice recomputed = InvoiceCalculator.recompute(stale);

        // then every field, amounts included, is that of the consistent fixture
        assertEquals(full, recomputed);
    }

    private static BigDecimal amount(String text) {
        return new BigDecimal(text);
    }

    private static SubLineItem priced(String quantity, String price) {
        return new SubLineItem("priced", null, null, null, null, null, null, new BigDecimal(quantity),
                new BigDecimal(price), BigDecimal.ZERO, null, null, null, null, List.of(), Map.of(), null, null);
    }

    private static SubLineItem supplied(String subtotal) {
        return new SubLineItem("supplied", null, null, null, null, null, null, BigDecimal.ONE, null,
                new BigDecimal(subtotal), null, null, null, null, List.of(), Map.of(), null, null);
    }

    private static SubLineItem tiered(Tier... tiers) {
        return new SubLineItem("tiered", null, null, null, null, null, null, BigDecimal.ONE, null,
                BigDecimal.ZERO, null, null, null, new TierPeriod(START, END), List.of(tiers), Map.of(), null,
                null);
    }

    private static Tier tier(String startingAt, String quantity, String price) {
        return new Tier(new BigDecimal(startingAt), new BigDecimal(quantity), new BigDecimal(price),
                BigDecimal.ZERO);
    }

    private static InvoiceAdjustment adjustment(String total) {
        return new InvoiceAdjustment("adjustment", new BigDecimal(total), "CREDIT", null, null);
    }

    private static Invoice invoice(String currency, List<SubLineItem> items, List<InvoiceAdjustment> adjustments,
                                   String tax) {
        return new Invoice("inv_1", "cus_1", "ST1", InvoiceStatus.DRAFT, false, currency, START, END, null, null,
                null, null, items, adjustments, BigDecimal.ZERO, new BigDecimal(tax), BigDecimal.ZERO, null, null,
                null, null, START, START, 1);
    }
}
