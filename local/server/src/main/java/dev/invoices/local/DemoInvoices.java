package dev.invoices.local;

import dev.invoices.devtools.InvoiceValidator;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceAdjustment;
import dev.invoices.model.InvoiceCalculator;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.model.Money;
import dev.invoices.model.SubLineItem;
import dev.invoices.model.Tier;
import dev.invoices.model.TierPeriod;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic demo invoices for {@code serve --seed N}: monthly invoices of five customers, round robin, from
 * January 2022 on, so the first ones are the same whatever N is. {@code acme-corp} (USD) comes first because
 * the event files in {@code events/} name it; its October 2024 invoice is {@code inv_2024_10_acme}, the one
 * {@code events/get-invoice.json} asks for, finalized and unpaid (so the void sample voids it, and the regenerate
 * sample then replaces it). The other customers bill in EUR, JPY (no decimals), KWD (three
 * decimals) and USD.
 *
 * <p>Every invoice has a tiered usage charge (a free tier, then two priced tiers), a storage charge priced below
 * a cent, and a support fee; some have a credit (negative) or a late fee; tax is 8% of the subtotal. Statuses
 * follow a fixed cycle, so that every customer has all three. Amounts are computed by
 * {@link InvoiceCalculator}, and every invoice passes {@link InvoiceValidator}. The same N always gives the same
 * invoices: a fixed random seed per invoice and a fixed base date.
 */
final class DemoInvoices {
    /** The invoice the event files in {@code events/} name. */
    static final String EVENT_INVOICE = "inv_2024_10_acme";
    private static final YearMonth FIRST_MONTH = YearMonth.of(2022, 1);
    private static final long SEED = 0x1A2B3C4DL;

    private record Customer(String id, String shortName, String currency, BigDecimal rate, String plan) {
    }

    private static final List<Customer> CUSTOMERS = List.of(
            new Customer("acme-corp", "acme", "USD", new BigDecimal("1"), "Scale"),
            new Customer("globex", "globex", "EUR", new BigDecimal("0.92"), "Growth"),
            new Customer("initech", "initech", "JPY", new BigDecimal("150"), "Growth"),
            new Customer("umbrella", "umbrella", "KWD", new BigDecimal("0.307"), "Enterprise"),
            new Customer("stark-industries", "stark", "USD", new BigDecimal("1"), "Enterprise"));

    private DemoInvoices() {
    }

    static List<Invoice> generate(int count) {
        List<Invoice> invoices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            invoices.add(invoice(i));
        }
        return invoices;
    }

    static Invoice invoice(int index) {
        Customer customer = CUSTOMERS.get(index % CUSTOMERS.size());
        YearMonth month = FIRST_MONTH.plusMonths(index / CUSTOMERS.size());
        Random random = new Random(SEED + index);
        String currency = customer.currency();

        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant created = end.plus(Duration.ofHours(2));
        InvoiceStatus status = switch (index % 7) {
            case 3 -> InvoiceStatus.VOID;
            case 5 -> InvoiceStatus.DRAFT;
            default -> InvoiceStatus.FINALIZED;
        };
        Instant issued = status == InvoiceStatus.DRAFT ? null : created.plus(Duration.ofHours(6));
        Instant voided = status == InvoiceStatus.VOID ? issued.plus(Duration.ofDays(3)) : null;
        Instant updated = voided != null ? voided : issued != null ? issued : created;

        long requests = 1_000_000L + random.nextInt(40_000_000);
        List<Tier> tiers = new ArrayList<>();
        tiers.add(new Tier(BigDecimal.ZERO, BigDecimal.valueOf(Math.min(requests, 1_000_000)), BigDecimal.ZERO,
                BigDecimal.ZERO));
        if (requests > 1_000_000) {
            long second = Math.min(requests, 10_000_000) - 1_000_000;
            tiers.add(new Tier(new BigDecimal("1000000"), BigDecimal.valueOf(second), unit("0.0005", customer),
                    BigDecimal.ZERO));
        }
        if (requests > 10_000_000) {
            tiers.add(new Tier(new BigDecimal("10000000"), BigDecimal.valueOf(requests - 10_000_000),
                    unit("0.0003", customer), BigDecimal.ZERO));
        }
        SubLineItem usage = new SubLineItem("API requests", "Requests to the public API", "Compute", "Edge",
                "API Gateway", "us-east-1", "requests", BigDecimal.valueOf(requests), null, BigDecimal.ZERO,
                "chg_api_requests", null, null, new TierPeriod(start, end), tiers, Map.of("meter", "requests"),
                start, end);
        BigDecimal gigabytes = BigDecimal.valueOf(50 + random.nextInt(5_000)).add(
                BigDecimal.valueOf(random.nextInt(1000), 3));
        SubLineItem storage = new SubLineItem("Storage", "Object storage, GB-month", "Storage", "Objects",
                "Object Storage", "eu-west-1", "gb_month", Money.canonicalUnit(gigabytes), unit("0.0215", customer),
                BigDecimal.ZERO, "chg_storage", null, null, null, List.of(), Map.of(), start, end);
        SubLineItem support = new SubLineItem("Support plan", null, "Support", null, null, null, null,
                BigDecimal.ONE, Money.canonicalUnit(Money.round(new BigDecimal("49").multiply(customer.rate()), currency)),
                BigDecimal.ZERO, "chg_support", null, null, null, List.of(), Map.of(), null, null);

        List<InvoiceAdjustment> adjustments = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            adjustments.add(new InvoiceAdjustment("Prepaid credit",
                    Money.round(BigDecimal.valueOf(-(10 + random.nextInt(90))).multiply(customer.rate()), currency),
                    "CREDIT", "grant_" + customer.shortName() + "_prepaid", Map.of("campaign", "annual-commit")));
        }
        if (random.nextInt(5) == 0) {
            adjustments.add(new InvoiceAdjustment("Late fee",
                    Money.round(new BigDecimal("15").multiply(customer.rate()), currency), "FEE", null, null));
        }

        String id = "inv_" + month.getYear() + "_" + String.format("%02d", month.getMonthValue()) + "_"
                + customer.shortName();
        // The invoice the event files name stays unpaid, so that their void and regenerate samples can act on it.
        boolean paid = status == InvoiceStatus.FINALIZED && random.nextInt(4) != 0 && !id.equals(EVENT_INVOICE);
        Invoice draft = new Invoice(id, customer.id(),
                "ST" + month.getYear() + String.format("%02d", month.getMonthValue()) + String.format("%05d", index),
                status, paid, currency, start, end, issued,
                new UUID(0x5EED000000004000L | index % CUSTOMERS.size(), 0x8000000000000000L | SEED).toString(),
                customer.plan(), Map.of("tier", customer.plan().toLowerCase(Locale.ROOT)),
                List.of(usage, storage, support), adjustments, BigDecimal.ZERO, Money.round(BigDecimal.ZERO, currency),
                BigDecimal.ZERO, status == InvoiceStatus.VOID ? "Issued with a usage error" : null, voided, null, null,
                created, updated, status == InvoiceStatus.VOID ? 2 : 1);
        Invoice computed = InvoiceCalculator.recompute(draft);
        // Tax is 8% of the subtotal, rounded to the currency.
        BigDecimal tax = Money.round(computed.subtotal().multiply(new BigDecimal("0.08")), currency);
        Invoice invoice = InvoiceCalculator.recompute(computed.withAmounts(computed.subLineItems(),
                computed.invoiceAdjustments(), computed.subtotal(), tax, computed.total()));
        List<?> problems = InvoiceValidator.validate(invoice);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("demo invoice " + id + " is invalid: " + problems);
        }
        return invoice;
    }

    /** A unit price in the customer's currency: USD prices converted, kept to at most six decimals. */
    private static BigDecimal unit(String usd, Customer customer) {
        return Money.canonicalUnit(new BigDecimal(usd).multiply(customer.rate()).setScale(6, RoundingMode.HALF_EVEN));
    }
}
