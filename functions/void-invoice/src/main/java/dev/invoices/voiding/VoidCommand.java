package dev.invoices.voiding;

import dev.invoices.auth.Caller;
import dev.invoices.error.InvalidStateException;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.service.AnswerRecorder;
import dev.invoices.service.CommandResult;
import dev.invoices.service.InvoiceChanges;
import dev.invoices.service.Outcome;
import dev.invoices.service.StateChange;
import dev.invoices.store.CoWrite;
import dev.invoices.store.InvoiceStore;

import java.util.List;
import java.util.Optional;

/**
 * Voids an invoice (docs/api.md, "Void and regenerate"): a {@code DRAFT} or {@code FINALIZED}, unpaid invoice
 * becomes {@code VOID} with its reason and time, in one write conditioned on the version that was read, so that
 * concurrent voids change it once. A void invoice is returned as it is.
 */
public final class VoidCommand {
    public static final int MAX_REASON_LENGTH = 500;

    private final InvoiceChanges changes;

    public VoidCommand(InvoiceChanges changes) {
        this.changes = changes;
    }

    public CommandResult voidInvoice(Caller caller, String invoiceId, String reason, AnswerRecorder recorder) {
        for (int attempt = 0; attempt < InvoiceChanges.MAX_ATTEMPTS; attempt++) {
            Invoice current = changes.read(caller, invoiceId);
            if (current.status() == InvoiceStatus.VOID) {
                return new CommandResult(new Outcome.AlreadyVoid(current), false);
            }
            if (current.paid()) {
                throw new InvalidStateException("A paid invoice cannot be voided.");
            }
            Invoice voided = current.voided(changes.now(), reason);
            Outcome outcome = new Outcome.Voided(voided, StateChange.of(StateChange.VOID, current, voided));
            Optional<CoWrite> answer = recorder.recordFor(outcome);
            if (changes.write(List.of(new InvoiceStore.Replace(outcome.invoice(), current.version())), answer)) {
                return new CommandResult(outcome, answer.isPresent());
            }
            InvoiceChanges.backOff(attempt);
        }
        throw InvoiceChanges.contended(invoiceId);
    }
}
