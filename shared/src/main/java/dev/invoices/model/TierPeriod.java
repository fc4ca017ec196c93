package dev.invoices.model;

import java.time.Instant;
import java.util.Objects;

/** When the current tier started and, if known, when it ends. */
public record TierPeriod(Instant startingAt, Instant endingBefore) {
    public TierPeriod {
        Objects.requireNonNull(startingAt, "startingAt");
    }
}
