package dev.invoices.service;

import dev.invoices.auth.Caller;
import dev.invoices.error.IdempotencyKeyReusedException;
import dev.invoices.error.InvoiceNotFoundException;
import dev.invoices.error.StoreUnavailableException;
import dev.invoices.model.Invoice;
import dev.invoices.store.CoWrite;
import dev.invoices.store.InvoiceStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How void and regenerate change an invoice: read it as the caller may see it, decide, and write conditioned on
 * the version that was read, with the answer in the same transaction. A command that loses a race backs off
 * and reads again, so that it decides again on what the winner wrote.
 */
public final class InvoiceChanges {
    /** Re-reads after a lost race before giving up with a 503; each loss means another writer succeeded. */
    public static final int MAX_ATTEMPTS = 5;

    private final InvoiceStore store;
    private final Clock clock;

    public InvoiceChanges(InvoiceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The invoice, if it exists and the caller may access it; otherwise the same 404 either way. */
    public Invoice read(Caller caller, String invoiceId) {
        return store.get(invoiceId)
                .filter(invoice -> caller.mayAccess(invoice.customerId()))
                .orElseThrow(InvoiceNotFoundException::new);
    }

    public Instant now() {
        return clock.instant();
    }

    /** Writes the invoices and the recorded answer together; false when another writer changed an invoice. */
    public boolean write(List<InvoiceStore.InvoiceWrite> invoices, Optional<CoWrite> answer) {
        return switch (store.write(invoices, answer)) {
            case WRITTEN -> true;
            case INVOICE_CHANGED -> false;
            case EXTRA_REJECTED -> throw new IdempotencyKeyReusedException(
                    "A request with this Idempotency-Key is still in progress. Retry shortly.");
        };
    }

    /**
     * Waits a little before reading again after a lost race, with full jitter, so that writers racing on one
     * invoice spread out instead of colliding again: at most 5, 10, 20, 40 ms, well inside the call budget.
     */
    public static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5L << attempt) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(e);
        }
    }

    /** A 503 after {@value #MAX_ATTEMPTS} lost races; the cause says so in the log. */
    public static StoreUnavailableException contended(String invoiceId) {
        return new StoreUnavailableException(new IllegalStateException(
                "invoice " + invoiceId + " changed under " + MAX_ATTEMPTS + " attempts in a row"));
    }
}
