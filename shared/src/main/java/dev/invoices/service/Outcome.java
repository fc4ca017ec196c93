package dev.invoices.service;

import dev.invoices.model.Invoice;

import java.util.Optional;

/**
 * What a command did to an invoice; each kind is answered in one way, whatever transport asked. {@link #change()}
 * is what was written, for the audit line: empty when the command changed nothing.
 */
public sealed interface Outcome permits Outcome.Voided, Outcome.AlreadyVoid, Outcome.Regenerated, Outcome.Recomputed {
    Invoice invoice();

    Optional<StateChange> change();

    /** The invoice was voided now. */
    record Voided(Invoice invoice, StateChange voiding) implements Outcome {
        @Override
        public Optional<StateChange> change() {
            return Optional.of(voiding);
        }
    }

    /** The invoice was already void: returned unchanged. */
    record AlreadyVoid(Invoice invoice) implements Outcome {
        @Override
        public Optional<StateChange> change() {
            return Optional.empty();
        }
    }

    /** A voided invoice was replaced by {@code invoice}, a new one; {@code link} is the old invoice's change. */
    record Regenerated(Invoice invoice, StateChange link) implements Outcome {
        @Override
        public Optional<StateChange> change() {
            return Optional.of(link);
        }
    }

    /** A draft's amounts were recomputed in place ({@code change} present), or were current and left as stored. */
    record Recomputed(Invoice invoice, Optional<StateChange> change) implements Outcome {
    }
}
