package dev.invoices.service;

import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;

import java.util.Optional;

/**
 * One invoice written by a command or the schedule: what was done to it, and its status and version before and
 * after the write, for the audit line. Only outcomes that wrote something carry one.
 *
 * @param action        {@link #VOID}, {@link #REGENERATE} (a voided invoice replaced) or {@link #RECOMPUTE} (a
 *                      draft's amounts rewritten in place)
 * @param replacementId the new invoice a regeneration created; empty for the other actions
 */
public record StateChange(String action, String invoiceId, String customerId, InvoiceStatus statusBefore,
                          long versionBefore, InvoiceStatus statusAfter, long versionAfter,
                          Optional<String> replacementId) {
    public static final String VOID = "void";
    public static final String REGENERATE = "regenerate";
    public static final String RECOMPUTE = "recompute";

    /** The change from {@code before} to {@code after}, two versions of one invoice. */
    public static StateChange of(String action, Invoice before, Invoice after) {
        return new StateChange(action, before.id(), before.customerId(), before.status(), before.version(),
                after.status(), after.version(), Optional.empty());
    }

    /** This change, naming the invoice it created. */
    public StateChange withReplacement(String id) {
        return new StateChange(action, invoiceId, customerId, statusBefore, versionBefore, statusAfter, versionAfter,
                Optional.of(id));
    }
}
