package dev.invoices.service;

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
     * The customer's invoice with this id. An invoice of another customer is reported exactly as a missing
     * one, so that ids cannot be probed across customers.
     */
    public Invoice get(String customerId, String invoiceId) {
        return store.get(invoiceId)
                .filter(invoice -> invoice.customerId().equals(customerId))
                .orElseThrow(InvoiceNotFoundException::new);
    }
}
