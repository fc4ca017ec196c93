package dev.invoices.store;

import dev.invoices.model.Invoice;

import java.util.List;
import java.util.Optional;

/**
 * One page of a customer's invoices, and the sort key of its last invoice when more invoices match after it.
 * {@code lastPeriodKey} is empty exactly when nothing more matches.
 */
public record StorePage(List<Invoice> invoices, Optional<String> lastPeriodKey) {
    public StorePage {
        invoices = List.copyOf(invoices);
    }
}
