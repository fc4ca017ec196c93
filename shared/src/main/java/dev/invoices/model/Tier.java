package dev.invoices.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One tier of a tiered charge.
 *
 * @param startingAt the metric amount at which this tier begins
 * @param quantity   the quantity billed in this tier
 * @param price      the unit price in this tier (may carry more decimals than the currency)
 * @param subtotal   {@code quantity × price}, rounded to the currency
 */
public record Tier(BigDecimal startingAt, BigDecimal quantity, BigDecimal price, BigDecimal subtotal) {
    public Tier {
        Objects.requireNonNull(startingAt, "startingAt");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(subtotal, "subtotal");
    }

    public Tier withSubtotal(BigDecimal newSubtotal) {
        return new Tier(startingAt, quantity, price, newSubtotal);
    }
}
