package dev.invoices.listing;

import dev.invoices.store.CustomerQuery;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One list request, whatever API dialect it arrived in.
 *
 * @param cursor  the opaque cursor of the previous page; empty for the first page
 * @param dialect the route's dialect, which the cursor is bound to
 */
public record ListQuery(CustomerQuery filter, int limit, Optional<String> cursor, Dialect dialect) {
    public static final int MAX_LIMIT = 200;

    public ListQuery {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(dialect, "dialect");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit out of range");
        }
    }

    /**
     * What a cursor is bound to: the dialect, the customer, the filters and the order, but not the page size,
     * so a client may change {@code limit} between pages. Ids and instants cannot contain {@code |}, so this
     * is unambiguous. Public so that a tool can seal a position exactly as the service does: the benchmark
     * rig builds the cursor of a page thousands of invoices deep without walking to it.
     */
    public String cursorBinding() {
        return String.join("|", dialect.bindingLabel(), filter.customerId(),
                filter.filtersStatus()
                        ? filter.statuses().stream().map(Enum::name).sorted().collect(Collectors.joining(","))
                        : "*",
                String.valueOf(filter.startingOn()),
                String.valueOf(filter.endingBefore()),
                filter.descending() ? "desc" : "asc");
    }
}
