package dev.invoices.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.invoices.error.FieldError;
import dev.invoices.error.ValidationException;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceAdjustment;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.model.SubLineItem;
import dev.invoices.model.Tier;
import dev.invoices.model.TierPeriod;
import dev.invoices.model.Timestamps;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import static dev.invoices.json.JsonFields.field;
import static dev.invoices.model.InvoiceFields.*;

/**
 * The canonical invoice JSON (the Invoice schema of openapi.yaml), written and read by hand: no reflection, no databind.
 *
 * <p>{@link #write} emits the fields in contract order and omits optional fields without a value; amounts
 * are written exactly as the model holds them. {@link #read} is the strict reverse: it reports every unknown
 * field, missing required field and wrongly typed value at once, each with its path
 * ({@code sub_line_items[1].tiers[0].price}). It keeps numbers exactly as parsed; rules about their values
 * (currency scale, ranges, identifiers) belong to the validator.
 */
public final class InvoiceJson {
    private static final Set<String> INVOICE_FIELDS = Set.of(ID, CUSTOMER_ID, STATEMENT_NUMBER, STATUS, PAID,
            CURRENCY_CODE, START_TIMESTAMP, END_TIMESTAMP, ISSUED_AT, PLAN_ID, PLAN_NAME, PLAN_CUSTOM_FIELDS,
            SUB_LINE_ITEMS, INVOICE_ADJUSTMENTS, SUBTOTAL, TAX, TOTAL, VOID_REASON, VOIDED_AT,
            REGENERATED_FROM_INVOICE_ID, REPLACED_BY_INVOICE_ID, CREATED_AT, UPDATED_AT, VERSION);
    private static final Set<String> SUB_LINE_ITEM_FIELDS = Set.of(NAME, DESCRIPTION, PRODUCT_GROUP, PRODUCT_LINE,
            PRODUCT_NAME, REGION, USAGE_TYPE, QUANTITY, PRICE, SUBTOTAL, CHARGE_ID, CREDIT_GRANT_ID,
            CREDIT_COUPON_CODE, TIER_PERIOD, TIERS, CUSTOM_FIELDS, START_DATE, END_DATE);
    private static final Set<String> TIER_PERIOD_FIELDS = Set.of(STARTING_AT, ENDING_BEFORE);
    private static final Set<String> TIER_FIELDS = Set.of(STARTING_AT, QUANTITY, PRICE, SUBTOTAL);
    private static final Set<String> ADJUSTMENT_FIELDS =
            Set.of(NAME, TOTAL, CREDIT_TYPE, CREDIT_GRANT_ID, CREDIT_GRANT_CUSTOM_FIELDS);

    private static final boolean REQUIRED = true;
    private static final boolean OPTIONAL = false;

    private InvoiceJson() {
    }

    /** The invoice as one JSON object. */
    public static String toJson(Invoice invoice) {
        return Json.write(g -> write(g, invoice));
    }

    /** Writes the invoice as one JSON object: contract field order, optional fields without a value omitted. */
    public static void write(JsonGenerator g, Invoice invoice) throws IOException {
        g.writeStartObject();
        g.writeStringField(ID, invoice.id());
        g.writeStringField(CUSTOMER_ID, invoice.customerId());
        field(g, STATEMENT_NUMBER, invoice.statementNumber());
        g.writeStringField(STATUS, invoice.status().name());
        g.writeBooleanField(PAID, invoice.paid());
        g.writeStringField(CURRENCY_CODE, invoice.currencyCode());
        field(g, START_TIMESTAMP, invoice.startTimestamp());
        field(g, END_TIMESTAMP, invoice.endTimestamp());
        field(g, ISSUED_AT, invoice.issuedAt());
        field(g, PLAN_ID, invoice.planId());
        field(g, PLAN_NAME, invoice.planName());
        field(g, PLAN_CUSTOM_FIELDS, invoice.planCustomFields());
        g.writeArrayFieldStart(SUB_LINE_ITEMS);
        for (SubLineItem item : invoice.subLineItems()) {
            write(g, item);
        }
        g.writeEndArray();
        g.writeArrayFieldStart(INVOICE_ADJUSTMENTS);
        for (InvoiceAdjustment adjustment : invoice.invoiceAdjustments()) {
            write(g, adjustment);
        }
        g.writeEndArray();
        field(g, SUBTOTAL, invoice.subtotal());
        field(g, TAX, invoice.tax());
        field(g, TOTAL, invoice.total());
        field(g, VOID_REASON, invoice.voidReason());
        field(g, VOIDED_AT, invoice.voidedAt());
        field(g, REGENERATED_FROM_INVOICE_ID, invoice.regeneratedFromInvoiceId());
        field(g, REPLACED_BY_INVOICE_ID, invoice.replacedByInvoiceId());
        field(g, CREATED_AT, invoice.createdAt());
        field(g, UPDATED_AT, invoice.updatedAt());
        g.writeNumberField(VERSION, invoice.version());
        g.writeEndObject();
    }

    private static void write(JsonGenerator g, SubLineItem item) throws IOException {
        g.writeStartObject();
        g.writeStringField(NAME, item.name());
        field(g, DESCRIPTION, item.description());
        field(g, PRODUCT_GROUP, item.productGroup());
        field(g, PRODUCT_LINE, item.productLine());
        field(g, PRODUCT_NAME, item.productName());
        field(g, REGION, item.region());
        field(g, USAGE_TYPE, item.usageType());
        field(g, QUANTITY, item.quantity());
        field(g, PRICE, item.price());
        field(g, SUBTOTAL, item.subtotal());
        field(g, CHARGE_ID, item.chargeId());
        field(g, CREDIT_GRANT_ID, item.creditGrantId());
        field(g, CREDIT_COUPON_CODE, item.creditCouponCode());
        if (item.tierPeriod() != null) {
            g.writeObjectFieldStart(TIER_PERIOD);
            field(g, STARTING_AT, item.tierPeriod().startingAt());
            field(g, ENDING_BEFORE, item.tierPeriod().endingBefore());
            g.writeEndObject();
        }
        if (item.isTiered()) {
            g.writeArrayFieldStart(TIERS);
            for (Tier tier : item.tiers()) {
                g.writeStartObject();
                field(g, STARTING_AT, tier.startingAt());
                field(g, QUANTITY, tier.quantity());
                field(g, PRICE, tier.price());
                field(g, SUBTOTAL, tier.subtotal());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        field(g, CUSTOM_FIELDS, item.customFields());
        field(g, START_DATE, item.startDate());
        field(g, END_DATE, item.endDate());
        g.writeEndObject();
    }

    private static void write(JsonGenerator g, InvoiceAdjustment adjustment) throws IOException {
        g.writeStartObject();
        g.writeStringField(NAME, adjustment.name());
        field(g, TOTAL, adjustment.total());
        g.writeStringField(CREDIT_TYPE, adjustment.creditType());
        field(g, CREDIT_GRANT_ID, adjustment.creditGrantId());
        field(g, CREDIT_GRANT_CUSTOM_FIELDS, adjustment.creditGrantCustomFields());
        g.writeEndObject();
    }

    /**
     * Parses and {@linkplain #read(Map) reads} an invoice document.
     *
     * @throws dev.invoices.error.MalformedJsonException when the text is not a JSON object
     * @throws ValidationException                       listing every field that is unknown, missing or mistyped
     */
    public static Invoice read(String json) {
        return read(Json.readObject(json));
    }

    /**
     * The invoice a {@linkplain Json#readTree JSON tree} describes. A null value counts as absent; an absent
     * {@code tax} is 0, an absent {@code paid} false, absent lists are empty.
     *
     * @throws ValidationException listing every field that is unknown, missing or of the wrong JSON type
     */
    public static Invoice read(Map<String, Object> tree) {
        Objects.requireNonNull(tree, "tree");
        List<FieldError> errors = new ArrayList<>();
        Invoice invoice = readInvoice(new In(tree, "", errors, INVOICE_FIELDS));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return invoice;
    }

    private static Invoice readInvoice(In in) {
        String id = in.string(ID, REQUIRED);
        String customerId = in.string(CUSTOMER_ID, REQUIRED);
        String statementNumber = in.string(STATEMENT_NUMBER, OPTIONAL);
        InvoiceStatus status = in.status(STATUS);
        Boolean paid = in.bool(PAID, OPTIONAL);
        String currencyCode = in.string(CURRENCY_CODE, REQUIRED);
        Instant start = in.instant(START_TIMESTAMP, REQUIRED);
        Instant end = in.instant(END_TIMESTAMP, REQUIRED);
        Instant issuedAt = in.instant(ISSUED_AT, OPTIONAL);
        String planId = in.string(PLAN_ID, OPTIONAL);
        String planName = in.string(PLAN_NAME, OPTIONAL);
        Map<String, String> planCustomFields = in.strings(PLAN_CUSTOM_FIELDS, OPTIONAL);
        List<SubLineItem> items = in.objects(SUB_LINE_ITEMS, SUB_LINE_ITEM_FIELDS, InvoiceJson::readSubLineItem);
        List<InvoiceAdjustment> adjustments =
                in.objects(INVOICE_ADJUSTMENTS, ADJUSTMENT_FIELDS, InvoiceJson::readAdjustment);
        BigDecimal subtotal = in.decimal(SUBTOTAL, REQUIRED);
        BigDecimal tax = in.decimal(TAX, OPTIONAL);
        BigDecimal total = in.decimal(TOTAL, REQUIRED);
        String voidReason = in.string(VOID_REASON, OPTIONAL);
        Instant voidedAt = in.instant(VOIDED_AT, OPTIONAL);
        String regeneratedFrom = in.string(REGENERATED_FROM_INVOICE_ID, OPTIONAL);
        String replacedBy = in.string(REPLACED_BY_INVOICE_ID, OPTIONAL);
        Instant createdAt = in.instant(CREATED_AT, REQUIRED);
        Instant updatedAt = in.instant(UPDATED_AT, REQUIRED);
        Long version = in.version(VERSION);
        if (!in.clean()) {
            return null;
        }
        return new Invoice(id, customerId, statementNumber, status, paid != null && paid, currencyCode, start, end,
                issuedAt, planId, planName, planCustomFields, items, adjustments, subtotal,
                tax == null ? BigDecimal.ZERO : tax, total, voidReason, voidedAt, regeneratedFrom, replacedBy,
                createdAt, updatedAt, version);
    }

    private static SubLineItem readSubLineItem(In in) {
        String name = in.string(NAME, REQUIRED);
        String description = in.string(DESCRIPTION, OPTIONAL);
        String productGroup = in.string(PRODUCT_GROUP, OPTIONAL);
        String productLine = in.string(PRODUCT_LINE, OPTIONAL);
        String productName = in.string(PRODUCT_NAME, OPTIONAL);
        String region = in.string(REGION, OPTIONAL);
        String usageType = in.string(USAGE_TYPE, OPTIONAL);
        BigDecimal quantity = in.decimal(QUANTITY, REQUIRED);
        BigDecimal price = in.decimal(PRICE, OPTIONAL);
        BigDecimal subtotal = in.decimal(SUBTOTAL, REQUIRED);
        String chargeId = in.string(CHARGE_ID, OPTIONAL);
        String creditGrantId = in.string(CREDIT_GRANT_ID, OPTIONAL);
        String creditCouponCode = in.string(CREDIT_COUPON_CODE, OPTIONAL);
        TierPeriod tierPeriod = in.object(TIER_PERIOD, TIER_PERIOD_FIELDS, InvoiceJson::readTierPeriod);
        List<Tier> tiers = in.objects(TIERS, TIER_FIELDS, InvoiceJson::readTier);
        Map<String, String> customFields = in.strings(CUSTOM_FIELDS, REQUIRED);
        Instant startDate = in.instant(START_DATE, OPTIONAL);
        Instant endDate = in.instant(END_DATE, OPTIONAL);
        if (!in.clean()) {
            return null;
        }
        return new SubLineItem(name, description, productGroup, productLine, productName, region, usageType,
                quantity, price, subtotal, chargeId, creditGrantId, creditCouponCode, tierPeriod, tiers,
                customFields, startDate, endDate);
    }

    private static TierPeriod readTierPeriod(In in) {
        Instant startingAt = in.instant(STARTING_AT, REQUIRED);
        Instant endingBefore = in.instant(ENDING_BEFORE, OPTIONAL);
        return in.clean() ? new TierPeriod(startingAt, endingBefore) : null;
    }

    private static Tier readTier(In in) {
        BigDecimal startingAt = in.decimal(STARTING_AT, REQUIRED);
        BigDecimal quantity = in.decimal(QUANTITY, REQUIRED);
        BigDecimal price = in.decimal(PRICE, REQUIRED);
        BigDecimal subtotal = in.decimal(SUBTOTAL, REQUIRED);
        return in.clean() ? new Tier(startingAt, quantity, price, subtotal) : null;
    }

    private static InvoiceAdjustment readAdjustment(In in) {
        String name = in.string(NAME, REQUIRED);
        BigDecimal total = in.decimal(TOTAL, REQUIRED);
        String creditType = in.string(CREDIT_TYPE, REQUIRED);
        String creditGrantId = in.string(CREDIT_GRANT_ID, OPTIONAL);
        Map<String, String> creditGrantCustomFields = in.strings(CREDIT_GRANT_CUSTOM_FIELDS, OPTIONAL);
        return in.clean() ? new InvoiceAdjustment(name, total, creditType, creditGrantId, creditGrantCustomFields)
                : null;
    }

    /**
     * One JSON object being read: its path for error messages and the error list shared by the whole document.
     * Each accessor returns null for an absent field or a reported error; {@link #clean()} tells whether this
     * object and everything below it read without error, and so whether its record can be built.
     */
    private static final class In {
        private final Map<String, Object> object;
        private final String path;
        private final List<FieldError> errors;
        private final int errorsBefore;

        In(Map<String, Object> object, String path, List<FieldError> errors, Set<String> known) {
            this.object = object;
            this.path = path;
            this.errors = errors;
            this.errorsBefore = errors.size();
            for (String name : object.keySet()) {
                if (!known.contains(name)) {
                    error(pathOf(name), "unknown field");
                }
            }
        }

        boolean clean() {
            return errors.size() == errorsBefore;
        }

        String string(String name, boolean required) {
            Object value = value(name, required);
            if (value == null || value instanceof String) {
                return (String) value;
            }
            return error(pathOf(name), "must be a string");
        }

        BigDecimal decimal(String name, boolean required) {
            Object value = value(name, required);
            if (value == null || value instanceof BigDecimal) {
                return (BigDecimal) value;
            }
            return error(pathOf(name), "must be a number");
        }

        Boolean bool(String name, boolean required) {
            Object value = value(name, required);
            if (value == null || value instanceof Boolean) {
                return (Boolean) value;
            }
            return error(pathOf(name), "must be a boolean");
        }

        Instant instant(String name, boolean required) {
            String text = string(name, required);
            if (text == null) {
                return null;
            }
            Instant instant = Timestamps.parse(text).orElse(null);
            return instant != null ? instant : error(pathOf(name), "must be an RFC 3339 timestamp");
        }

        InvoiceStatus status(String name) {
            String text = string(name, REQUIRED);
            if (text == null) {
                return null;
            }
            return switch (text) {
                case "DRAFT" -> InvoiceStatus.DRAFT;
                case "FINALIZED" -> InvoiceStatus.FINALIZED;
                case "VOID" -> InvoiceStatus.VOID;
                default -> error(pathOf(name), "must be one of DRAFT, FINALIZED, VOID");
            };
        }

        /** A required integer from 0 to {@link Long#MAX_VALUE}; {@code 3.0} counts, as in JSON Schema. */
        Long version(String name) {
            Object value = value(name, REQUIRED);
            if (value == null) {
                return null;
            }
            if (value instanceof BigDecimal number) {
                try {
                    long integer = number.longValueExact();
                    return integer >= 0 ? integer : error(pathOf(name), "must not be negative");
                } catch (ArithmeticException notALong) {
                    // reported below
                }
            }
            return error(pathOf(name), "must be an integer");
        }

        /** An object of string values, keeping the document's order. */
        Map<String, String> strings(String name, boolean required) {
            Object value = value(name, required);
            if (value == null) {
                return null;
            }
            if (!(value instanceof Map<?, ?> map)) {
                return error(pathOf(name), "must be an object");
            }
            Map<String, String> strings = new LinkedHashMap<>();
            for (Map.Entry<?, ?> field : map.entrySet()) {
                if (field.getValue() instanceof String text) {
                    strings.put((String) field.getKey(), text);
                } else {
                    error(pathOf(name) + "." + field.getKey(), "must be a string");
                }
            }
            return strings;
        }

        /** A nested object read by {@code reader}; null when absent or wrong. */
        <T> T object(String name, Set<String> known, Function<In, T> reader) {
            Object value = value(name, OPTIONAL);
            if (value == null) {
                return null;
            }
            return value instanceof Map<?, ?> map
                    ? reader.apply(new In(cast(map), pathOf(name), errors, known))
                    : error(pathOf(name), "must be an object");
        }

        /** An optional array of objects, each read by {@code reader}; empty when absent. */
        <T> List<T> objects(String name, Set<String> known, Function<In, T> reader) {
            Object value = value(name, OPTIONAL);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> array)) {
                error(pathOf(name), "must be an array");
                return List.of();
            }
            List<T> read = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                String elementPath = pathOf(name) + "[" + i + "]";
                if (array.get(i) instanceof Map<?, ?> map) {
                    read.add(reader.apply(new In(cast(map), elementPath, errors, known)));
                } else {
                    error(elementPath, "must be an object");
                }
            }
            return read;
        }

        private Object value(String name, boolean required) {
            Object value = object.get(name);
            if (value == null && required) {
                error(pathOf(name), "is required");
            }
            return value;
        }

        private String pathOf(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        /** Records an error; returns null so that an accessor can report and yield in one statement. */
        private <T> T error(String fieldPath, String message) {
            errors.add(new FieldError(fieldPath, message));
            return null;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> cast(Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
    }
}
