package dev.invoices.service;

/**
 * A command's outcome, and whether its answer was written with the change (false when nothing changed, so that
 * the caller records the answer on its own).
 */
public record CommandResult(Outcome outcome, boolean answerRecorded) {
}
