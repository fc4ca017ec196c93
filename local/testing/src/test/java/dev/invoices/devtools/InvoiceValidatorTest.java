package dev.invoices.devtools;

import dev.invoices.error.FieldError;
import dev.invoices.error.ValidationException;
import dev.invoices.model.Ids;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.model.SubLineItem;
import dev.invoices.testing.InvoiceFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Unit test: the semantic rules of an invoice, each reported with its field path. */
class InvoiceValidatorTest {
    private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"USD", "JPY", "KWD"})
    void theFixtures_areValid(String currency) {
        assertEquals(List.of(), InvoiceValidator.validate(InvoiceFixtures.full(currency)));
        assertEquals(List.of(), InvoiceValidator.validate(
                InvoiceFixtures.simple("inv_1", "cus_1", InvoiceStatus.DRAFT, START)));
    }

    @Test
    void badIds_areReportedByField() {
        Invoice invoice = InvoiceFixtures.withId(valid(), "a#b", "x".repeat(65));

        assertEquals(List.of(new FieldError("id", Ids.rule()), new FieldError("customer_id", Ids.rule())),
                InvoiceValidator.validate(invoice));
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "XXX", "XAU", "ABC", "US"})
    void anUnsupportedCurrency_isReported(String currency) {
        Invoice invoice = copy(valid(), currency, valid().subtotal(), valid().tax(), valid().total());

        assertEquals(List.of("currency_code"), fields(InvoiceValidator.validate(invoice)));
    }

    @Test
    void moneyWithMoreDecimalsThanTheCurrency_isRejected_butTrailingZerosAreFine() {
        Invoice base = valid();
        Invoice tooPrecise = copy(base, "USD", base.subtotal(), new BigDecimal("0.001"), base.total().add(new BigDecimal("0.001")));
        Invoice trailingZeros = copy(base, "USD", base.subtotal(), new BigDecimal("0.000"), base.total());

        assertEquals(List.of(new FieldError("tax", "must have at most 2 decimals in USD"),
                        new FieldError("total", "must have at most 2 decimals in USD")),
                InvoiceValidator.validate(tooPrecise));
        assertEquals(List.of(), InvoiceValidator.validate(trailingZeros));
    }

    @Test
    void aYenAmountWithDecimals_isRejected() {
        Invoice yen = InvoiceFixtures.full("JPY");
        Invoice bad = copy(yen, "JPY", yen.subtotal(), new BigDecimal("0.5"), yen.total());

        assertEquals(List.of(new FieldError("tax", "must have at most 0 decimals in JPY")),
                InvoiceValidator.validate(bad));
    }

    @Test
    void totalsThatDisagreeWithTheirRecomputation_areReportedWithTheExpectedValue() {
        Invoice base = valid();
        Invoice wrong = copy(base, "USD", base.subtotal(), base.tax(), base.total().add(BigDecimal.ONE));

        assertEquals(List.of(new FieldError("total",
                        "must equal subtotal + adjustments + tax (" + base.total().toPlainString() + ")")),
                InvoiceValidator.validate(wrong));
    }

    @Test
    void aSubLineItemSubtotalThatDisagrees_isReportedAtItsPath() {
        Invoice base = valid();
        SubLineItem item = base.subLineItems().getFirst();
        SubLineItem wrong = item.withAmounts(item.subtotal().add(new BigDecimal("0.01")), item.tiers());
        Invoice invoice = base.withAmounts(List.of(wrong), base.invoiceAdjustments(), base.subtotal(), base.tax(),
                base.total());

        assertEquals(List.of("sub_line_items[0].subtotal"), fields(InvoiceValidator.validate(invoice)));
    }

    @Test
    void aPlanNameIsMeasuredInCharacters_soEmojiCountOnceEach() {
        Invoice base = valid();
        String emoji = "\uD83D\uDE00";

        assertEquals(List.of(), InvoiceValidator.validate(withPlanName(base, emoji.repeat(InvoiceValidator.MAX_TEXT_LENGTH))));
        assertEquals(List.of(new FieldError("plan_name", "must be at most 1024 characters")),
                InvoiceValidator.validate(withPlanName(base, emoji.repeat(InvoiceValidator.MAX_TEXT_LENGTH + 1))));
    }

    private static Invoice withPlanName(Invoice base, String planName) {
        return new Invoice(base.id(), base.customerId(), base.statementNumber(), base.status(), base.paid(),
                base.currencyCode(), base.startTimestamp(), base.endTimestamp(), base.issuedAt(), base.planId(),
                planName, base.planCustomFields(), base.subLineItems(), base.invoiceAdjustments(),
                base.subtotal(), base.tax(), base.total(), base.voidReason(), base.voidedAt(),
                base.regeneratedFromInvoiceId(), base.replacedByInvoiceId(), base.createdAt(), base.updatedAt(),
                base.version());
    }

    @Test
    void aPeriodThatDoesNotEndAfterItStarts_isRejected() {
        Invoice base = valid();
        Invoice invoice = new Invoice(base.id(), base.customerId(), base.statementNumber(), base.status(), base.paid(),
                base.currencyCode(), base.startTimestamp(), base.startTimestamp(), base.issuedAt(), base.planId(),
                base.planName(), base.planCustomFields(), base.subLineItems(), base.invoiceAdjustments(),
                base.subtotal(), base.tax(), base.total(), null, null, null, null, base.createdAt(),
                base.updatedAt(), base.version());

        assertEquals(List.of(new FieldError("end_timestamp", "must be after start_timestamp")),
                InvoiceValidator.validate(invoice));
    }

    @Test
    void statusAndTimestamps_mustAgree() {
        Invoice finalizedWithoutIssue = InvoiceFixtures.simple("inv_2", "cus_1", InvoiceStatus.DRAFT, START);
        Invoice asFinalized = new Invoice(finalizedWithoutIssue.id(), finalizedWithoutIssue.customerId(), null,
                InvoiceStatus.FINALIZED, false, "USD", START, START.plusSeconds(3600), null, null, null, null,
                finalizedWithoutIssue.subLineItems(), List.of(), finalizedWithoutIssue.subtotal(),
                finalizedWithoutIssue.tax(), finalizedWithoutIssue.total(), "why", null, null, null,
                finalizedWithoutIssue.createdAt(), finalizedWithoutIssue.updatedAt(), 1);

        assertEquals(List.of(new FieldError("issued_at", "is required for a FINALIZED invoice"),
                        new FieldError("void_reason", "is set only on a VOID invoice")),
                InvoiceValidator.validate(asFinalized));
    }

    @Test
    void aHugeNumber_isRejectedBeforeItReachesTheStore() {
        Invoice base = valid();
        SubLineItem item = base.subLineItems().getFirst().withQuantityAndPrice(new BigDecimal("1E+200"),
                base.subLineItems().getFirst().price());
        Invoice invoice = base.withAmounts(List.of(item), base.invoiceAdjustments(), base.subtotal(), base.tax(),
                base.total());

        assertEquals(List.of(new FieldError("sub_line_items[0].quantity", "must have at most 38 significant digits")),
                InvoiceValidator.validate(invoice));
    }

    @Test
    void requireValid_throwsWithEveryError() {
        Invoice invoice = InvoiceFixtures.withId(valid(), "bad id", "bad id");

        ValidationException failure = assertThrows(ValidationException.class,
                () -> InvoiceValidator.requireValid(invoice));
        assertEquals(List.of("id", "customer_id"), fields(failure.errors()));
    }

    @Test
    void customFieldsAreBounded() {
        Invoice base = valid();
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("k" + i, "v");
        }
        Invoice invoice = new Invoice(base.id(), base.customerId(), base.statementNumber(), base.status(), base.paid(),
                base.currencyCode(), base.startTimestamp(), base.endTimestamp(), base.issuedAt(), base.planId(),
                base.planName(), many, base.subLineItems(), base.invoiceAdjustments(), base.subtotal(), base.tax(),
                base.total(), base.voidReason(), base.voidedAt(), base.regeneratedFromInvoiceId(),
                base.replacedByInvoiceId(), base.createdAt(), base.updatedAt(), base.version());

        assertEquals(List.of(new FieldError("plan_custom_fields", "must have at most 50 entries")),
                InvoiceValidator.validate(invoice));
    }

    private static Invoice valid() {
        return InvoiceFixtures.simple("inv_1", "cus_1", InvoiceStatus.FINALIZED, START);
    }

    private static Invoice copy(Invoice base, String currency, BigDecimal subtotal, BigDecimal tax, BigDecimal total) {
        return new Invoice(base.id(), base.customerId(), base.statementNumber(), base.status(), base.paid(), currency,
                base.startTimestamp(), base.endTimestamp(), base.issuedAt(), base.planId(), base.planName(),
                base.planCustomFields(), base.subLineItems(), base.invoiceAdjustments(), subtotal, tax, total,
                base.voidReason(), base.voidedAt(), base.regeneratedFromInvoiceId(), base.replacedByInvoiceId(),
                base.createdAt(), base.updatedAt(), base.version());
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }
}
