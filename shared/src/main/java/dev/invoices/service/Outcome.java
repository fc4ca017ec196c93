package dev.invoices.service;

import dev.invoices.model.Invoice;

/** What a command did to an invoice; each kind is answered in one way, whatever transport asked. */
public sealed interface Outcome permits Outcome.Voided, Outcome.AlreadyVoid, Outcome.Regenerated, Outcome.Recomputed {
    Invoice invoice();

    /** The invoice was voided now. */
    record Voided(Invoice invoice) implements Outcome {
    }

    /** The invoice was already void: returned unchanged. */
    record AlreadyVoid(Invoice invoice) implements Outcome {
    }

    /** A voided invoice was replaced by {@code invoice}, a new one. */
    record Regenerated(Invoice invoice) implements Outcome {
    }

    /** A draft's amounts were recomputed in place, or were current and left as stored. */
    record Recomputed(Invoice invoice) implements Outcome {
    }
}
