package dev.invoices.local;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs tasks on virtual threads, at most {@code inFlight} at once: {@link #submit} waits for a free slot, so that
 * the caller, reading a file, never gets more than that many tasks ahead of the table. After the first failure
 * no further task starts, and the next {@link #submit}, or else {@link #close}, throws it. Used by one thread.
 */
final class ParallelWrites implements AutoCloseable {
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Whether the failure was thrown already, so that {@link #close} does not throw it a second time. */
    private boolean thrown;

    ParallelWrites(int inFlight) {
        this.slots = new Semaphore(inFlight);
    }

    void submit(Runnable task) {
        throwIfFailed();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalFailure("interrupted while writing");
        }
        threads.execute(() -> {
            try {
                if (failure.get() == null) {
                    task.run();
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            } finally {
                slots.release();
            }
        });
        throwIfFailed();
    }

    /** Waits for every task started. */
    @Override
    public void close() {
        threads.close();
        throwIfFailed();
    }

    private void throwIfFailed() {
        if (thrown || failure.get() == null) {
            return;
        }
        thrown = true;
        switch (failure.get()) {
            case null -> { }
            case RuntimeException runtime -> throw runtime;
            case Error error -> throw error;
            default -> throw new IllegalStateException(failure.get());
        }
    }
}
