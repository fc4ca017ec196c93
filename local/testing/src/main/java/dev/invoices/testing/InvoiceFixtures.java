package dev.invoices.testing;

import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceAdjustment;
import dev.invoices.model.InvoiceCalculator;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.model.SubLineItem;
import dev.invoices.model.Tier;
import dev.invoices.model.TierPeriod;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Invoices for tests of every module. Each is valid, holds its amounts consistently (computed by
 * {@link InvoiceCalculator}) and in the model's canonical form: money at the currency's scale, unit values
 * without trailing zeros. Every amount is an exact {@link BigDecimal} written as a string.
 */
public final class InvoiceFixtures {
    /** The id of {@link #full()}. */
    public static final String FULL_ID = "inv_full_0001";
    /** The customer of {@link #full()}. */
    public static final String FULL_CUSTOMER_ID = "cus_acme";
    /** The billing period of {@link #full()}: January 2025. */
    public static final Instant FULL_START = Instant.parse("2025-01-01T00:00:00Z");
    public static final Instant FULL_END = Instant.parse("2025-02-01T00:00:00Z");

    /** {@code created_at}, {@code updated_at} and (unless DRAFT) {@code issued_at} of {@link #simple}. */
    public static final Instant SIMPLE_NOW = Instant.parse("2025-06-01T12:00:00Z");

    private InvoiceFixtures() {
    }

    /**
     * A {@code VOID} (issued, voided, then regenerated) USD invoice with every field of every part set: plan custom fields; a tiered
     * sub line item (tier period, three tiers, one of them free, every optional string), a priced one
     * (1234567 × 0.0005 = 617.2835, rounded to 617.28) and one with its subtotal as supplied; two adjustments,
     * one a negative credit with grant custom fields; tax; the void and regeneration fields; fractional-second
     * timestamps; version 3.
     *
     * <p>Amounts: subtotal 1502.28 (874.50 + 617.28 + 10.50), adjustments −25.00 and 5.00, tax 87.40, total
     * 1569.68; the free tier's subtotal is 0.00.
     */
    public static Invoice full() {
        return full("USD");
    }

    /**
     * {@link #full()} in another currency, for example {@code JPY} or {@code KWD}: the same charges, with the
     * supplied amounts (the plain item's subtotal, adjustments, tax) and every computed one rounded half-even to
     * that currency, e.g. JPY 617.2835 → 617, KWD → 617.284.
     */
    public static Invoice full(String currencyCode) {
        SubLineItem tiered = new SubLineItem(
                "API requests",
                "Requests to the public API",
                "Compute",
                "Edge",
                "API Gateway",
                "us-east-1",
                "requests",
                new BigDecimal("2500000"),
                null,
                new BigDecimal("0"),
                "chg_api_requests",
                "grant_api_bundle",
                "COUPON2025",
                new TierPeriod(FULL_START, FULL_END),
                List.of(
                        new Tier(new BigDecimal("0"), new BigDecimal("1000"), new BigDecimal("0"),
                                new BigDecimal("0")),
                        new Tier(new BigDecimal("1000"), new BigDecimal("999000"), new BigDecimal("0.0005"),
                                new BigDecimal("0")),
                        new Tier(new BigDecimal("1000000"), new BigDecimal("1500000"),
                                new BigDecimal("0.00025"), new BigDecimal("0"))),
                Map.of("sku", "api-req-001", "team", "platform"),
                Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-01-31T23:59:59.999Z"));
        SubLineItem priced = new SubLineItem(
                "Bandwidth",
                "Data transferred out",
                "Network",
                "CDN",
                "Delivery",
                "eu-west-1",
                "bytes",
                new BigDecimal("1234567"),
                new BigDecimal("0.0005"),
                new BigDecimal("0"),
                "chg_bandwidth",
                null,
                null,
                null,
                List.of(),
                Map.of(),
                null,
                null);
        SubLineItem plain = new SubLineItem(
                "Support plan",
                null,
                null,
                null,
                null,
                null,
                null,
                new BigDecimal("1"),
                null,
                new BigDecimal("10.50"),
                null,
                null,
                null,
                null,
                List.of(),
                Map.of(),
                null,
                null);
        InvoiceAdjustment credit = new InvoiceAdjustment(
                "Prepaid credit", new BigDecimal("-25.00"), "CREDIT", "grant_welcome",
                Map.of("campaign", "welcome", "source", "sales"));
        InvoiceAdjustment fee = new InvoiceAdjustment(
                "Late fee", new BigDecimal("5.00"), "FEE", null, null);
        Invoice invoice = new Invoice(
                FULL_ID,
                FULL_CUSTOMER_ID,
                "ST20250001",
                InvoiceStatus.VOID,
                false,
                currencyCode,
                FULL_START,
                FULL_END,
                Instant.parse("2025-02-01T06:00:00Z"),
                "6f1c1c8e-4b1a-4d3e-9f59-0b7f0c7b2a10",
                "Enterprise",
                Map.of("tier", "enterprise", "contract", "C-42"),
                List.of(tiered, priced, plain),
                List.of(credit, fee),
                new BigDecimal("0"),
                new BigDecimal("87.40"),
                new BigDecimal("0"),
                "Replaced after a usage correction",
                Instant.parse("2025-02-02T09:30:00.5Z"),
                "inv_full_0000",
                "inv_full_0002",
                Instant.parse("2025-02-01T06:00:00.123456Z"),
                Instant.parse("2025-02-03T10:15:30.987654321Z"),
                3);
        return InvoiceCalculator.recompute(invoice);
    }

    /**
     * A minimal valid USD invoice: one priced sub line item (1000 × 0.01 = 10.00), no plan and no adjustments,
     * tax 0.00, a billing period of one calendar month (UTC) from {@code start}, {@code created_at} and
     * {@code updated_at} at {@link #SIMPLE_NOW}, {@code issued_at} there too unless {@code DRAFT},
     * {@code voided_at} there when {@code VOID}, not paid, version 1.
     */
    public static Invoice simple(String id, String customerId, InvoiceStatus status, Instant start) {
        SubLineItem item = new SubLineItem(
                "API requests", null, null, null, null, null, null,
                new BigDecimal("1000"), new BigDecimal("0.01"), new BigDecimal("0"),
                null, null, null, null, List.of(), Map.of(), null, null);
        Instant end = start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        Invoice invoice = new Invoice(
                id,
                customerId,
                "ST" + id.replaceAll("[^A-Za-z0-9]", ""),
                status,
                false,
                "USD",
                start,
                end,
                status == InvoiceStatus.DRAFT ? null : SIMPLE_NOW,
                null,
                null,
                null,
                List.of(item),
                List.of(),
                new BigDecimal("0"),
                new BigDecimal("0.00"),
                new BigDecimal("0"),
                null,
                status == InvoiceStatus.VOID ? SIMPLE_NOW : null,
                null,
                null,
                SIMPLE_NOW,
                SIMPLE_NOW,
                1);
        return InvoiceCalculator.recompute(invoice);
    }

    /** {@code invoice} under another id and customer; everything else, the statement number included, is kept. */
    public static Invoice withId(Invoice invoice, String id, String customerId) {
        return new Invoice(id, customerId, invoice.statementNumber(), invoice.status(), invoice.paid(),
                invoice.currencyCode(), invoice.startTimestamp(), invoice.endTimestamp(), invoice.issuedAt(),
                invoice.planId(), invoice.planName(), invoice.planCustomFields(), invoice.subLineItems(),
                invoice.invoiceAdjustments(), invoice.subtotal(), invoice.tax(), invoice.total(),
                invoice.voidReason(), invoice.voidedAt(), invoice.regeneratedFromInvoiceId(),
                invoice.replacedByInvoiceId(), invoice.createdAt(), invoice.updatedAt(), invoice.version());
    }
}
