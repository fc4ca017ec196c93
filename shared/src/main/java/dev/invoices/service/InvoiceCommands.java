package dev.invoices.service;

import dev.invoices.auth.Caller;
import dev.invoices.error.AlreadyRegeneratedException;
import dev.invoices.error.IdempotencyKeyReusedException;
import dev.invoices.error.InvalidStateException;
import dev.invoices.error.InvoiceNotFoundException;
import dev.invoices.error.StoreUnavailableException;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceCalculator;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceStore;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The state changes of an invoice (docs/api.md, "Void and regenerate"): void and regenerate. Every change is a write conditioned on
 * the version that was read, and a regeneration writes the replacement and the link on the old invoice in
 * one transaction, so concurrent requests apply a change once and nothing is ever half-written. A request
 * that loses a race reads again and decides again: a second void finds the invoice already void, a second
 * regeneration finds it already replaced.
 */
public final class InvoiceCommands {
    /** Re-reads after a lost race before giving up with a 503; each loss means another writer succeeded. */
    static final int MAX_ATTEMPTS = 5;
    public static final int MAX_REASON_LENGTH = 500;

    private final InvoiceStore store;
    private final InvoiceIds ids;
    private final Clock clock;

    public InvoiceCommands(InvoiceStore store, Clock clock) {
        this.store = store;
        this.ids = new InvoiceIds(clock);
        this.clock = clock;
    }

    /** What a command did; each kind is answered in one way. */
    public sealed interface Outcome permits Voided, AlreadyVoid, Regenerated, Recomputed {
        Invoice invoice();
    }

    /** The invoice was voided now. */
    public record Voided(Invoice invoice) implements Outcome {
    }

    /** The invoice was already void: returned unchanged. */
    public record AlreadyVoid(Invoice invoice) implements Outcome {
    }

    /** A voided invoice was replaced by {@code invoice}, a new one. */
    public record Regenerated(Invoice invoice) implements Outcome {
    }

    /** A draft's amounts were recomputed in place. */
    public record Recomputed(Invoice invoice) implements Outcome {
    }

    /**
     * Records the answer to an outcome in the same transaction as the change it reports (idempotency keys); a
     * request without a key records nothing.
     */
    @FunctionalInterface
    public interface AnswerRecorder {
        AnswerRecorder NONE = outcome -> Optional.empty();

        Optional<TransactWriteItem> recordFor(Outcome outcome);
    }

    /**
     * @param answerRecorded whether the answer was written with the change; false when nothing changed
     */
    public record Result(Outcome outcome, boolean answerRecorded) {
    }

    /** Voids a {@code DRAFT} or {@code FINALIZED}, unpaid invoice; a void one is returned as it is. */
    public Result voidInvoice(Caller caller, String invoiceId, String reason, AnswerRecorder recorder) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Invoice current = read(caller, invoiceId);
            if (current.status() == InvoiceStatus.VOID) {
                return new Result(new AlreadyVoid(current), false);
            }
            if (current.paid()) {
                throw new InvalidStateException("A paid invoice cannot be voided.");
            }
            Outcome outcome = new Voided(current.voided(now(), reason));
            Optional<TransactWriteItem> answer = recorder.recordFor(outcome);
            if (write(List.of(new InvoiceStore.Replace(outcome.invoice(), current.version())), answer)) {
                return new Result(outcome, answer.isPresent());
            }
            backOff(attempt);
        }
        throw contended(invoiceId);
    }

    /**
     * Regenerates an invoice: a voided one gets a replacement (once), a draft is recomputed in place, a
     * finalized one must be voided first.
     */
    public Result regenerate(Caller caller, String invoiceId, AnswerRecorder recorder) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Invoice current = read(caller, invoiceId);
            Invoice draftAmounts = current.status() == InvoiceStatus.DRAFT ? InvoiceCalculator.recompute(current) : null;
            if (current.equals(draftAmounts)) {
                // Nothing to change: answered as stored, with no write and no new version, as the schedule
                // does. It is also how concurrent regenerations of one draft converge.
                return new Result(new Recomputed(current), false);
            }
            Instant now = now();
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
                    writes.add(new InvoiceStore.Replace(current.replacedBy(replacement.id(), now), current.version()));
                    yield new Regenerated(replacement);
                }
                case DRAFT -> {
                    Invoice recomputed = current.withAmountsOf(draftAmounts, now);
                    writes.add(new InvoiceStore.Replace(recomputed, current.version()));
                    yield new Recomputed(recomputed);
                }
            };
            Optional<TransactWriteItem> answer = recorder.recordFor(outcome);
            if (write(writes, answer)) {
                return new Result(outcome, answer.isPresent());
            }
            backOff(attempt);
        }
        throw contended(invoiceId);
    }

    /**
     * Waits a little before reading again after a lost race, with full jitter, so that writers racing on one
     * invoice spread out instead of colliding again: at most 5, 10, 20, 40 ms, well inside the call budget.
     */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5L << attempt) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(e);
        }
    }

    /** A 503 after {@value #MAX_ATTEMPTS} lost races; the cause says so in the log. */
    private static StoreUnavailableException contended(String invoiceId) {
        return new StoreUnavailableException(new IllegalStateException(
                "invoice " + invoiceId + " changed under " + MAX_ATTEMPTS + " attempts in a row"));
    }

    private Invoice read(Caller caller, String invoiceId) {
        return store.get(invoiceId)
                .filter(invoice -> caller.mayAccess(invoice.customerId()))
                .orElseThrow(InvoiceNotFoundException::new);
    }

    private Instant now() {
        return clock.instant();
    }

    /** Writes the invoices and the recorded answer together; false when another writer changed an invoice. */
    private boolean write(List<InvoiceStore.InvoiceWrite> invoices, Optional<TransactWriteItem> answer) {
        return switch (store.write(invoices, answer)) {
            case WRITTEN -> true;
            case INVOICE_CHANGED -> false;
            case EXTRA_REJECTED -> throw new IdempotencyKeyReusedException(
                    "A request with this Idempotency-Key is still in progress. Retry shortly.");
        };
    }
}
