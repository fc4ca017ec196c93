package dev.invoices.store;

import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceAdjustment;
import dev.invoices.model.InvoiceCalculator;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.model.SubLineItem;
import dev.invoices.testing.InvoiceFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of the DynamoDB item mapping: lossless round trips, key attributes, number text, malformed items. */
class InvoiceItemMapperTest {

    @ParameterizedTest
    @ValueSource(strings = {"USD", "JPY", "KWD"})
    void fullInvoice_survivesARoundTrip(String currency) {
        // given
        Invoice invoice = InvoiceFixtures.full(currency);

        // when
        Invoice read = InvoiceItemMapper.fromItem(InvoiceItemMapper.toItem(invoice));

        // then (record equals compares BigDecimal scale too)
        assertEquals(invoice, read);
    }

    @ParameterizedTest
    @ValueSource(strings = {"USD", "JPY", "KWD"})
    void fullInvoice_survivesDynamoDbNumberNormalization(String currency) {
        // given an item as DynamoDB returns it: every number without trailing zeros
        Invoice invoice = InvoiceFixtures.full(currency);
        Map<String, AttributeValue> stored = normalizeNumbers(InvoiceItemMapper.toItem(invoice));

        // when
        Invoice read = InvoiceItemMapper.fromItem(stored);

        // then
        assertEquals(invoice, read);
    }

    @Test
    void normalization_reallyChangesTheNumberText() {
        Map<String, AttributeValue> stored = normalizeNumbers(InvoiceItemMapper.toItem(InvoiceFixtures.full()));

        assertEquals("87.4", stored.get("tax").n());
        assertEquals("10.5", stored.get("sub_line_items").l().get(2).m().get("subtotal").n());
        assertEquals("0", stored.get("sub_line_items").l().get(0).m().get("tiers").l().get(0).m()
                .get("subtotal").n());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DRAFT", "FINALIZED", "VOID"})
    void simpleInvoice_survivesARoundTripInEveryStatus(String status) {
        Invoice invoice = InvoiceFixtures.simple("inv_1", "cus_1", InvoiceStatus.valueOf(status),
                Instant.parse("2025-03-01T00:00:00Z"));

        assertEquals(invoice, InvoiceItemMapper.fromItem(normalizeNumbers(InvoiceItemMapper.toItem(invoice))));
    }

    @Test
    void keyAttributes_areExact() {
        // given
        Invoice invoice = InvoiceFixtures.simple("inv_42", "cus_7", InvoiceStatus.FINALIZED,
                Instant.parse("2025-03-01T12:34:56.789Z"));

        // when
        Map<String, AttributeValue> item = InvoiceItemMapper.toItem(invoice);

        // then
        assertEquals(AttributeValue.fromS("INVOICE#inv_42"), item.get("pk"));
        assertEquals(AttributeValue.fromS("INVOICE"), item.get("entity"));
        assertEquals(AttributeValue.fromS("cus_7"), item.get("customer_id"));
        assertEquals(AttributeValue.fromS("cus_7#FINALIZED"), item.get("customer_status"));
        assertEquals(AttributeValue.fromS("2025-03-01T12:34:56.789000000Z#inv_42"), item.get("period_key"));
        assertEquals(AttributeValue.fromS("inv_42"), item.get("id"));
    }

    @Test
    void keyAttributes_followTheStatus() {
        Invoice voided = InvoiceFixtures.simple("inv_42", "cus_7", InvoiceStatus.VOID,
                Instant.parse("2025-03-01T00:00:00Z"));

        assertEquals(AttributeValue.fromS("cus_7#VOID"), InvoiceItemMapper.toItem(voided).get("customer_status"));
    }

    @Test
    void fullInvoice_writesEveryAttributeWithItsType() {
        // when
        Map<String, AttributeValue> item = InvoiceItemMapper.toItem(InvoiceFixtures.full());

        // then
        assertEquals(List.of("pk", "entity", "customer_id", "customer_status", "period_key", "id",
                "statement_number", "status", "paid", "currency_code", "start_timestamp", "end_timestamp",
                "issued_at", "plan_id", "plan_name", "plan_custom_fields", "sub_line_items", "invoice_adjustments",
                "subtotal", "tax", "total", "void_reason", "voided_at", "regenerated_from_invoice_id",
                "replaced_by_invoice_id", "created_at", "updated_at", "version"), List.copyOf(item.keySet()));
        assertAll(
                () -> assertEquals(AttributeValue.fromS("VOID"), item.get("status")),
                () -> assertEquals(AttributeValue.fromBool(false), item.get("paid")),
                () -> assertEquals(AttributeValue.fromS("2025-01-01T00:00:00Z"), item.get("start_timestamp")),
                () -> assertEquals(AttributeValue.fromS("2025-02-01T06:00:00.123456Z"), item.get("created_at")),
                () -> assertEquals(AttributeValue.fromS("2025-02-03T10:15:30.987654321Z"), item.get("updated_at")),
                () -> assertEquals(AttributeValue.fromN("3"), item.get("version")),
                () -> assertEquals(AttributeValue.fromM(Map.of(
                                "tier", AttributeValue.fromS("enterprise"),
                                "contract", AttributeValue.fromS("C-42"))),
                        item.get("plan_custom_fields")));

        Map<String, AttributeValue> tiered = item.get("sub_line_items").l().get(0).m();
        assertEquals(Set.of("name", "description", "product_group", "product_line", "product_name", "region",
                "usage_type", "quantity", "subtotal", "charge_id", "credit_grant_id", "credit_coupon_code",
                "tier_period", "tiers", "custom_fields", "start_date", "end_date"), tiered.keySet());
        assertEquals(AttributeValue.fromM(Map.of(
                        "starting_at", AttributeValue.fromS("2025-01-01T00:00:00Z"),
                        "ending_before", AttributeValue.fromS("2025-02-01T00:00:00Z"))),
                tiered.get("tier_period"));
        assertEquals(AttributeValue.fromM(Map.of(
                        "starting_at", AttributeValue.fromN("1000"),
                        "quantity", AttributeValue.fromN("999000"),
                        "price", AttributeValue.fromN("0.0005"),
                        "subtotal", AttributeValue.fromN("499.50"))),
                tiered.get("tiers").l().get(1));

        Map<String, AttributeValue> credit = item.get("invoice_adjustments").l().get(0).m();
        assertEquals(Map.of(
                "name", AttributeValue.fromS("Prepaid credit"),
                "total", AttributeValue.fromN("-25.00"),
                "credit_type", AttributeValue.fromS("CREDIT"),
                "credit_grant_id", AttributeValue.fromS("grant_welcome"),
                "credit_grant_custom_fields", AttributeValue.fromM(Map.of(
                        "campaign", AttributeValue.fromS("welcome"),
                        "source", AttributeValue.fromS("sales")))), credit);
    }

    @Test
    void moneyIsWrittenAtCurrencyScale_andUnitValuesAsHeld() {
        Map<String, AttributeValue> item = InvoiceItemMapper.toItem(InvoiceFixtures.full());
        List<AttributeValue> lines = item.get("sub_line_items").l();

        assertEquals("1502.28", item.get("subtotal").n());
        assertEquals("87.40", item.get("tax").n());
        assertEquals("1569.68", item.get("total").n());
        assertEquals("10.50", lines.get(2).m().get("subtotal").n());
        assertEquals("0.00", lines.get(0).m().get("tiers").l().get(0).m().get("subtotal").n());
        assertEquals("874.50", lines.get(0).m().get("subtotal").n());
        assertEquals("0.0005", lines.get(1).m().get("price").n());
        assertEquals("1234567", lines.get(1).m().get("quantity").n());
        assertEquals("5.00", item.get("invoice_adjustments").l().get(1).m().get("total").n());
    }

    @Test
    void moneyIsWrittenAtTheScaleOfItsCurrency() {
        assertEquals("1569", InvoiceItemMapper.toItem(InvoiceFixtures.full("JPY")).get("total").n());
        assertEquals("1569.684", InvoiceItemMapper.toItem(InvoiceFixtures.full("KWD")).get("total").n());
    }

    @Test
    void onlyDrafts_carryTheDraftsIndexKey() {
        Instant start = Instant.parse("2025-03-01T00:00:00Z");
        for (InvoiceStatus status : InvoiceStatus.values()) {
            Map<String, AttributeValue> item = InvoiceItemMapper.toItem(
                    InvoiceFixtures.simple("inv_9", "cus_1", status, start));

            assertEquals(status == InvoiceStatus.DRAFT ? AttributeValue.fromS(InvoiceTable.draftShard("inv_9")) : null,
                    item.get("draft_shard"), status.name());
        }
        assertEquals("DRAFT#" + Math.floorMod("inv_9".hashCode(), 8), InvoiceTable.draftShard("inv_9"));
    }

    @Test
    void absentOptionals_produceNoAttribute() {
        // given a draft: no issued_at, plan, void or regeneration fields; a priced item with no optional strings
        Invoice draft = InvoiceFixtures.simple("inv_1", "cus_1", InvoiceStatus.DRAFT,
                Instant.parse("2025-03-01T00:00:00Z"));

        // when
        Map<String, AttributeValue> item = InvoiceItemMapper.toItem(draft);

        // then
        assertEquals(Set.of("pk", "entity", "customer_id", "customer_status", "period_key", "draft_shard", "id",
                "statement_number", "status", "paid", "currency_code", "start_timestamp", "end_timestamp",
                "sub_line_items", "invoice_adjustments", "subtotal", "tax", "total", "created_at", "updated_at",
                "version"), item.keySet());
        assertEquals(AttributeValue.fromL(List.of()), item.get("invoice_adjustments"));
        assertEquals(Set.of("name", "quantity", "price", "subtotal", "custom_fields"),
                item.get("sub_line_items").l().getFirst().m().keySet());
        assertEquals(AttributeValue.fromM(Map.of()),
                item.get("sub_line_items").l().getFirst().m().get("custom_fields"));
        assertEquals("0.00", item.get("tax").n());
    }

    @Test
    void itemWithoutPriceOrTiers_hasNeitherAttribute() {
        Map<String, AttributeValue> plain = InvoiceItemMapper.toItem(InvoiceFixtures.full())
                .get("sub_line_items").l().get(2).m();

        assertFalse(plain.containsKey("price"));
        assertFalse(plain.containsKey("tiers"));
        assertFalse(plain.containsKey("tier_period"));
    }

    @Test
    void emptyOptionalMaps_stayEmptyMapsAndAbsentOnesStayAbsent() {
        // given an invoice whose plan custom fields are empty and whose adjustment has empty grant fields
        Invoice simple = InvoiceFixtures.simple("inv_1", "cus_1", InvoiceStatus.FINALIZED,
                Instant.parse("2025-03-01T00:00:00Z"));
        Invoice invoice = InvoiceCalculator.recompute(new Invoice(simple.id(), simple.customerId(),
                simple.statementNumber(), simple.status(), simple.paid(), simple.currencyCode(),
                simple.startTimestamp(), simple.endTimestamp(), simple.issuedAt(), simple.planId(), simple.planName(),
                Map.of(), simple.subLineItems(),
                List.of(new InvoiceAdjustment("credit", new BigDecimal("-1.00"), "CREDIT", null, Map.of()),
                        new InvoiceAdjustment("fee", new BigDecimal("1.00"), "FEE", null, null)),
                simple.subtotal(), simple.tax(), simple.total(), null, null, null, null, simple.createdAt(),
                simple.updatedAt(), simple.version()));

        // when
        Map<String, AttributeValue> item = InvoiceItemMapper.toItem(invoice);
        Invoice read = InvoiceItemMapper.fromItem(item);

        // then
        assertEquals(AttributeValue.fromM(Map.of()), item.get("plan_custom_fields"));
        assertEquals(AttributeValue.fromM(Map.of()),
                item.get("invoice_adjustments").l().get(0).m().get("credit_grant_custom_fields"));
        assertFalse(item.get("invoice_adjustments").l().get(1).m().containsKey("credit_grant_custom_fields"));
        assertEquals(invoice, read);
        assertEquals(Map.of(), read.planCustomFields());
    }

    @Test
    void largeAmounts_surviveExactly() {
        // given 32 significant digits of money and a unit price with 18 decimals
        Invoice simple = InvoiceFixtures.simple("inv_1", "cus_1", InvoiceStatus.FINALIZED,
                Instant.parse("2025-03-01T00:00:00Z"));
        SubLineItem big = new SubLineItem("big", null, null, null, null, null, null,
                new BigDecimal("100000000000000000000"), null,
                new BigDecimal("123456789012345678901234567890.12"), null, null, null, null, List.of(), Map.of(),
                null, null);
        SubLineItem tiny = simple.subLineItems().getFirst().withQuantityAndPrice(
                new BigDecimal("12345678901234567890"), new BigDecimal("0.000000000000000001"));
        Invoice invoice = InvoiceCalculator.recompute(simple.withAmounts(List.of(big, tiny),
                List.of(), simple.subtotal(), simple.tax(), simple.total()));

        // when
        Map<String, AttributeValue> item = InvoiceItemMapper.toItem(invoice);
        Invoice read = InvoiceItemMapper.fromItem(normalizeNumbers(item));

        // then
        assertEquals("123456789012345678901234567890.12",
                item.get("sub_line_items").l().get(0).m().get("subtotal").n());
        assertEquals("100000000000000000000", item.get("sub_line_items").l().get(0).m().get("quantity").n());
        assertEquals("0.000000000000000001", item.get("sub_line_items").l().get(1).m().get("price").n());
        assertEquals(new BigDecimal("123456789012345678901234567902.47"), read.total());
        assertEquals(invoice, read);
    }

    @Test
    void missingPk_isReportedAsSuch() {
        Map<String, AttributeValue> item = new HashMap<>(InvoiceItemMapper.toItem(InvoiceFixtures.full()));
        item.remove("pk");
        item.remove("total");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> InvoiceItemMapper.fromItem(item));

        assertEquals("Malformed invoice item (no pk): attribute total is missing", e.getMessage());
    }

    @Test
    void missingRequiredAttribute_namesItAndThePk() {
        IllegalStateException e = malformed(item -> without(item, "created_at"));

        assertEquals("Malformed invoice item INVOICE#inv_full_0001: attribute created_at is missing",
                e.getMessage());
    }

    @Test
    void missingNestedAttribute_namesItsPath() {
        IllegalStateException e = malformed(item -> {
            Map<String, AttributeValue> tier = new HashMap<>(tierOf(item));
            tier.remove("price");
            return withTier(item, tier);
        });

        assertEquals("Malformed invoice item INVOICE#inv_full_0001: attribute sub_line_items[0].tiers[1].price"
                + " is missing", e.getMessage());
    }

    @Test
    void wrongType_namesTheAttributeAndTheExpectedType() {
        IllegalStateException e = malformed(item -> with(item, "total", AttributeValue.fromS("1569.68")));

        assertEquals("Malformed invoice item INVOICE#inv_full_0001: attribute total is not of type N",
                e.getMessage());
    }

    @Test
    void malformedValues_areNamedButNeverQuoted() {
        record Case(String attribute, AttributeValue value, String secret) {
        }
        List<Case> cases = List.of(
                new Case("total", AttributeValue.fromN("12x34secret"), "secret"),
                new Case("total", AttributeValue.fromN("1569.685"), "1569.685"),
                new Case("version", AttributeValue.fromN("3.5"), "3.5"),
                new Case("version", AttributeValue.fromN("99999999999999999999999"), "99999999999999999999999"),
                new Case("status", AttributeValue.fromS("PAID_SECRET"), "PAID_SECRET"),
                new Case("status", AttributeValue.fromS("finalized"), "finalized"),
                new Case("issued_at", AttributeValue.fromS("yesterday-secret"), "yesterday-secret"),
                new Case("currency_code", AttributeValue.fromS("QQQ"), "QQQ"),
                new Case("paid", AttributeValue.fromS("true-secret"), "true-secret"),
                new Case("plan_custom_fields", AttributeValue.fromM(Map.of("k-secret", AttributeValue.fromN("7"))),
                        "k-secret"),
                new Case("sub_line_items", AttributeValue.fromL(List.of(AttributeValue.fromS("line-secret"))),
                        "line-secret"));
        for (Case c : cases) {
            IllegalStateException e = malformed(item -> with(item, c.attribute(), c.value()));

            assertTrue(e.getMessage().startsWith("Malformed invoice item INVOICE#inv_full_0001: attribute "
                    + c.attribute()), e.getMessage());
            assertFalse(e.getMessage().contains(c.secret()), e.getMessage());
            assertEquals(null, e.getCause(), c.attribute());
        }
    }

    @Test
    void nestedMoneyWithTooManyDecimals_isMalformed() {
        IllegalStateException e = malformed(item -> {
            Map<String, AttributeValue> tier = new HashMap<>(tierOf(item));
            tier.put("subtotal", AttributeValue.fromN("499.505"));
            return withTier(item, tier);
        });

        assertEquals("Malformed invoice item INVOICE#inv_full_0001: attribute sub_line_items[0].tiers[1].subtotal"
                + " has more decimals than its currency allows", e.getMessage());
    }

    @Test
    void nullAttribute_isNotAString() {
        IllegalStateException e = malformed(item -> with(item, "id", AttributeValue.fromNul(true)));

        assertEquals("Malformed invoice item INVOICE#inv_full_0001: attribute id is not of type S", e.getMessage());
    }

    private static IllegalStateException malformed(UnaryOperator<Map<String, AttributeValue>> damage) {
        Map<String, AttributeValue> item = damage.apply(InvoiceItemMapper.toItem(InvoiceFixtures.full()));
        return assertThrows(IllegalStateException.class, () -> InvoiceItemMapper.fromItem(item));
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> item, String name,
                                                    AttributeValue value) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, AttributeValue> without(Map<String, AttributeValue> item, String name) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        copy.remove(name);
        return copy;
    }

    /** The second tier of the first sub line item. */
    private static Map<String, AttributeValue> tierOf(Map<String, AttributeValue> item) {
        return item.get("sub_line_items").l().get(0).m().get("tiers").l().get(1).m();
    }

    private static Map<String, AttributeValue> withTier(Map<String, AttributeValue> item,
                                                        Map<String, AttributeValue> tier) {
        List<AttributeValue> lines = new ArrayList<>(item.get("sub_line_items").l());
        Map<String, AttributeValue> line = new LinkedHashMap<>(lines.get(0).m());
        List<AttributeValue> tiers = new ArrayList<>(line.get("tiers").l());
        tiers.set(1, AttributeValue.fromM(tier));
        line.put("tiers", AttributeValue.fromL(tiers));
        lines.set(0, AttributeValue.fromM(line));
        return with(item, "sub_line_items", AttributeValue.fromL(lines));
    }

    /** What DynamoDB does to numbers: every {@code N}, at any depth, comes back without trailing zeros. */
    private static Map<String, AttributeValue> normalizeNumbers(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> normalized = new LinkedHashMap<>();
        item.forEach((name, value) -> normalized.put(name, normalize(value)));
        return normalized;
    }

    private static AttributeValue normalize(AttributeValue value) {
        return switch (value.type()) {
            case N -> AttributeValue.fromN(new BigDecimal(value.n()).stripTrailingZeros().toPlainString());
            case M -> AttributeValue.fromM(normalizeNumbers(value.m()));
            case L -> AttributeValue.fromL(value.l().stream().map(InvoiceItemMapperTest::normalize).toList());
            default -> value;
        };
    }
}
