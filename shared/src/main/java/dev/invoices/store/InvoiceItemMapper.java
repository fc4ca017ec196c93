package dev.invoices.store;

import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceAdjustment;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.model.Money;
import dev.invoices.model.SubLineItem;
import dev.invoices.model.Tier;
import dev.invoices.model.TierPeriod;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import static dev.invoices.model.InvoiceFields.CHARGE_ID;
import static dev.invoices.model.InvoiceFields.CREATED_AT;
import static dev.invoices.model.InvoiceFields.CREDIT_COUPON_CODE;
import static dev.invoices.model.InvoiceFields.CREDIT_GRANT_CUSTOM_FIELDS;
import static dev.invoices.model.InvoiceFields.CREDIT_GRANT_ID;
import static dev.invoices.model.InvoiceFields.CREDIT_TYPE;
import static dev.invoices.model.InvoiceFields.CURRENCY_CODE;
import static dev.invoices.model.InvoiceFields.CUSTOM_FIELDS;
import static dev.invoices.model.InvoiceFields.DESCRIPTION;
import static dev.invoices.model.InvoiceFields.ENDING_BEFORE;
import static dev.invoices.model.InvoiceFields.END_DATE;
import static dev.invoices.model.InvoiceFields.END_TIMESTAMP;
import static dev.invoices.model.InvoiceFields.ID;
import static dev.invoices.model.InvoiceFields.INVOICE_ADJUSTMENTS;
import static dev.invoices.model.InvoiceFields.ISSUED_AT;
import static dev.invoices.model.InvoiceFields.NAME;
import static dev.invoices.model.InvoiceFields.PAID;
import static dev.invoices.model.InvoiceFields.PLAN_CUSTOM_FIELDS;
import static dev.invoices.model.InvoiceFields.PLAN_ID;
import static dev.invoices.model.InvoiceFields.PLAN_NAME;
import static dev.invoices.model.InvoiceFields.PRICE;
import static dev.invoices.model.InvoiceFields.PRODUCT_GROUP;
import static dev.invoices.model.InvoiceFields.PRODUCT_LINE;
import static dev.invoices.model.InvoiceFields.PRODUCT_NAME;
import static dev.invoices.model.InvoiceFields.QUANTITY;
import static dev.invoices.model.InvoiceFields.REGENERATED_FROM_INVOICE_ID;
import static dev.invoices.model.InvoiceFields.REGION;
import static dev.invoices.model.InvoiceFields.REPLACED_BY_INVOICE_ID;
import static dev.invoices.model.InvoiceFields.STARTING_AT;
import static dev.invoices.model.InvoiceFields.START_DATE;
import static dev.invoices.model.InvoiceFields.START_TIMESTAMP;
import static dev.invoices.model.InvoiceFields.STATEMENT_NUMBER;
import static dev.invoices.model.InvoiceFields.STATUS;
import static dev.invoices.model.InvoiceFields.SUBTOTAL;
import static dev.invoices.model.InvoiceFields.SUB_LINE_ITEMS;
import static dev.invoices.model.InvoiceFields.TAX;
import static dev.invoices.model.InvoiceFields.TIERS;
import static dev.invoices.model.InvoiceFields.TIER_PERIOD;
import static dev.invoices.model.InvoiceFields.TOTAL;
import static dev.invoices.model.InvoiceFields.UPDATED_AT;
import static dev.invoices.model.InvoiceFields.USAGE_TYPE;
import static dev.invoices.model.InvoiceFields.VERSION;
import static dev.invoices.model.InvoiceFields.VOIDED_AT;
import static dev.invoices.model.InvoiceFields.VOID_REASON;

/**
 * Explicit, reflection-free mapping between an {@link Invoice} and its DynamoDB item.
 *
 * <p>The item carries the key attributes of {@link InvoiceTable} ({@code pk}, {@code entity},
 * {@code customer_id}, {@code customer_status}, {@code period_key}) and then every field of the invoice under
 * its {@link dev.invoices.model.InvoiceFields} name, so that a stored item reads like the API's JSON:
 * <ul>
 *   <li>strings, the status (its enum name) and instants ({@link Instant#toString()}, RFC 3339 UTC) as
 *       {@code S}; booleans as {@code BOOL};</li>
 *   <li>numbers as {@code N}, written with {@link BigDecimal#toPlainString()} and never through
 *       {@code double};</li>
 *   <li>string maps as {@code M} of {@code S}; sub line items, tiers and adjustments as {@code L} of
 *       {@code M}; the tier period as {@code M};</li>
 *   <li>absent optional values as no attribute at all; maps and lists the model holds non-null as
 *       {@code M}/{@code L}, empty ones included (tiers are written only when there are some).</li>
 * </ul>
 *
 * <p>DynamoDB's {@code N} type keeps no scale: {@code 10.50} comes back as {@code 10.5}. Reading therefore
 * restores money amounts to their currency's scale ({@link Money#toCurrencyScale}) and unit values (quantities,
 * prices, tier bounds) to their canonical form ({@link Money#canonicalUnit}); with the model holding values in
 * those forms, {@code fromItem(toItem(invoice))} equals {@code invoice}.
 *
 * <p>An item this mapper cannot read is a bug on the server side, not bad client input: {@link #fromItem}
 * throws {@link IllegalStateException} naming the attribute (with its path inside lists and maps) and the
 * item's {@code pk}, and never any stored value.
 */
public final class InvoiceItemMapper {
    /** Key attributes plus every invoice field: the size of the largest item, so the map never rehashes. */
    private static final int INVOICE_ATTRIBUTES = 28;
    private static final int SUB_LINE_ITEM_ATTRIBUTES = 18;
    private static final int TIER_ATTRIBUTES = 4;
    private static final int ADJUSTMENT_ATTRIBUTES = 5;
    private static final int TIER_PERIOD_ATTRIBUTES = 2;

    private InvoiceItemMapper() {
    }

    /** The item that stores {@code invoice}, key attributes included. */
    public static Map<String, AttributeValue> toItem(Invoice invoice) {
        Map<String, AttributeValue> item = LinkedHashMap.newLinkedHashMap(INVOICE_ATTRIBUTES);
        putString(item, InvoiceTable.PK, InvoiceTable.invoicePk(invoice.id()));
        putString(item, InvoiceTable.ENTITY, InvoiceTable.ENTITY_INVOICE);
        // The canonical field customer_id is also the ByCustomer index's partition key: one attribute serves both.
        putString(item, InvoiceTable.CUSTOMER_ID, invoice.customerId());
        putString(item, InvoiceTable.CUSTOMER_STATUS,
                InvoiceTable.customerStatus(invoice.customerId(), invoice.status()));
        putString(item, InvoiceTable.PERIOD_KEY, InvoiceTable.periodKey(invoice.startTimestamp(), invoice.id()));
        if (invoice.status() == InvoiceStatus.DRAFT) {
            // Only drafts carry the Drafts index key, so the index holds drafts alone (a sparse index).
            putString(item, InvoiceTable.DRAFT_SHARD, InvoiceTable.draftShard(invoice.id()));
        }

        putString(item, ID, invoice.id());
        putString(item, STATEMENT_NUMBER, invoice.statementNumber());
        putString(item, STATUS, invoice.status().name());
        item.put(PAID, AttributeValue.fromBool(invoice.paid()));
        putString(item, CURRENCY_CODE, invoice.currencyCode());
        putInstant(item, START_TIMESTAMP, invoice.startTimestamp());
        putInstant(item, END_TIMESTAMP, invoice.endTimestamp());
        putInstant(item, ISSUED_AT, invoice.issuedAt());
        putString(item, PLAN_ID, invoice.planId());
        putString(item, PLAN_NAME, invoice.planName());
        putStringMap(item, PLAN_CUSTOM_FIELDS, invoice.planCustomFields());
        putList(item, SUB_LINE_ITEMS, invoice.subLineItems(), InvoiceItemMapper::subLineItemToMap);
        putList(item, INVOICE_ADJUSTMENTS, invoice.invoiceAdjustments(), InvoiceItemMapper::adjustmentToMap);
        putNumber(item, SUBTOTAL, invoice.subtotal());
        putNumber(item, TAX, invoice.tax());
        putNumber(item, TOTAL, invoice.total());
        putString(item, VOID_REASON, invoice.voidReason());
        putInstant(item, VOIDED_AT, invoice.voidedAt());
        putString(item, REGENERATED_FROM_INVOICE_ID, invoice.regeneratedFromInvoiceId());
        putString(item, REPLACED_BY_INVOICE_ID, invoice.replacedByInvoiceId());
        putInstant(item, CREATED_AT, invoice.createdAt());
        putInstant(item, UPDATED_AT, invoice.updatedAt());
        item.put(VERSION, AttributeValue.fromN(Long.toString(invoice.version())));
        return item;
    }

    /**
     * The invoice stored in {@code item}.
     *
     * @throws IllegalStateException when a required attribute is missing or any attribute has the wrong type or
     *                               an unreadable value; the message names the attribute and the item's
     *                               {@code pk}, never a value
     */
    public static Invoice fromItem(Map<String, AttributeValue> item) {
        Objects.requireNonNull(item, "item");
        Attributes in = new Attributes(item, "", pkOf(item));
        String currency = in.requiredString(CURRENCY_CODE);
        if (!Money.isSupportedCurrency(currency)) {
            throw in.malformed(CURRENCY_CODE, "is not a supported currency");
        }
        return new Invoice(
                in.requiredString(ID),
                in.requiredString(InvoiceTable.CUSTOMER_ID),
                in.optionalString(STATEMENT_NUMBER),
                in.status(STATUS),
                in.requiredBoolean(PAID),
                currency,
                in.requiredInstant(START_TIMESTAMP),
                in.requiredInstant(END_TIMESTAMP),
                in.optionalInstant(ISSUED_AT),
                in.optionalString(PLAN_ID),
                in.optionalString(PLAN_NAME),
                in.optionalStringMap(PLAN_CUSTOM_FIELDS),
                in.requiredList(SUB_LINE_ITEMS, each -> subLineItemFrom(each, currency)),
                in.requiredList(INVOICE_ADJUSTMENTS, each -> adjustmentFrom(each, currency)),
                in.money(SUBTOTAL, currency),
                in.money(TAX, currency),
                in.money(TOTAL, currency),
                in.optionalString(VOID_REASON),
                in.optionalInstant(VOIDED_AT),
                in.optionalString(REGENERATED_FROM_INVOICE_ID),
                in.optionalString(REPLACED_BY_INVOICE_ID),
                in.requiredInstant(CREATED_AT),
                in.requiredInstant(UPDATED_AT),
                in.wholeNumber(VERSION));
    }

    private static Map<String, AttributeValue> subLineItemToMap(SubLineItem line) {
        Map<String, AttributeValue> map = LinkedHashMap.newLinkedHashMap(SUB_LINE_ITEM_ATTRIBUTES);
        putString(map, NAME, line.name());
        putString(map, DESCRIPTION, line.description());
        putString(map, PRODUCT_GROUP, line.productGroup());
        putString(map, PRODUCT_LINE, line.productLine());
        putString(map, PRODUCT_NAME, line.productName());
        putString(map, REGION, line.region());
        putString(map, USAGE_TYPE, line.usageType());
        putNumber(map, QUANTITY, line.quantity());
        putNumber(map, PRICE, line.price());
        putNumber(map, SUBTOTAL, line.subtotal());
        putString(map, CHARGE_ID, line.chargeId());
        putString(map, CREDIT_GRANT_ID, line.creditGrantId());
        putString(map, CREDIT_COUPON_CODE, line.creditCouponCode());
        if (line.tierPeriod() != null) {
            map.put(TIER_PERIOD, AttributeValue.fromM(tierPeriodToMap(line.tierPeriod())));
        }
        if (!line.tiers().isEmpty()) {
            putList(map, TIERS, line.tiers(), InvoiceItemMapper::tierToMap);
        }
        putStringMap(map, CUSTOM_FIELDS, line.customFields());
        putInstant(map, START_DATE, line.startDate());
        putInstant(map, END_DATE, line.endDate());
        return map;
    }

    private static SubLineItem subLineItemFrom(Attributes in, String currency) {
        return new SubLineItem(
                in.requiredString(NAME),
                in.optionalString(DESCRIPTION),
                in.optionalString(PRODUCT_GROUP),
                in.optionalString(PRODUCT_LINE),
                in.optionalString(PRODUCT_NAME),
                in.optionalString(REGION),
                in.optionalString(USAGE_TYPE),
                in.unit(QUANTITY),
                in.optionalUnit(PRICE),
                in.money(SUBTOTAL, currency),
                in.optionalString(CHARGE_ID),
                in.optionalString(CREDIT_GRANT_ID),
                in.optionalString(CREDIT_COUPON_CODE),
                in.optionalMap(TIER_PERIOD, InvoiceItemMapper::tierPeriodFrom),
                in.optionalList(TIERS, each -> tierFrom(each, currency)),
                in.requiredStringMap(CUSTOM_FIELDS),
                in.optionalInstant(START_DATE),
                in.optionalInstant(END_DATE));
    }

    private static Map<String, AttributeValue> tierPeriodToMap(TierPeriod period) {
        Map<String, AttributeValue> map = LinkedHashMap.newLinkedHashMap(TIER_PERIOD_ATTRIBUTES);
        putInstant(map, STARTING_AT, period.startingAt());
        putInstant(map, ENDING_BEFORE, period.endingBefore());
        return map;
    }

    private static TierPeriod tierPeriodFrom(Attributes in) {
        return new TierPeriod(in.requiredInstant(STARTING_AT), in.optionalInstant(ENDING_BEFORE));
    }

    private static Map<String, AttributeValue> tierToMap(Tier tier) {
        Map<String, AttributeValue> map = LinkedHashMap.newLinkedHashMap(TIER_ATTRIBUTES);
        putNumber(map, STARTING_AT, tier.startingAt());
        putNumber(map, QUANTITY, tier.quantity());
        putNumber(map, PRICE, tier.price());
        putNumber(map, SUBTOTAL, tier.subtotal());
        return map;
    }

    private static Tier tierFrom(Attributes in, String currency) {
        return new Tier(in.unit(STARTING_AT), in.unit(QUANTITY), in.unit(PRICE), in.money(SUBTOTAL, currency));
    }

    private static Map<String, AttributeValue> adjustmentToMap(InvoiceAdjustment adjustment) {
        Map<String, AttributeValue> map = LinkedHashMap.newLinkedHashMap(ADJUSTMENT_ATTRIBUTES);
        putString(map, NAME, adjustment.name());
        putNumber(map, TOTAL, adjustment.total());
        putString(map, CREDIT_TYPE, adjustment.creditType());
        putString(map, CREDIT_GRANT_ID, adjustment.creditGrantId());
        putStringMap(map, CREDIT_GRANT_CUSTOM_FIELDS, adjustment.creditGrantCustomFields());
        return map;
    }

    private static InvoiceAdjustment adjustmentFrom(Attributes in, String currency) {
        return new InvoiceAdjustment(
                in.requiredString(NAME),
                in.money(TOTAL, currency),
                in.requiredString(CREDIT_TYPE),
                in.optionalString(CREDIT_GRANT_ID),
                in.optionalStringMap(CREDIT_GRANT_CUSTOM_FIELDS));
    }

    private static void putString(Map<String, AttributeValue> map, String name, String value) {
        if (value != null) {
            map.put(name, AttributeValue.fromS(value));
        }
    }

    private static void putNumber(Map<String, AttributeValue> map, String name, BigDecimal value) {
        if (value != null) {
            map.put(name, AttributeValue.fromN(value.toPlainString()));
        }
    }

    private static void putInstant(Map<String, AttributeValue> map, String name, Instant value) {
        if (value != null) {
            map.put(name, AttributeValue.fromS(value.toString()));
        }
    }

    private static void putStringMap(Map<String, AttributeValue> map, String name, Map<String, String> value) {
        if (value != null) {
            Map<String, AttributeValue> strings = LinkedHashMap.newLinkedHashMap(value.size());
            value.forEach((key, text) -> strings.put(key, AttributeValue.fromS(text)));
            map.put(name, AttributeValue.fromM(strings));
        }
    }

    private static <T> void putList(Map<String, AttributeValue> map, String name, List<T> values,
                                    Function<T, Map<String, AttributeValue>> toMap) {
        List<AttributeValue> list = new ArrayList<>(values.size());
        for (T value : values) {
            list.add(AttributeValue.fromM(toMap.apply(value)));
        }
        map.put(name, AttributeValue.fromL(list));
    }

    private static String pkOf(Map<String, AttributeValue> item) {
        AttributeValue pk = item.get(InvoiceTable.PK);
        return pk != null && pk.type() == AttributeValue.Type.S ? pk.s() : "(no pk)";
    }

    /**
     * The attributes of the item, or of one map inside it, with where they sit ({@code path}) and the item's
     * {@code pk}, so that every failure can say exactly which attribute of which item is malformed.
     */
    private record Attributes(Map<String, AttributeValue> values, String path, String pk) {

        IllegalStateException malformed(String name, String problem) {
            return new IllegalStateException(
                    "Malformed invoice item " + pk + ": attribute " + path + name + " " + problem);
        }

        private AttributeValue get(String name, AttributeValue.Type type, boolean required) {
            AttributeValue value = values.get(name);
            if (value == null) {
                if (required) {
                    throw malformed(name, "is missing");
                }
                return null;
            }
            if (value.type() != type) {
                throw malformed(name, "is not of type " + type);
            }
            return value;
        }

        String optionalString(String name) {
            AttributeValue value = get(name, AttributeValue.Type.S, false);
            return value == null ? null : value.s();
        }

        String requiredString(String name) {
            return get(name, AttributeValue.Type.S, true).s();
        }

        boolean requiredBoolean(String name) {
            return get(name, AttributeValue.Type.BOOL, true).bool();
        }

        InvoiceStatus status(String name) {
            try {
                return InvoiceStatus.valueOf(requiredString(name));
            } catch (IllegalArgumentException e) {
                throw malformed(name, "is not an invoice status");
            }
        }

        Instant optionalInstant(String name) {
            AttributeValue value = get(name, AttributeValue.Type.S, false);
            return value == null ? null : instant(name, value);
        }

        Instant requiredInstant(String name) {
            return instant(name, get(name, AttributeValue.Type.S, true));
        }

        private Instant instant(String name, AttributeValue value) {
            try {
                return Instant.parse(value.s());
            } catch (DateTimeParseException e) {
                // No cause: its message quotes the stored text.
                throw malformed(name, "is not an RFC 3339 instant");
            }
        }

        private BigDecimal optionalNumber(String name) {
            AttributeValue value = get(name, AttributeValue.Type.N, false);
            return value == null ? null : number(name, value);
        }

        private BigDecimal requiredNumber(String name) {
            return number(name, get(name, AttributeValue.Type.N, true));
        }

        private BigDecimal number(String name, AttributeValue value) {
            try {
                return new BigDecimal(value.n());
            } catch (NumberFormatException e) {
                throw malformed(name, "is not a decimal number");
            }
        }

        /** A money amount, at its currency's scale again. */
        BigDecimal money(String name, String currency) {
            BigDecimal amount = requiredNumber(name);
            if (!Money.fitsCurrency(amount, currency)) {
                throw malformed(name, "has more decimals than its currency allows");
            }
            return Money.toCurrencyScale(amount, currency);
        }

        /** A unit price, quantity or tier bound, in canonical form. */
        BigDecimal unit(String name) {
            return Money.canonicalUnit(requiredNumber(name));
        }

        BigDecimal optionalUnit(String name) {
            BigDecimal value = optionalNumber(name);
            return value == null ? null : Money.canonicalUnit(value);
        }

        long wholeNumber(String name) {
            try {
                return requiredNumber(name).longValueExact();
            } catch (ArithmeticException e) {
                throw malformed(name, "is not a whole number in the range of a long");
            }
        }

        private Map<String, String> stringMap(String name, AttributeValue value) {
            Map<String, String> strings = LinkedHashMap.newLinkedHashMap(value.m().size());
            for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                // The key is client data too: name only the map.
                if (entry.getValue().type() != AttributeValue.Type.S) {
                    throw malformed(name, "holds a value that is not of type S");
                }
                strings.put(entry.getKey(), entry.getValue().s());
            }
            return strings;
        }

        Map<String, String> optionalStringMap(String name) {
            AttributeValue value = get(name, AttributeValue.Type.M, false);
            return value == null ? null : stringMap(name, value);
        }

        Map<String, String> requiredStringMap(String name) {
            return stringMap(name, get(name, AttributeValue.Type.M, true));
        }

        <T> T optionalMap(String name, Function<Attributes, T> reader) {
            AttributeValue value = get(name, AttributeValue.Type.M, false);
            return value == null ? null : reader.apply(new Attributes(value.m(), path + name + ".", pk));
        }

        private <T> List<T> list(String name, AttributeValue value, Function<Attributes, T> reader) {
            List<AttributeValue> elements = value.l();
            List<T> result = new ArrayList<>(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                String element = name + "[" + i + "]";
                AttributeValue each = elements.get(i);
                if (each == null || each.type() != AttributeValue.Type.M) {
                    throw malformed(element, "is not of type M");
                }
                result.add(reader.apply(new Attributes(each.m(), path + element + ".", pk)));
            }
            return result;
        }

        <T> List<T> requiredList(String name, Function<Attributes, T> reader) {
            return list(name, get(name, AttributeValue.Type.L, true), reader);
        }

        <T> List<T> optionalList(String name, Function<Attributes, T> reader) {
            AttributeValue value = get(name, AttributeValue.Type.L, false);
            return value == null ? List.of() : list(name, value, reader);
        }
    }
}
