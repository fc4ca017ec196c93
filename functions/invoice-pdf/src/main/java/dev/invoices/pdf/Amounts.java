package dev.invoices.pdf;

import dev.invoices.model.Money;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Amounts as a person reads them on an invoice: the currency's symbol where it names one currency unambiguously
 * ({@code $1,234.50}, {@code ¥1,500}, {@code €12.00}), its ISO code otherwise ({@code KWD 0.500}); digits grouped
 * by thousands with commas and a point for decimals, the same for every reader. Exact: {@link BigDecimal}
 * throughout, never a double.
 */
final class Amounts {
    /** Symbols read as one currency wherever the invoice goes; {@code $} alone means USD here, as at Metronome. */
    private static final Map<String, String> SYMBOLS = Map.of(
            "USD", "$",
            "EUR", "€",
            "GBP", "£",
            "JPY", "¥",
            "INR", "₹",
            "KRW", "₩",
            "TRY", "₺");

    private Amounts() {
    }

    /** A money amount at the currency's scale: {@code $1,234.50}, {@code -$50.00}, {@code KWD 0.500}. */
    static String money(BigDecimal amount, String currencyCode) {
        return withCurrency(Money.round(amount, currencyCode), currencyCode);
    }

    /**
     * A unit price: never fewer decimals than the currency, and every decimal it was given ({@code $0.0005},
     * {@code $12.00}, {@code ¥1,250}, {@code KWD 12.3455}).
     */
    static String unitPrice(BigDecimal price, String currencyCode) {
        int digits = Money.minorUnitDigits(currencyCode).orElse(0);
        BigDecimal canonical = Money.canonicalUnit(price);
        return withCurrency(canonical.scale() < digits ? canonical.setScale(digits) : canonical, currencyCode);
    }

    /** A quantity, grouped, with the decimals it has: {@code 1,500,000}, {@code 1,234.5}. */
    static String quantity(BigDecimal quantity) {
        return grouped(Money.canonicalUnit(quantity));
    }

    private static String withCurrency(BigDecimal amount, String currencyCode) {
        String sign = amount.signum() < 0 ? "-" : "";
        String digits = grouped(amount.abs());
        String symbol = SYMBOLS.get(currencyCode);
        return symbol == null ? sign + currencyCode + " " + digits : sign + symbol + digits;
    }

    /** Thousands separated by commas; the value's own scale kept. */
    static String grouped(BigDecimal value) {
        String plain = value.abs().toPlainString();
        int point = plain.indexOf('.');
        String whole = point < 0 ? plain : plain.substring(0, point);
        String fraction = point < 0 ? "" : plain.substring(point);
        StringBuilder out = new StringBuilder(plain.length() + whole.length() / 3);
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(whole.charAt(i));
        }
        return (value.signum() < 0 ? "-" : "") + out + fraction;
    }
}
