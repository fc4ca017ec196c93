package dev.invoices.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One charge on an invoice: the union of Metronome's sub line item and Fastly's transaction line item.
 *
 * <p>A sub line item is <em>priced</em> when it has a {@code price}, <em>tiered</em> when it has tiers, and
 * otherwise carries its subtotal as supplied. Optional fields are null when absent; {@code tiers} is empty
 * rather than null.
 */
public record SubLineItem(
        String name,
        String description,
        String productGroup,
        String productLine,
        String productName,
        String region,
        String usageType,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal subtotal,
        String chargeId,
        String creditGrantId,
        String creditCouponCode,
        TierPeriod tierPeriod,
        List<Tier> tiers,
        Map<String, String> customFields,
        Instant startDate,
        Instant endDate) {

    public SubLineItem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(subtotal, "subtotal");
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }

    public boolean isTiered() {
        return !tiers.isEmpty();
    }

    public boolean isPriced() {
        return price != null && tiers.isEmpty();
    }

    public SubLineItem withAmounts(BigDecimal newSubtotal, List<Tier> newTiers) {
        return new SubLineItem(name, description, productGroup, productLine, productName, region, usageType,
                quantity, price, newSubtotal, chargeId, creditGrantId, creditCouponCode, tierPeriod, newTiers,
                customFields, startDate, endDate);
    }

    public SubLineItem withQuantityAndPrice(BigDecimal newQuantity, BigDecimal newPrice) {
        return new SubLineItem(name, description, productGroup, productLine, productName, region, usageType,
                newQuantity, newPrice, subtotal, chargeId, creditGrantId, creditCouponCode, tierPeriod, tiers,
                customFields, startDate, endDate);
    }
}
