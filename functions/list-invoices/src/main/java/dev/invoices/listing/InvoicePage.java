package dev.invoices.listing;

import dev.invoices.model.Invoice;

import java.util.List;
import java.util.Optional;

/** A page of invoices and the cursor of the next page, empty exactly when nothing more matches. */
public record InvoicePage(List<Invoice> invoices, Optional<String> nextCursor) {
    public InvoicePage {
        invoices = List.copyOf(invoices);
    }
}
