package dev.invoices.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Money rules per ISO 4217 currency: how many decimals an amount carries, how it is rounded, and the
 * canonical form of unit prices and quantities.
 *
 * <p>Money amounts ({@code subtotal}, {@code total}, {@code tax}) are always held and written with exactly
 * the currency's number of minor-unit digits (USD 2, JPY 0, KWD 3). Unit prices and quantities may carry
 * more decimals and are held in a canonical form without trailing zeros, because DynamoDB's {@code N} type
 * drops trailing zeros and a round trip through the store must not change a value.
 */
public final class Money {
    /** DynamoDB numbers carry at most 38 significant digits. */
    public static final int MAX_PRECISION = 38;
    /** Generous bound on unit-price decimals (a price of 0.000000001 per event is still expressible). */
    public static final int MAX_UNIT_SCALE = 18;
    /** 2^53 − 1: the bound of {@link #fitsEveryDialect}, in minor units. */
    public static final long MAX_MINOR_UNITS = 9_007_199_254_740_991L;
    private static final BigDecimal MAX_MINOR_UNITS_DECIMAL = BigDecimal.valueOf(MAX_MINOR_UNITS);

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    private Money() {
    }

    /**
     * The number of decimals the currency's amounts carry; empty for codes that are not ISO 4217 currencies,
     * or that have no minor unit (precious metals, testing codes such as {@code XXX}).
     */
    public static Optional<Integer> minorUnitDigits(String currencyCode) {
        if (currencyCode == null || !CURRENCY_CODE.matcher(currencyCode).matches()) {
            return Optional.empty();
        }
        try {
            int digits = Currency.getInstance(currencyCode).getDefaultFractionDigits();
            return digits < 0 ? Optional.empty() : Optional.of(digits);
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    public static boolean isSupportedCurrency(String currencyCode) {
        return minorUnitDigits(currencyCode).isPresent();
    }

    private static int digits(String currencyCode) {
        return minorUnitDigits(currencyCode)
                .orElseThrow(() -> new IllegalArgumentException("unsupported currency"));
    }

    /** Rounds any exact value to the currency's minor unit, half-even (banker's rounding). */
    public static BigDecimal round(BigDecimal value, String currencyCode) {
        return value.setScale(digits(currencyCode), RoundingMode.HALF_EVEN);
    }

    /**
     * Whether {@code amount} is expressible in the currency without rounding: {@code 10.50} and
     * {@code 10.500} are for USD, {@code 10.505} is not.
     */
    public static boolean fitsCurrency(BigDecimal amount, String currencyCode) {
        return decimals(amount) <= digits(currencyCode);
    }

    /**
     * The amount at the currency's scale, for an amount that already {@linkplain #fitsCurrency fits}; this
     * never rounds.
     */
    public static BigDecimal toCurrencyScale(BigDecimal amount, String currencyCode) {
        return amount.setScale(digits(currencyCode), RoundingMode.UNNECESSARY);
    }

    /**
     * The amount as a whole number of the currency's minor units ({@code 12.34} USD → 1234, {@code 1500} JPY →
     * 1500, {@code 1.234} KWD → 1234), exactly, however large.
     *
     * @throws ArithmeticException if the amount has more decimals than the currency
     */
    public static BigInteger toMinorUnits(BigDecimal amount, String currencyCode) {
        return amount.movePointRight(digits(currencyCode)).toBigIntegerExact();
    }

    /**
     * Whether every dialect presents the amount exactly: at most {@value #MAX_MINOR_UNITS} minor units either
     * way. Northflank's dialect presents amounts as integers of minor units, and a client that reads JSON numbers
     * as IEEE doubles (JavaScript, and so the official npm clients) reads integers exactly only up to 2^53 − 1.
     */
    public static boolean fitsEveryDialect(BigDecimal amount, String currencyCode) {
        return amount.movePointRight(digits(currencyCode)).abs().compareTo(MAX_MINOR_UNITS_DECIMAL) <= 0;
    }

    /** The largest amount {@link #fitsEveryDialect} takes in the currency: 90071992547409.91 USD, say. */
    public static BigDecimal maxAmount(String currencyCode) {
        return MAX_MINOR_UNITS_DECIMAL.movePointLeft(digits(currencyCode));
    }

    /** Canonical form of a unit price or quantity: no trailing zeros, never an exponent above zero. */
    public static BigDecimal canonicalUnit(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped;
    }

    /** The number of decimals the value really needs: {@code 1.50 → 1}, {@code 100 → 0}. */
    public static int decimals(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    /**
     * Whether DynamoDB can store the value exactly: at most 38 significant digits, and at most 38 digits before
     * the decimal point (well inside DynamoDB's range of about 1E-130 to 1E+126), so {@code 1E+200} is refused.
     */
    public static boolean fitsStore(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.precision() <= MAX_PRECISION && stripped.precision() - stripped.scale() <= MAX_PRECISION;
    }
}
