package dev.invoices.devtools;

import dev.invoices.error.FieldError;
import dev.invoices.error.ValidationException;
import dev.invoices.model.Ids;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceAdjustment;
import dev.invoices.model.InvoiceCalculator;
import dev.invoices.model.InvoiceFields;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.model.Money;
import dev.invoices.model.SubLineItem;
import dev.invoices.model.Text;
import dev.invoices.model.Tier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The semantic rules of an invoice (the Invoice schema of openapi.yaml), applied to a well-typed {@link Invoice}: id patterns, a
 * supported currency, money that fits its currency's scale, amounts that agree with their recomputation, a
 * period that ends after it starts, and a status that agrees with its timestamps. Every problem is reported
 * with its field path, all at once.
 */
public final class InvoiceValidator {
    public static final int MAX_TEXT_LENGTH = 1024;
    public static final int MAX_VOID_REASON_LENGTH = 500;
    public static final int MAX_CUSTOM_FIELDS = 50;
    public static final int MAX_SUB_LINE_ITEMS = 500;
    public static final int MAX_TIERS = 50;
    public static final int MAX_ADJUSTMENTS = 100;

    private static final Pattern STATEMENT_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Sort keys hold the period start as a four-digit year. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private InvoiceValidator() {
    }

    /** Throws {@link ValidationException} listing every problem, or returns normally when there is none. */
    public static void requireValid(Invoice invoice) {
        List<FieldError> errors = validate(invoice);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    public static List<FieldError> validate(Invoice invoice) {
        Errors errors = new Errors();
        if (!Ids.isValid(invoice.id())) {
            errors.add(InvoiceFields.ID, Ids.rule());
        }
        if (!Ids.isValid(invoice.customerId())) {
            errors.add(InvoiceFields.CUSTOMER_ID, Ids.rule());
        }
        if (invoice.statementNumber() != null && !STATEMENT_NUMBER.matcher(invoice.statementNumber()).matches()) {
            errors.add(InvoiceFields.STATEMENT_NUMBER, "must be 1 to 64 letters, digits, '_' or '-'");
        }
        if (invoice.planId() != null && !UUID.matcher(invoice.planId()).matches()) {
            errors.add(InvoiceFields.PLAN_ID, "must be a UUID");
        }
        errors.text(InvoiceFields.PLAN_NAME, invoice.planName(), MAX_TEXT_LENGTH);
        errors.customFields(InvoiceFields.PLAN_CUSTOM_FIELDS, invoice.planCustomFields());
        errors.text(InvoiceFields.VOID_REASON, invoice.voidReason(), MAX_VOID_REASON_LENGTH);
        for (String link : new String[]{invoice.regeneratedFromInvoiceId(), invoice.replacedByInvoiceId()}) {
            if (link != null && !Ids.isValid(link)) {
                errors.add(link.equals(invoice.regeneratedFromInvoiceId())
                        ? InvoiceFields.REGENERATED_FROM_INVOICE_ID : InvoiceFields.REPLACED_BY_INVOICE_ID, Ids.rule());
            }
        }
        if (invoice.version() < 0) {
            errors.add(InvoiceFields.VERSION, "must not be negative");
        }
        validateDates(invoice, errors);
        if (!Money.isSupportedCurrency(invoice.currencyCode())) {
            errors.add(InvoiceFields.CURRENCY_CODE, "must be an ISO 4217 currency code with minor units, such as USD");
            return errors.list();
        }
        validateAmounts(invoice, errors);
        return errors.list();
    }

    private static void validateDates(Invoice invoice, Errors errors) {
        errors.instant(InvoiceFields.START_TIMESTAMP, invoice.startTimestamp());
        errors.instant(InvoiceFields.END_TIMESTAMP, invoice.endTimestamp());
        if (!invoice.startTimestamp().isBefore(invoice.endTimestamp())) {
            errors.add(InvoiceFields.END_TIMESTAMP, "must be after start_timestamp");
        }
        switch (invoice.status()) {
            case DRAFT -> {
                if (invoice.issuedAt() != null) {
                    errors.add(InvoiceFields.ISSUED_AT, "must be absent while the invoice is DRAFT");
                }
            }
            case FINALIZED -> {
                if (invoice.issuedAt() == null) {
                    errors.add(InvoiceFields.ISSUED_AT, "is required for a FINALIZED invoice");
                }
            }
            case VOID -> {
                if (invoice.voidedAt() == null) {
                    errors.add(InvoiceFields.VOIDED_AT, "is required for a VOID invoice");
                }
            }
        }
        if (invoice.status() != InvoiceStatus.VOID) {
            if (invoice.voidedAt() != null) {
                errors.add(InvoiceFields.VOIDED_AT, "is set only on a VOID invoice");
            }
            if (invoice.voidReason() != null) {
                errors.add(InvoiceFields.VOID_REASON, "is set only on a VOID invoice");
            }
            if (invoice.replacedByInvoiceId() != null) {
                errors.add(InvoiceFields.REPLACED_BY_INVOICE_ID, "is set only on a VOID invoice");
            }
        }
        if (invoice.updatedAt().isBefore(invoice.createdAt())) {
            errors.add(InvoiceFields.UPDATED_AT, "must not be before created_at");
        }
    }

    private static void validateAmounts(Invoice invoice, Errors errors) {
        String currency = invoice.currencyCode();
        List<SubLineItem> items = invoice.subLineItems();
        if (items.size() > MAX_SUB_LINE_ITEMS) {
            errors.add(InvoiceFields.SUB_LINE_ITEMS, "must have at most " + MAX_SUB_LINE_ITEMS + " items");
        }
        if (invoice.invoiceAdjustments().size() > MAX_ADJUSTMENTS) {
            errors.add(InvoiceFields.INVOICE_ADJUSTMENTS, "must have at most " + MAX_ADJUSTMENTS + " adjustments");
        }
        int before = errors.size();
        for (int i = 0; i < items.size(); i++) {
            validateItem(InvoiceFields.SUB_LINE_ITEMS + "[" + i + "]", items.get(i), currency, errors);
        }
        for (int i = 0; i < invoice.invoiceAdjustments().size(); i++) {
            String path = InvoiceFields.INVOICE_ADJUSTMENTS + "[" + i + "]";
            InvoiceAdjustment adjustment = invoice.invoiceAdjustments().get(i);
            errors.text(path + "." + InvoiceFields.NAME, adjustment.name(), MAX_TEXT_LENGTH);
            errors.text(path + "." + InvoiceFields.CREDIT_TYPE, adjustment.creditType(), MAX_TEXT_LENGTH);
            errors.text(path + "." + InvoiceFields.CREDIT_GRANT_ID, adjustment.creditGrantId(), MAX_TEXT_LENGTH);
            errors.customFields(path + "." + InvoiceFields.CREDIT_GRANT_CUSTOM_FIELDS,
                    adjustment.creditGrantCustomFields());
            errors.money(path + "." + InvoiceFields.TOTAL, adjustment.total(), currency);
        }
        errors.money(InvoiceFields.SUBTOTAL, invoice.subtotal(), currency);
        errors.money(InvoiceFields.TAX, invoice.tax(), currency);
        errors.money(InvoiceFields.TOTAL, invoice.total(), currency);
        if (errors.size() > before) {
            return; // the sums below would only repeat what is already reported
        }
        Invoice expected = InvoiceCalculator.recompute(invoice);
        for (int i = 0; i < items.size(); i++) {
            SubLineItem given = items.get(i);
            SubLineItem computed = expected.subLineItems().get(i);
            String path = InvoiceFields.SUB_LINE_ITEMS + "[" + i + "]";
            for (int t = 0; t < given.tiers().size(); t++) {
                errors.agrees(path + "." + InvoiceFields.TIERS + "[" + t + "]." + InvoiceFields.SUBTOTAL,
                        given.tiers().get(t).subtotal(), computed.tiers().get(t).subtotal(), "quantity × price");
            }
            errors.agrees(path + "." + InvoiceFields.SUBTOTAL, given.subtotal(), computed.subtotal(),
                    given.isTiered() ? "the sum of its tiers' subtotals" : "quantity × price");
        }
        errors.agrees(InvoiceFields.SUBTOTAL, invoice.subtotal(), expected.subtotal(),
                "the sum of the sub line items' subtotals");
        errors.agrees(InvoiceFields.TOTAL, invoice.total(), expected.total(),
                "subtotal + adjustments + tax");
    }

    private static void validateItem(String path, SubLineItem item, String currency, Errors errors) {
        errors.text(path + "." + InvoiceFields.NAME, item.name(), MAX_TEXT_LENGTH);
        for (Map.Entry<String, String> text : Map.of(
                InvoiceFields.DESCRIPTION, nullToEmpty(item.description()),
                InvoiceFields.PRODUCT_GROUP, nullToEmpty(item.productGroup()),
                InvoiceFields.PRODUCT_LINE, nullToEmpty(item.productLine()),
                InvoiceFields.PRODUCT_NAME, nullToEmpty(item.productName()),
                InvoiceFields.REGION, nullToEmpty(item.region()),
                InvoiceFields.USAGE_TYPE, nullToEmpty(item.usageType()),
                InvoiceFields.CHARGE_ID, nullToEmpty(item.chargeId()),
                InvoiceFields.CREDIT_GRANT_ID, nullToEmpty(item.creditGrantId()),
                InvoiceFields.CREDIT_COUPON_CODE, nullToEmpty(item.creditCouponCode())).entrySet()) {
            errors.text(path + "." + text.getKey(), text.getValue(), MAX_TEXT_LENGTH);
        }
        errors.customFields(path + "." + InvoiceFields.CUSTOM_FIELDS, item.customFields());
        errors.unit(path + "." + InvoiceFields.QUANTITY, item.quantity());
        if (item.price() != null) {
            errors.unit(path + "." + InvoiceFields.PRICE, item.price());
            if (item.isTiered()) {
                errors.add(path + "." + InvoiceFields.PRICE, "must be absent on a tiered item; each tier has its price");
            }
        }
        errors.money(path + "." + InvoiceFields.SUBTOTAL, item.subtotal(), currency);
        if (item.tiers().size() > MAX_TIERS) {
            errors.add(path + "." + InvoiceFields.TIERS, "must have at most " + MAX_TIERS + " tiers");
        }
        for (int t = 0; t < item.tiers().size(); t++) {
            String tierPath = path + "." + InvoiceFields.TIERS + "[" + t + "].";
            Tier tier = item.tiers().get(t);
            errors.unit(tierPath + InvoiceFields.STARTING_AT, tier.startingAt());
            errors.unit(tierPath + InvoiceFields.QUANTITY, tier.quantity());
            errors.unit(tierPath + InvoiceFields.PRICE, tier.price());
            errors.money(tierPath + InvoiceFields.SUBTOTAL, tier.subtotal(), currency);
        }
        if (item.tierPeriod() != null) {
            String periodPath = path + "." + InvoiceFields.TIER_PERIOD + ".";
            errors.instant(periodPath + InvoiceFields.STARTING_AT, item.tierPeriod().startingAt());
            Instant end = item.tierPeriod().endingBefore();
            if (end != null && !item.tierPeriod().startingAt().isBefore(end)) {
                errors.add(periodPath + InvoiceFields.ENDING_BEFORE, "must be after starting_at");
            }
        }
        if (item.startDate() != null && item.endDate() != null && item.endDate().isBefore(item.startDate())) {
            errors.add(path + "." + InvoiceFields.END_DATE, "must not be before start_date");
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    /** Collects errors in order; the helpers hold each rule once. */
    private static final class Errors {
        private final List<FieldError> list = new ArrayList<>();

        void add(String field, String message) {
            list.add(new FieldError(field, message));
        }

        int size() {
            return list.size();
        }

        List<FieldError> list() {
            return List.copyOf(list);
        }

        void text(String field, String value, int maxLength) {
            if (value == null) {
                return;
            }
            if (Text.characters(value) > maxLength) {
                add(field, "must be at most " + maxLength + " characters");
            } else if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
                add(field, "must not contain control characters");
            }
        }

        void customFields(String field, Map<String, String> fields) {
            if (fields == null) {
                return;
            }
            if (fields.size() > MAX_CUSTOM_FIELDS) {
                add(field, "must have at most " + MAX_CUSTOM_FIELDS + " entries");
                return;
            }
            for (Map.Entry<String, String> entry : fields.entrySet()) {
                if (entry.getKey().isEmpty() || Text.characters(entry.getKey()) > 128) {
                    add(field, "keys must be 1 to 128 characters");
                    return;
                }
                text(field + "." + entry.getKey(), entry.getValue(), MAX_TEXT_LENGTH);
            }
        }

        void instant(String field, Instant value) {
            if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
                add(field, "must be between the years 0001 and 9999");
            }
        }

        void money(String field, BigDecimal amount, String currency) {
            if (!Money.fitsStore(amount)) {
                add(field, "must have at most " + Money.MAX_PRECISION + " significant digits");
            } else if (!Money.fitsCurrency(amount, currency)) {
                add(field, "must have at most " + Money.minorUnitDigits(currency).orElseThrow()
                        + " decimals in " + currency);
            } else if (!Money.fitsEveryDialect(amount, currency)) {
                add(field, "must be between -" + Money.maxAmount(currency).toPlainString() + " and "
                        + Money.maxAmount(currency).toPlainString() + " " + currency);
            }
        }

        void unit(String field, BigDecimal value) {
            if (!Money.fitsStore(value)) {
                add(field, "must have at most " + Money.MAX_PRECISION + " significant digits");
            } else if (Money.decimals(value) > Money.MAX_UNIT_SCALE) {
                add(field, "must have at most " + Money.MAX_UNIT_SCALE + " decimals");
            }
        }

        void agrees(String field, BigDecimal given, BigDecimal expected, String rule) {
            if (given.compareTo(expected) != 0) {
                add(field, "must equal " + rule + " (" + expected.toPlainString() + ")");
            }
        }
    }
}
