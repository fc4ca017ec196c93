package dev.invoices.regeneration;

import dev.invoices.auth.Caller;
import dev.invoices.error.AlreadyRegeneratedException;
import dev.invoices.error.InvalidStateException;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceCalculator;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.service.AnswerRecorder;
import dev.invoices.service.CommandResult;
import dev.invoices.service.InvoiceChanges;
import dev.invoices.service.Outcome;
import dev.invoices.service.StateChange;
import dev.invoices.store.CoWrite;
import dev.invoices.store.InvoiceStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Regenerates an invoice (docs/api.md, "Void and regenerate"): a voided one gets a replacement, once, written
 * with the link on the old invoice in one transaction; a draft is recomputed in place; a finalized one must be
 * voided first. A command that loses a race reads again and decides again, so a second regeneration finds the
 * invoice already replaced.
 */
public final class RegenerateCommand {
    private final InvoiceChanges changes;
    private final InvoiceIds ids;

    public RegenerateCommand(InvoiceChanges changes, Clock clock) {
        this.changes = changes;
        this.ids = new InvoiceIds(clock);
    }

    public CommandResult regenerate(Caller caller, String invoiceId, AnswerRecorder recorder) {
        for (int attempt = 0; attempt < InvoiceChanges.MAX_ATTEMPTS; attempt++) {
            Invoice current = changes.read(caller, invoiceId);
            Invoice draftAmounts = current.status() == InvoiceStatus.DRAFT ? InvoiceCalculator.recompute(current) : null;
            if (current.equals(draftAmounts)) {
                // Nothing to change: answered as stored, with no write and no new version, as the schedule
                // does. It is also how concurrent regenerations of one draft converge.
                return new CommandResult(new Outcome.Recomputed(current, Optional.empty()), false);
            }
            Instant now = changes.now();
            List<InvoiceStore.InvoiceWrite> writes = new ArrayList<>();
            Outcome outcome = switch (current.status()) {
                case FINALIZED -> throw new InvalidStateException(
                        "A finalized invoice cannot be regenerated; void it first.");
                case VOID -> {
                    if (current.replacedByInvoiceId() != null) {
                        throw new AlreadyRegeneratedException(current.replacedByInvoiceId());
                    }
                    Invoice replacement = InvoiceCalculator.recompute(
                            current.replacement(ids.newInvoiceId(), ids.newStatementNumber(), now));
                    // The replacement is a new invoice: the store counts it for the customer in the same transaction.
                    writes.add(new InvoiceStore.Create(replacement));
                    Invoice linked = current.replacedBy(replacement.id(), now);
                    writes.add(new InvoiceStore.Replace(linked, current.version()));
                    yield new Outcome.Regenerated(replacement,
                            StateChange.of(StateChange.REGENERATE, current, linked).withReplacement(replacement.id()));
                }
                case DRAFT -> {
                    Invoice recomputed = current.withAmountsOf(draftAmounts, now);
                    writes.add(new InvoiceStore.Replace(recomputed, current.version()));
                    yield new Outcome.Recomputed(recomputed,
                            Optional.of(StateChange.of(StateChange.RECOMPUTE, current, recomputed)));
                }
            };
            Optional<CoWrite> answer = recorder.recordFor(outcome);
            if (changes.write(writes, answer)) {
                return new CommandResult(outcome, answer.isPresent());
            }
            InvoiceChanges.backOff(attempt);
        }
        throw InvoiceChanges.contended(invoiceId);
    }
}
