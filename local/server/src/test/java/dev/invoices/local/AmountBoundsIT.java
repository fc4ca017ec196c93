package dev.invoices.local;

import dev.invoices.json.InvoiceJson;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceAdjustment;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.model.Money;
import dev.invoices.model.SubLineItem;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.RepositoryFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Integration test of the amount bound: every invoice that {@code import} accepts, at the largest and smallest
 * amounts in zero-, two- and three-decimal currencies, is served exactly by every read route; one minor unit
 * past the bound is refused with the line named, and nothing is written.
 */
class AmountBoundsIT {
    private static final String CUSTOMER = "bounds-corp";
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void atTheBound_everyReadRouteServesTheInvoiceExactly() throws IOException {
        // given: for each currency, the largest charge and the largest credit, imported
        List<Invoice> invoices = List.of(
                atBound("inv_usd_max", "USD", 0, false), atBound("inv_usd_min", "USD", 1, true),
                atBound("inv_jpy_max", "JPY", 2, false), atBound("inv_jpy_min", "JPY", 3, true),
                atBound("inv_kwd_max", "KWD", 4, false), atBound("inv_kwd_min", "KWD", 5, true));
        CliRun imported = importLines(invoices.stream().map(InvoiceJson::toJson).toList());
        assertEquals(0, imported.exitCode(), imported.err());

        // when
        try (LocalServer server = serve()) {
            URI base = server.baseUri();

            // then: the canonical, Fastly and Northflank routes all answer 200 with the exact amounts
            HttpResponse<String> list = Http.get(base.resolve("/v1/customers/" + CUSTOMER + "/invoices?limit=10"));
            assertEquals(200, list.statusCode(), list.body());
            HttpResponse<String> fastly = Http.get(base.resolve("/billing/v3/invoices?customer_id=" + CUSTOMER
                    + "&limit=10"));
            assertEquals(200, fastly.statusCode(), fastly.body());
            HttpResponse<String> northflank = Http.get(base.resolve("/v1/billing/invoices?customer_id=" + CUSTOMER));
            assertEquals(200, northflank.statusCode(), northflank.body());
            for (Invoice invoice : invoices) {
                String total = invoice.total().toPlainString();
                HttpResponse<String> get = Http.get(base.resolve("/v1/customers/" + CUSTOMER + "/invoices/"
                        + invoice.id()));
                assertEquals(200, get.statusCode(), get.body());
                assertEquals(invoice.total(), ((Map<?, ?>) Http.json(get).get("data")).get("total"));
                HttpResponse<String> fastlyGet = Http.get(base.resolve("/billing/v3/invoices/" + invoice.id()
                        + "?customer_id=" + CUSTOMER));
                assertEquals(200, fastlyGet.statusCode(), fastlyGet.body());
                assertContains(list.body(), "\"total\":" + total);
                assertContains(fastly.body(), total);
                BigInteger minorUnits = Money.toMinorUnits(invoice.total(), invoice.currencyCode());
                assertEquals(Money.MAX_MINOR_UNITS, minorUnits.abs().longValueExact());
                assertContains(northflank.body(), "\"total\":" + minorUnits);
            }
        }
    }

    @Test
    void oneMinorUnitPastTheBound_isRefusedWithItsLine_andNothingIsWritten() throws IOException {
        // given: a good invoice, then one minor unit more than the largest USD charge
        Invoice good = atBound("inv_ok", "USD", 0, false);
        Invoice over = withAmounts(good, "inv_over", "USD",
                Money.maxAmount("USD").add(new BigDecimal("0.01")), false);

        // when
        CliRun run = importLines(List.of(InvoiceJson.toJson(good), InvoiceJson.toJson(over)));

        // then
        assertEquals(1, run.exitCode());
        assertEquals("error: line 2: sub_line_items[0].subtotal must be between -90071992547409.91 and"
                + " 90071992547409.91 USD; subtotal must be between -90071992547409.91 and 90071992547409.91 USD;"
                + " total must be between -90071992547409.91 and 90071992547409.91 USD", run.errorLines().getFirst());
        try (LocalServer server = serve()) {
            HttpResponse<String> list = Http.get(server.baseUri().resolve("/v1/customers/" + CUSTOMER + "/invoices"));
            assertEquals("[]", Http.json(list).get("data").toString());
        }
    }

    /** An invoice whose every amount is the currency's largest (or, as a credit, its smallest). */
    private static Invoice atBound(String id, String currency, int month, boolean credit) {
        return withAmounts(InvoiceFixtures.simple(id, CUSTOMER, InvoiceStatus.FINALIZED,
                START.plusSeconds(month * 31L * 86_400)), id, currency, Money.maxAmount(currency), credit);
    }

    /**
     * {@code base} in {@code currency} with one charge of {@code amount} as supplied, or, as a credit, a charge of
     * nothing and an adjustment of {@code -amount}; no tax.
     */
    private static Invoice withAmounts(Invoice base, String id, String currency, BigDecimal amount, boolean credit) {
        BigDecimal zero = Money.round(BigDecimal.ZERO, currency);
        BigDecimal charge = credit ? zero : amount;
        SubLineItem item = new SubLineItem("Usage", null, null, null, null, null, null, BigDecimal.ONE, null, charge,
                null, null, null, null, List.of(), Map.of(), null, null);
        List<InvoiceAdjustment> adjustments = credit
                ? List.of(new InvoiceAdjustment("Prepaid credit", amount.negate(), "CREDIT", null, Map.of()))
                : List.of();
        BigDecimal total = credit ? amount.negate() : amount;
        return new Invoice(id, base.customerId(), base.statementNumber(), base.status(), base.paid(), currency,
                base.startTimestamp(), base.endTimestamp(), base.issuedAt(), base.planId(), base.planName(),
                base.planCustomFields(), List.of(item), adjustments, charge, zero, total, base.voidReason(),
                base.voidedAt(), base.regeneratedFromInvoiceId(), base.replacedByInvoiceId(), base.createdAt(),
                base.updatedAt(), base.version());
    }

    private CliRun importLines(List<String> lines) throws IOException {
        Path file = Files.write(dir.resolve("invoices.jsonl"), lines);
        return CliRun.run("import", file.toString(), "--data", dir.resolve("data").toString(),
                "--template", RepositoryFiles.path("template.yaml").toString());
    }

    private LocalServer serve() {
        return LocalServer.start(new LocalServer.Options(RepositoryFiles.path("template.yaml"), 0,
                Optional.of(dir.resolve("data")), 0, 0, Optional.empty(), Map.of()), System.out, System.err);
    }

    private static void assertContains(String text, String part) {
        if (!text.contains(part)) {
            throw new AssertionError("expected " + part + " in " + text);
        }
    }
}
