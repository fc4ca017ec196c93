package dev.invoices.local;

import java.io.PrintStream;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One phase's progress on stderr, at most once per {@link #INTERVAL_NANOS}: how far, how fast, and about how
 * long is left; then, if it printed any or counted at least {@link #SUMMARY_FROM}, its total and average rate.
 * A small file's import prints nothing of it. Safe to call from several threads.
 */
final class Progress {
    static final long INTERVAL_NANOS = 2_000_000_000L;
    static final long SUMMARY_FROM = 1_000;

    private final PrintStream err;
    private final LongSupplier nanoTime;
    private final String unit;
    private final long started;
    private long lastPrinted;
    private boolean printed;

    /** @param unit what is counted, for the rate: {@code lines}, {@code invoices} */
    Progress(PrintStream err, LongSupplier nanoTime, String unit) {
        this.err = err;
        this.nanoTime = nanoTime;
        this.unit = unit;
        this.started = nanoTime.getAsLong();
        this.lastPrinted = started;
    }

    /**
     * Prints, if it is time, {@code "<what>, <rate> <unit>/s, about <n> s left"}.
     *
     * @param done     how many were done, for the rate
     * @param fraction how much of the phase is done, from 0 to 1, for the time left
     * @param what     the line's start, made only when it is printed
     */
    synchronized void report(long done, double fraction, Supplier<String> what) {
        long now = nanoTime.getAsLong();
        if (now - lastPrinted < INTERVAL_NANOS) {
            return;
        }
        lastPrinted = now;
        printed = true;
        double seconds = (now - started) / 1e9;
        String left = fraction <= 0 ? "" : ", about " + Math.round(seconds * (1 - fraction) / fraction) + " s left";
        err.println(what.get() + ", " + Math.round(done / seconds) + " " + unit + "/s" + left);
    }

    /** At the end of the phase: {@code "<what> in <n> s, <rate> <unit>/s"}. */
    synchronized void finish(long done, String what) {
        if (!printed && done < SUMMARY_FROM) {
            return;
        }
        double seconds = Math.max(1e-3, (nanoTime.getAsLong() - started) / 1e9);
        err.println(what + " in " + Math.round(seconds) + " s, " + Math.round(done / seconds) + " " + unit + "/s");
    }
}
