package dev.invoices.publishing;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Sends a batch's events with {@code PutEvents}, in the batch's order, and says where it had to stop.
 *
 * <p>Order: the batch comes from one shard, where an invoice's changes are in version order. A call holds at most
 * one event of each invoice, and the next call starts only when the last has succeeded, so an invoice's events
 * reach EventBridge one after the other, in version order.
 *
 * <p>Failures: a call that fails as a whole (after the SDK's own retries) and the entries a call reports failed
 * ({@code FailedEntryCount}, an {@code ErrorCode} per entry) are sent again, only those, with a growing pause,
 * up to {@value #ATTEMPTS} times or until the invocation's time runs short. An entry that still fails stops the
 * batch there: its record is the batch item failure, so Lambda resends the batch from it; nothing after it was
 * skipped, and nothing before it is sent again (later entries of the same call may be, and consumers drop the
 * duplicate by its {@code event_id}).
 */
public final class EventPublisher {
    /** EventBridge's limit on the entries of one {@code PutEvents}. */
    static final int MAX_ENTRIES_PER_CALL = 10;
    static final int ATTEMPTS = 4;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    /** Time left below which no further attempt starts: one attempt's budget, and the answer's margin. */
    static final Duration RESERVE = Duration.ofSeconds(4);

    private final EventBridgeClient events;
    private final Sleeper sleeper;

    /** Pauses between attempts; a test passes one that records instead of waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    /** One event to send, as its entry; {@code invoiceTooLarge} when the entry names the invoice without it. */
    public record Pending(InvoiceEvent event, PutEventsRequestEntry entry, boolean invoiceTooLarge) {
        public String sequenceNumber() {
            return event.sequenceNumber();
        }

        String invoiceId() {
            return event.invoice().id();
        }
    }

    /**
     * What a batch's publication did.
     *
     * @param published     entries EventBridge accepted
     * @param failedEntries entries a call reported failed, counted every time one was
     * @param failedCalls   calls that failed as a whole
     * @param retries       entries sent again
     * @param stoppedAt     the sequence number of the first record whose event could not be sent
     * @param errorCode     the last error of that entry (EventBridge's code, or the exception's class)
     */
    public record Report(int published, int failedEntries, int failedCalls, int retries,
                         Optional<String> stoppedAt, Optional<String> errorCode) {
    }

    public EventPublisher(EventBridgeClient events) {
        this(events, pause -> Thread.sleep(pause.toMillis()));
    }

    public EventPublisher(EventBridgeClient events, Sleeper sleeper) {
        this.events = events;
        this.sleeper = sleeper;
    }

    /** @param remainingMillis the invocation's time left ({@code Context::getRemainingTimeInMillis}) */
    public Report publish(List<Pending> batch, LongSupplier remainingMillis) {
        Counts counts = new Counts();
        int next = 0;
        while (next < batch.size()) {
            List<Pending> call = nextCall(batch, next);
            Optional<Pending> failed = send(call, remainingMillis, counts);
            if (failed.isPresent()) {
                return counts.report(Optional.of(failed.get().sequenceNumber()));
            }
            next += call.size();
        }
        return counts.report(Optional.empty());
    }

    /** The entries of the next call from {@code start}: at most ten, 256 KB in all, one per invoice. */
    static List<Pending> nextCall(List<Pending> batch, int start) {
        List<Pending> call = new ArrayList<>();
        Set<String> invoices = new HashSet<>();
        int bytes = 0;
        for (int i = start; i < batch.size() && call.size() < MAX_ENTRIES_PER_CALL; i++) {
            Pending pending = batch.get(i);
            int size = EventEntries.size(pending.entry());
            if (invoices.contains(pending.invoiceId()) || (!call.isEmpty() && bytes + size > EventEntries.MAX_ENTRY_BYTES)) {
                break;
            }
            call.add(pending);
            invoices.add(pending.invoiceId());
            bytes += size;
        }
        return call;
    }

    /** Sends one call's entries until all are accepted; the first (in batch order) that never was, if any. */
    private Optional<Pending> send(List<Pending> call, LongSupplier remainingMillis, Counts counts) {
        List<Pending> unsent = call;
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                counts.retries += unsent.size();
            }
            unsent = attempt(unsent, counts);
            if (unsent.isEmpty()) {
                return Optional.empty();
            }
            if (attempt == ATTEMPTS || remainingMillis.getAsLong() < RESERVE.plus(pause).toMillis()) {
                return Optional.of(unsent.getFirst());
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(unsent.getFirst());
            }
            pause = pause.multipliedBy(2);
        }
    }

    /** One {@code PutEvents}; what it did not accept, in order. */
    private List<Pending> attempt(List<Pending> entries, Counts counts) {
        PutEventsResponse response;
        try {
            response = events.putEvents(request -> request.entries(entries.stream().map(Pending::entry).toList()));
        } catch (SdkException failure) {
            counts.failedCalls++;
            counts.errorCode = failure.getClass().getSimpleName();
            return entries;
        }
        List<PutEventsResultEntry> results = response.entries();
        if (results.size() != entries.size()) {
            // EventBridge answers one result per entry, in order; anything else cannot be matched up.
            counts.failedCalls++;
            counts.errorCode = "MismatchedResults";
            return entries;
        }
        List<Pending> failed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            PutEventsResultEntry result = results.get(i);
            if (result.errorCode() != null || result.eventId() == null) {
                failed.add(entries.get(i));
                counts.failedEntries++;
                counts.errorCode = result.errorCode();
            } else {
                counts.published++;
            }
        }
        return failed;
    }

    private static final class Counts {
        int published;
        int failedEntries;
        int failedCalls;
        int retries;
        String errorCode;

        Report report(Optional<String> stoppedAt) {
            return new Report(published, failedEntries, failedCalls, retries, stoppedAt,
                    stoppedAt.map(s -> errorCode));
        }
    }
}
