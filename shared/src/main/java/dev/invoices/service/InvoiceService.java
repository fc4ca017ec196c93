package dev.invoices.service;

import dev.invoices.auth.Caller;
import dev.invoices.error.InvoiceNotFoundException;
import dev.invoices.model.Invoice;
import dev.invoices.store.InvoiceStore;

/** Reads single invoices on behalf of a customer. */
public final class InvoiceService {
    private final InvoiceStore store;

    public InvoiceService(InvoiceStore store) {
        this.store = store;
    }

    /**
     * The customer's invoice with this id. An invoice of another customer, or of a customer the caller may not
     * see, is reported exactly as a missing one, so that ids cannot be probed across customers.
     */
    public Invoice get(Caller caller, String customerId, String invoiceId) {
        if (!caller.mayAccess(customerId)) {
            throw new InvoiceNotFoundException();
        }
        return store.get(invoiceId)
                .filter(invoice -> invoice.customerId().equals(customerId))
                .orElseThrow(InvoiceNotFoundException::new);
    }
}
