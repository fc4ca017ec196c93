package dev.invoices.store;

import dev.invoices.model.InvoiceStatus;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which of a customer's invoices a list page draws from, in which order.
 *
 * @param statuses     the statuses to include; empty means every status
 * @param startingOn   inclusive lower bound on the period start, or null
 * @param endingBefore exclusive upper bound on the period start, or null; after {@code startingOn}
 * @param descending   newest period start first
 */
public record CustomerQuery(String customerId, Set<InvoiceStatus> statuses, Instant startingOn,
                            Instant endingBefore, boolean descending) {
    public CustomerQuery {
        Objects.requireNonNull(customerId, "customerId");
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        if (startingOn != null && endingBefore != null && !startingOn.isBefore(endingBefore)) {
            throw new IllegalArgumentException("startingOn must be before endingBefore");
        }
    }

    /** Whether the statuses restrict anything: every status named is the same as none. */
    public boolean filtersStatus() {
        return !statuses.isEmpty() && statuses.size() < InvoiceStatus.values().length;
    }
}
