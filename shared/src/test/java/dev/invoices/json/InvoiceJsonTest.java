package dev.invoices.json;

import dev.invoices.error.FieldError;
import dev.invoices.error.MalformedJsonException;
import dev.invoices.error.ValidationException;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceAdjustment;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.model.SubLineItem;
import dev.invoices.model.Tier;
import dev.invoices.model.TierPeriod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Unit tests of the canonical invoice codec: exact output, lossless round trips, and every reading error. */
class InvoiceJsonTest {
    private static final Object ABSENT = new Object();

    private static final String SMALL_INVOICE_JSON = "{\"id\":\"inv_1\",\"customer_id\":\"cust_1\",\"status\":\"DRAFT\","
            + "\"paid\":false,\"currency_code\":\"USD\",\"start_timestamp\":\"2025-01-01T00:00:00Z\","
            + "\"end_timestamp\":\"2025-02-01T00:00:00Z\",\"sub_line_items\":[{\"name\":\"Seats\",\"quantity\":3,"
            + "\"price\":10.50,\"subtotal\":31.50,\"custom_fields\":{}}],\"invoice_adjustments\":[],"
            + "\"subtotal\":31.50,\"tax\":0.00,\"total\":31.50,\"created_at\":\"2025-01-01T00:00:00Z\","
            + "\"updated_at\":\"2025-01-02T03:04:05.600Z\",\"version\":0}";

    @Test
    void aSmallInvoice_isWrittenInContractOrderWithoutAbsentFields() {
        // when
        String json = InvoiceJson.toJson(smallInvoice());

        // then
        assertEquals(SMALL_INVOICE_JSON, json);
    }

    @Test
    void aFullyPopulatedInvoice_isWrittenInContractOrder() {
        // when
        String json = InvoiceJson.toJson(fullInvoice());

        // then
        assertEquals("{\"id\":\"inv_2025_0001\",\"customer_id\":\"cust-42\",\"statement_number\":\"SN1001\","
                + "\"status\":\"VOID\",\"paid\":true,\"currency_code\":\"USD\","
                + "\"start_timestamp\":\"2025-01-01T00:00:00Z\",\"end_timestamp\":\"2025-02-01T00:00:00Z\","
                + "\"issued_at\":\"2025-02-01T06:30:00.123Z\",\"plan_id\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\","
                + "\"plan_name\":\"Pro\",\"plan_custom_fields\":{\"region\":\"eu\",\"tier\":\"gold\"},"
                + "\"sub_line_items\":[{\"name\":\"API requests\",\"description\":\"Requests to the API\","
                + "\"product_group\":\"Compute\",\"product_line\":\"Edge\",\"product_name\":\"Requests\","
                + "\"region\":\"EU\",\"usage_type\":\"requests\",\"quantity\":21000,\"price\":0.0005,"
                + "\"subtotal\":10.50,\"charge_id\":\"chg_1\",\"credit_grant_id\":\"grant_1\","
                + "\"credit_coupon_code\":\"WELCOME\",\"custom_fields\":{\"sku\":\"req-1\"},"
                + "\"start_date\":\"2025-01-01T00:00:00Z\",\"end_date\":\"2025-02-01T00:00:00Z\"},"
                + "{\"name\":\"Bandwidth\",\"description\":\"Data out\",\"product_group\":\"Network\","
                + "\"product_line\":\"CDN\",\"product_name\":\"Bandwidth\",\"region\":\"NA\",\"usage_type\":\"bytes\","
                + "\"quantity\":1500,\"subtotal\":45.00,\"charge_id\":\"chg_2\",\"credit_grant_id\":\"grant_2\","
                + "\"credit_coupon_code\":\"CDN10\",\"tier_period\":{\"starting_at\":\"2025-01-01T00:00:00Z\","
                + "\"ending_before\":\"2025-02-01T00:00:00Z\"},\"tiers\":[{\"starting_at\":0,\"quantity\":1000,"
                + "\"price\":0.03,\"subtotal\":30.00},{\"starting_at\":1000,\"quantity\":500,\"price\":0.030,"
                + "\"subtotal\":15.00}],\"custom_fields\":{\"a\":\"1\",\"unit\":\"GB\"},"
                + "\"start_date\":\"2025-01-01T00:00:00Z\",\"end_date\":\"2025-02-01T00:00:00Z\"}],"
                + "\"invoice_adjustments\":[{\"name\":\"Welcome credit\",\"total\":-5.00,\"credit_type\":\"CREDIT\","
                + "\"credit_grant_id\":\"grant_1\",\"credit_grant_custom_fields\":{\"campaign\":\"spring\"}},"
                + "{\"name\":\"Manual fix\",\"total\":0.00,\"credit_type\":\"ADJUSTMENT\"}],"
                + "\"subtotal\":55.50,\"tax\":5.00,\"total\":55.50,\"void_reason\":\"Issued twice\","
                + "\"voided_at\":\"2025-02-02T00:00:00Z\",\"regenerated_from_invoice_id\":\"inv_2024_0999\","
                + "\"replaced_by_invoice_id\":\"inv_2025_0002\",\"created_at\":\"2025-02-01T00:00:00Z\","
                + "\"updated_at\":\"2025-02-02T00:00:00.000000001Z\",\"version\":7}", json);
    }

    @Test
    void aFullyPopulatedInvoice_readsBackEqualToTheOriginal() {
        // given
        Invoice original = fullInvoice();

        // when
        Invoice back = InvoiceJson.read(InvoiceJson.toJson(original));

        // then
        assertEquals(original, back);
        assertEquals(new BigDecimal("10.50"), back.subLineItems().getFirst().subtotal());
        assertEquals(new BigDecimal("0.00"), back.invoiceAdjustments().get(1).total());
    }

    @Test
    void aSmallInvoice_readsBackEqualToTheOriginal() {
        assertEquals(smallInvoice(), InvoiceJson.read(SMALL_INVOICE_JSON));
    }

    @Test
    void aMinimalDocument_getsTheDefaults() {
        // when
        Invoice invoice = InvoiceJson.read("""
                {"id": "inv_1", "customer_id": "cust_1", "status": "DRAFT", "currency_code": "JPY",
                 "start_timestamp": "2025-01-01T09:00:00+09:00", "end_timestamp": "2025-02-01T00:00:00Z",
                 "subtotal": 0, "total": 0, "created_at": "2025-01-01T00:00:00Z",
                 "updated_at": "2025-01-01T00:00:00Z", "version": 1}
                """);

        // then
        assertEquals(new Invoice("inv_1", "cust_1", null, InvoiceStatus.DRAFT, false, "JPY",
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z"), null, null, null, null,
                List.of(), List.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null, null, null, null,
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"), 1), invoice);
        assertEquals(0, invoice.tax().scale());
    }

    @Test
    void nullForAnOptionalField_countsAsAbsent() {
        // given
        Map<String, Object> tree = fullTreeWith("statement_number", null);
        put(tree, "plan_custom_fields", null);
        put(tree, "sub_line_items[1].tier_period", null);
        put(tree, "sub_line_items[1].tiers", null);
        put(tree, "invoice_adjustments", null);
        put(tree, "tax", null);
        put(tree, "paid", null);

        // when
        Invoice invoice = InvoiceJson.read(tree);

        // then
        assertNull(invoice.statementNumber());
        assertNull(invoice.planCustomFields());
        assertNull(invoice.subLineItems().get(1).tierPeriod());
        assertEquals(List.of(), invoice.subLineItems().get(1).tiers());
        assertEquals(List.of(), invoice.invoiceAdjustments());
        assertEquals(BigDecimal.ZERO, invoice.tax());
        assertEquals(false, invoice.paid());
    }

    @Test
    void numbers_areKeptExactlyAsParsed() {
        // given
        Map<String, Object> tree = fullTreeWith("subtotal", new BigDecimal("10.505"));
        put(tree, "sub_line_items[1].tiers[0].price", new BigDecimal("0.00050"));
        put(tree, "tax", new BigDecimal("1E+2"));

        // when
        Invoice invoice = InvoiceJson.read(tree);

        // then
        assertEquals(new BigDecimal("10.505"), invoice.subtotal());
        assertEquals(new BigDecimal("0.00050"), invoice.subLineItems().get(1).tiers().getFirst().price());
        assertEquals(new BigDecimal("1E+2"), invoice.tax());
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "7.0", "0.7E+1"})
    void anIntegralVersion_isAcceptedInAnyNotation(String version) {
        assertEquals(7, InvoiceJson.read(fullTreeWith("version", new BigDecimal(version))).version());
    }

    @Test
    void customFieldMaps_areWrittenInKeyOrder() {
        // given
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("zone", "b");
        fields.put("account", "a");
        Invoice invoice = smallInvoice();
        Invoice withFields = new Invoice(invoice.id(), invoice.customerId(), null, invoice.status(), false,
                invoice.currencyCode(), invoice.startTimestamp(), invoice.endTimestamp(), null, null, null, fields,
                List.of(), List.of(), invoice.subtotal(), invoice.tax(), invoice.total(), null, null, null, null,
                invoice.createdAt(), invoice.updatedAt(), 0);

        // when
        String json = InvoiceJson.toJson(withFields);

        // then
        assertEquals(true, json.contains("\"plan_custom_fields\":{\"account\":\"a\",\"zone\":\"b\"},"), json);
    }

    static Stream<Arguments> oneBadField() {
        return Stream.of(
                // unknown fields at every level
                arguments("colour", "red", "unknown field"),
                arguments("sub_line_items[1].colour", "red", "unknown field"),
                arguments("sub_line_items[1].tier_period.colour", "red", "unknown field"),
                arguments("sub_line_items[1].tiers[0].colour", "red", "unknown field"),
                arguments("invoice_adjustments[0].colour", "red", "unknown field"),
                // required fields, absent or null
                arguments("id", ABSENT, "is required"),
                arguments("id", null, "is required"),
                arguments("customer_id", ABSENT, "is required"),
                arguments("status", ABSENT, "is required"),
                arguments("currency_code", ABSENT, "is required"),
                arguments("start_timestamp", ABSENT, "is required"),
                arguments("end_timestamp", null, "is required"),
                arguments("subtotal", ABSENT, "is required"),
                arguments("total", ABSENT, "is required"),
                arguments("created_at", ABSENT, "is required"),
                arguments("updated_at", ABSENT, "is required"),
                arguments("version", ABSENT, "is required"),
                arguments("sub_line_items[0].name", ABSENT, "is required"),
                arguments("sub_line_items[0].quantity", ABSENT, "is required"),
                arguments("sub_line_items[0].subtotal", null, "is required"),
                arguments("sub_line_items[0].custom_fields", ABSENT, "is required"),
                arguments("sub_line_items[1].tier_period.starting_at", ABSENT, "is required"),
                arguments("sub_line_items[1].tiers[0].starting_at", ABSENT, "is required"),
                arguments("sub_line_items[1].tiers[0].quantity", ABSENT, "is required"),
                arguments("sub_line_items[1].tiers[1].price", ABSENT, "is required"),
                arguments("sub_line_items[1].tiers[0].subtotal", ABSENT, "is required"),
                arguments("invoice_adjustments[0].name", ABSENT, "is required"),
                arguments("invoice_adjustments[1].total", ABSENT, "is required"),
                arguments("invoice_adjustments[0].credit_type", ABSENT, "is required"),
                // wrong JSON types
                arguments("id", new BigDecimal("1"), "must be a string"),
                arguments("statement_number", true, "must be a string"),
                arguments("sub_line_items[0].description", List.of(), "must be a string"),
                arguments("invoice_adjustments[0].credit_grant_id", Map.of(), "must be a string"),
                arguments("subtotal", "55.50", "must be a number"),
                arguments("tax", false, "must be a number"),
                arguments("sub_line_items[0].price", "0.0005", "must be a number"),
                arguments("sub_line_items[1].tiers[0].price", List.of(), "must be a number"),
                arguments("invoice_adjustments[0].total", "-5.00", "must be a number"),
                arguments("paid", "true", "must be a boolean"),
                arguments("paid", new BigDecimal("1"), "must be a boolean"),
                arguments("plan_custom_fields", List.of(), "must be an object"),
                arguments("plan_custom_fields.region", new BigDecimal("1"), "must be a string"),
                arguments("plan_custom_fields.region", null, "must be a string"),
                arguments("sub_line_items[0].custom_fields", "sku", "must be an object"),
                arguments("sub_line_items[0].custom_fields.sku", false, "must be a string"),
                arguments("invoice_adjustments[0].credit_grant_custom_fields.campaign", Map.of(), "must be a string"),
                arguments("sub_line_items[1].tier_period", "2025-01", "must be an object"),
                arguments("sub_line_items", Map.of(), "must be an array"),
                arguments("invoice_adjustments", "none", "must be an array"),
                arguments("sub_line_items[1].tiers", Map.of(), "must be an array"),
                arguments("sub_line_items[0]", "Seats", "must be an object"),
                arguments("sub_line_items[1].tiers[0]", null, "must be an object"),
                arguments("invoice_adjustments[1]", List.of(), "must be an object"),
                arguments("version", "7", "must be an integer"),
                arguments("version", new BigDecimal("7.5"), "must be an integer"),
                arguments("version", new BigDecimal("9223372036854775808"), "must be an integer"),
                arguments("version", new BigDecimal("-1"), "must not be negative"),
                // timestamps and status
                arguments("start_timestamp", new BigDecimal("1735689600"), "must be a string"),
                arguments("start_timestamp", "2025-01-01", "must be an RFC 3339 timestamp"),
                arguments("issued_at", "2025-02-01T06:30:00", "must be an RFC 3339 timestamp"),
                arguments("voided_at", "yesterday", "must be an RFC 3339 timestamp"),
                arguments("sub_line_items[0].end_date", "2025-02-30T00:00:00Z", "must be an RFC 3339 timestamp"),
                arguments("sub_line_items[1].tier_period.ending_before", "soon", "must be an RFC 3339 timestamp"),
                arguments("status", "draft", "must be one of DRAFT, FINALIZED, VOID"),
                arguments("status", "PAID", "must be one of DRAFT, FINALIZED, VOID"),
                arguments("status", new BigDecimal("1"), "must be a string"));
    }

    @ParameterizedTest(name = "{0} = {1} → {2}")
    @MethodSource("oneBadField")
    void oneBadField_isReportedWithItsPathAndMessage(String path, Object value, String message) {
        // given
        Map<String, Object> tree = fullTreeWith(path, value);

        // when
        ValidationException e = assertThrows(ValidationException.class, () -> InvoiceJson.read(tree));

        // then
        assertEquals(List.of(new FieldError(path, message)), e.errors());
        assertEquals(path + ": " + message, e.getMessage());
    }

    @Test
    void anUnknownField_isReportedWithItsPath() {
        // given
        Map<String, Object> tree = fullTreeWith("sub_line_items[1].tiers[0].discount", new BigDecimal("1"));

        // when
        ValidationException e = assertThrows(ValidationException.class, () -> InvoiceJson.read(tree));

        // then
        assertEquals(List.of(new FieldError("sub_line_items[1].tiers[0].discount", "unknown field")), e.errors());
    }

    @Test
    void everyProblem_isCollectedInOneException() {
        // given
        String json = """
                {"id": 7, "customer_id": "cust_1", "status": "OPEN", "currency_code": "USD", "paid": "no",
                 "start_timestamp": "2025-01-01T00:00:00Z", "end_timestamp": "2025-02-01",
                 "sub_line_items": [
                   {"name": "ok", "quantity": 1, "subtotal": 1.00, "custom_fields": {}},
                   {"name": "tiered", "quantity": 1, "subtotal": 1.00, "custom_fields": {"n": 1},
                    "tiers": [{"starting_at": 0, "quantity": 1, "price": "1", "subtotal": 1.00, "extra": true}]}
                 ],
                 "invoice_adjustments": [{"total": -1.00, "credit_type": "CREDIT"}],
                 "subtotal": 2.00, "total": 1.00, "created_at": "2025-01-01T00:00:00Z",
                 "updated_at": "2025-01-01T00:00:00Z", "version": -3, "notes": "hi"}
                """;

        // when
        ValidationException e = assertThrows(ValidationException.class, () -> InvoiceJson.read(json));

        // then
        assertEquals(List.of(
                new FieldError("notes", "unknown field"),
                new FieldError("id", "must be a string"),
                new FieldError("status", "must be one of DRAFT, FINALIZED, VOID"),
                new FieldError("paid", "must be a boolean"),
                new FieldError("end_timestamp", "must be an RFC 3339 timestamp"),
                new FieldError("sub_line_items[1].tiers[0].extra", "unknown field"),
                new FieldError("sub_line_items[1].tiers[0].price", "must be a number"),
                new FieldError("sub_line_items[1].custom_fields.n", "must be a string"),
                new FieldError("invoice_adjustments[0].name", "is required"),
                new FieldError("version", "must not be negative")), e.errors());
        assertEquals("10 fields are invalid", e.getMessage());
    }

    @Test
    void aBodyThatIsNotAnObject_isMalformedNotInvalid() {
        assertEquals("expected a JSON object",
                assertThrows(MalformedJsonException.class, () -> InvoiceJson.read("[]")).getMessage());
        assertEquals("The body is not valid JSON.",
                assertThrows(MalformedJsonException.class, () -> InvoiceJson.read("{\"id\": }")).getMessage());
    }

    private static Invoice smallInvoice() {
        SubLineItem seats = new SubLineItem("Seats", null, null, null, null, null, null, new BigDecimal("3"),
                new BigDecimal("10.50"), new BigDecimal("31.50"), null, null, null, null, List.of(), Map.of(), null,
                null);
        return new Invoice("inv_1", "cust_1", null, InvoiceStatus.DRAFT, false, "USD",
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z"), null, null, null, null,
                List.of(seats), List.of(), new BigDecimal("31.50"), new BigDecimal("0.00"), new BigDecimal("31.50"),
                null, null, null, null, Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-01-02T03:04:05.6Z"), 0);
    }

    /** Every field of every part set; amounts with trailing zeros, a sub-cent price, a tiered item. */
    private static Invoice fullInvoice() {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        Instant end = Instant.parse("2025-02-01T00:00:00Z");
        SubLineItem requests = new SubLineItem("API requests", "Requests to the API", "Compute", "Edge", "Requests",
                "EU", "requests", new BigDecimal("21000"), new BigDecimal("0.0005"), new BigDecimal("10.50"),
                "chg_1", "grant_1", "WELCOME", null, List.of(), Map.of("sku", "req-1"), start, end);
        SubLineItem bandwidth = new SubLineItem("Bandwidth", "Data out", "Network", "CDN", "Bandwidth", "NA",
                "bytes", new BigDecimal("1500"), null, new BigDecimal("45.00"), "chg_2", "grant_2", "CDN10",
                new TierPeriod(start, end),
                List.of(new Tier(new BigDecimal("0"), new BigDecimal("1000"), new BigDecimal("0.03"),
                                new BigDecimal("30.00")),
                        new Tier(new BigDecimal("1000"), new BigDecimal("500"), new BigDecimal("0.030"),
                                new BigDecimal("15.00"))),
                Map.of("unit", "GB", "a", "1"), start, end);
        List<InvoiceAdjustment> adjustments = List.of(
                new InvoiceAdjustment("Welcome credit", new BigDecimal("-5.00"), "CREDIT", "grant_1",
                        Map.of("campaign", "spring")),
                new InvoiceAdjustment("Manual fix", new BigDecimal("0.00"), "ADJUSTMENT", null, null));
        return new Invoice("inv_2025_0001", "cust-42", "SN1001", InvoiceStatus.VOID, true, "USD", start, end,
                Instant.parse("2025-02-01T06:30:00.123Z"), "7c9e6679-7425-40de-944b-e07fc1f90ae7", "Pro",
                Map.of("tier", "gold", "region", "eu"), List.of(requests, bandwidth), adjustments,
                new BigDecimal("55.50"), new BigDecimal("5.00"), new BigDecimal("55.50"), "Issued twice",
                Instant.parse("2025-02-02T00:00:00Z"), "inv_2024_0999", "inv_2025_0002",
                Instant.parse("2025-02-01T00:00:00Z"), Instant.parse("2025-02-02T00:00:00.000000001Z"), 7);
    }

    /** The full invoice's JSON tree with one value replaced, added, or ({@link #ABSENT}) removed. */
    private static Map<String, Object> fullTreeWith(String path, Object value) {
        Map<String, Object> tree = Json.readObject(InvoiceJson.toJson(fullInvoice()));
        put(tree, path, value);
        return tree;
    }

    /** Sets {@code a.b[1].c}-style paths in a tree read by {@link Json#readTree}. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String path, Object value) {
        String[] steps = path.split("\\.");
        Object node = tree;
        for (int i = 0; i < steps.length - 1; i++) {
            node = child(node, steps[i]);
        }
        String last = steps[steps.length - 1];
        int bracket = last.indexOf('[');
        if (bracket >= 0) {
            List<Object> array = (List<Object>) child(node, last.substring(0, bracket));
            array.set(Integer.parseInt(last.substring(bracket + 1, last.length() - 1)), value);
        } else if (value == ABSENT) {
            ((Map<String, Object>) node).remove(last);
        } else {
            ((Map<String, Object>) node).put(last, value);
        }
    }

    private static Object child(Object node, String step) {
        int bracket = step.indexOf('[');
        Object child = ((Map<?, ?>) node).get(bracket < 0 ? step : step.substring(0, bracket));
        return bracket < 0 ? child : ((List<?>) child).get(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
    }
}
