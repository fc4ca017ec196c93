package dev.invoices.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of the per-currency money rules: minor units, half-even rounding, scales, canonical units. */
class MoneyTest {

    @ParameterizedTest
    @CsvSource({"USD,2", "EUR,2", "JPY,0", "KWD,3", "BHD,3", "CLF,4"})
    void minorUnitDigits_followIso4217(String currency, int digits) {
        assertEquals(Optional.of(digits), Money.minorUnitDigits(currency));
        assertTrue(Money.isSupportedCurrency(currency));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "ABC", "QQQ", "usd", "Usd", "US", "USDX", " USD", "XXX", "XAU", "XTS"})
    void minorUnitDigits_areEmptyForUnknownLowerCaseTestingAndMetalCodes(String currency) {
        assertEquals(Optional.empty(), Money.minorUnitDigits(currency));
        assertFalse(Money.isSupportedCurrency(currency));
    }

    @ParameterizedTest
    @CsvSource({
            "2.345, USD, 2.34",
            "2.355, USD, 2.36",
            "2.3450001, USD, 2.35",
            "-2.345, USD, -2.34",
            "-2.355, USD, -2.36",
            "10.5, USD, 10.50",
            "7, USD, 7.00",
            "0.5, JPY, 0",
            "1.5, JPY, 2",
            "2.5, JPY, 2",
            "617.2835, JPY, 617",
            "1.2345, KWD, 1.234",
            "1.2355, KWD, 1.236",
            "617.2835, KWD, 617.284",
            "0.00005, CLF, 0.0000",
            "0.00015, CLF, 0.0002"})
    void round_isHalfEvenToTheCurrencyScale(String value, String currency, String expected) {
        BigDecimal rounded = Money.round(new BigDecimal(value), currency);

        assertEquals(new BigDecimal(expected), rounded);
        assertEquals(Money.minorUnitDigits(currency).orElseThrow(), rounded.scale());
    }

    @Test
    void round_rejectsAnUnsupportedCurrency() {
        assertThrows(IllegalArgumentException.class, () -> Money.round(BigDecimal.ONE, "XXX"));
    }

    @ParameterizedTest
    @CsvSource({
            "10.500, USD, true",
            "10.50, USD, true",
            "10.5, USD, true",
            "10, USD, true",
            "1E+3, USD, true",
            "10.505, USD, false",
            "0.001, USD, false",
            "-10.505, USD, false",
            "1.0, JPY, true",
            "1.5, JPY, false",
            "1.234, KWD, true",
            "1.2345, KWD, false"})
    void fitsCurrency_saysWhetherTheAmountNeedsRounding(String amount, String currency, boolean fits) {
        assertEquals(fits, Money.fitsCurrency(new BigDecimal(amount), currency));
    }

    @ParameterizedTest
    @CsvSource({
            "10.5, USD, 10.50",
            "10.500, USD, 10.50",
            "0, USD, 0.00",
            "1E+2, USD, 100.00",
            "-25, USD, -25.00",
            "12.000, JPY, 12",
            "1.2, KWD, 1.200"})
    void toCurrencyScale_setsTheCurrencyScale(String amount, String currency, String expected) {
        BigDecimal scaled = Money.toCurrencyScale(new BigDecimal(amount), currency);

        assertEquals(expected, scaled.toPlainString());
        assertEquals(new BigDecimal(expected), scaled);
    }

    @ParameterizedTest
    @CsvSource({"10.505, USD", "2.345, USD", "0.5, JPY", "1.2345, KWD"})
    void toCurrencyScale_neverRounds(String amount, String currency) {
        assertThrows(ArithmeticException.class, () -> Money.toCurrencyScale(new BigDecimal(amount), currency));
    }

    @ParameterizedTest
    @CsvSource({
            "100, 100, 0",
            "1E+2, 100, 0",
            "100.00, 100, 0",
            "1.50, 1.5, 1",
            "0.00050, 0.0005, 4",
            "0.0005, 0.0005, 4",
            "0.000, 0, 0",
            "0, 0, 0",
            "-2.500, -2.5, 1",
            "100000000000000000000, 100000000000000000000, 0"})
    void canonicalUnit_dropsTrailingZerosAndNeverUsesAPositiveExponent(String value, String text, int scale) {
        BigDecimal canonical = Money.canonicalUnit(new BigDecimal(value));

        assertEquals(text, canonical.toString());
        assertEquals(scale, canonical.scale());
    }

    @Test
    void canonicalUnit_isStableUnderDynamoDbNormalization() {
        BigDecimal canonical = Money.canonicalUnit(new BigDecimal("0.00050"));
        BigDecimal stored = new BigDecimal(canonical.stripTrailingZeros().toPlainString());

        assertEquals(canonical, Money.canonicalUnit(stored));
    }

    @ParameterizedTest
    @CsvSource({"1.50, 1", "100, 0", "1E+2, 0", "0.0005, 4", "0.000, 0", "10.500, 1"})
    void decimals_countsOnlyTheDecimalsTheValueNeeds(String value, int decimals) {
        assertEquals(decimals, Money.decimals(new BigDecimal(value)));
    }

    @Test
    void fitsStore_allows38SignificantDigitsButNot39() {
        String digits38 = "12345678901234567890123456789012345678";
        String digits39 = digits38 + "9";

        assertTrue(Money.fitsStore(new BigDecimal(digits38)));
        assertTrue(Money.fitsStore(new BigDecimal("1234567890123456789012345678901234567.8")));
        assertFalse(Money.fitsStore(new BigDecimal(digits39)));
        assertFalse(Money.fitsStore(new BigDecimal("1234567890123456789012345678901234567.89")));
    }

    @Test
    void fitsStore_ignoresTrailingZeros() {
        assertTrue(Money.fitsStore(new BigDecimal("12345678901234567890123456789012345678.000")));
        assertTrue(Money.fitsStore(new BigDecimal("1" + "0".repeat(37))));
    }

    @Test
    void fitsStore_refusesMoreThan38IntegerDigits() {
        assertFalse(Money.fitsStore(new BigDecimal("1" + "0".repeat(38))));
        assertFalse(Money.fitsStore(new BigDecimal("1E+200")));
        assertFalse(Money.fitsStore(new BigDecimal("-1E+400")));
    }

    @ParameterizedTest
    @CsvSource({
            "90071992547409.91, USD, true", "-90071992547409.91, USD, true", "90071992547409.92, USD, false",
            "-90071992547409.92, USD, false", "9007199254740991, JPY, true", "9007199254740992, JPY, false",
            "9007199254740.991, KWD, true", "-9007199254740.992, KWD, false", "100000000000000000000.00, USD, false"})
    void everyDialectPresentsAnAmount_upTo2To53Minus1MinorUnitsEitherWay(BigDecimal amount, String currency,
                                                                         boolean fits) {
        assertEquals(fits, Money.fitsEveryDialect(amount, currency));
    }

    @ParameterizedTest
    @CsvSource({"USD, 90071992547409.91", "JPY, 9007199254740991", "KWD, 9007199254740.991"})
    void theLargestAmount_isTheBoundInTheCurrencysDecimals(String currency, BigDecimal largest) {
        assertEquals(largest, Money.maxAmount(currency));
    }

    @ParameterizedTest
    @CsvSource({"12.34, USD, 1234", "1500, JPY, 1500", "1.234, KWD, 1234", "-0.50, USD, -50",
            "100000000000000000000.00, USD, 10000000000000000000000"})
    void minorUnits_areExactHoweverLarge(BigDecimal amount, String currency, BigInteger minorUnits) {
        assertEquals(minorUnits, Money.toMinorUnits(amount, currency));
    }
}
