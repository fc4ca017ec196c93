package dev.invoices.service;

import dev.invoices.store.CoWrite;

import java.util.Optional;

/**
 * Records the answer to an outcome in the same transaction as the change it reports (idempotency keys); a
 * command without a key records nothing.
 */
@FunctionalInterface
public interface AnswerRecorder {
    AnswerRecorder NONE = outcome -> Optional.empty();

    Optional<CoWrite> recordFor(Outcome outcome);
}
