package dev.invoices.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.auth.Caller;
import dev.invoices.idempotency.IdempotentExecution;
import dev.invoices.service.StateChange;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one invocation did, as its transport (the HTTP frame, an EventBridge command, the schedule) learns it: who
 * acted, on which invoice, whether the answer was a replay, and its counts. Each state change is written at once
 * as an audit line; the transport writes its own line and the metrics at the end.
 */
public final class Observation {
    private final Context context;
    private final String requestId;
    private final long startedNanos = System.nanoTime();
    private final Metrics metrics = new Metrics();
    private String actor;
    private String customerId;
    private String invoiceId;
    private boolean replayed;

    /** @param requestId the id the invocation's answers and lines carry */
    public Observation(Context context, String requestId) {
        this.context = context;
        this.requestId = requestId;
    }

    public Context context() {
        return context;
    }

    public String requestId() {
        return requestId;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** Who acts, as audit lines name it: {@code customer:<id>}, {@code admin:<subject>}, {@code local}, … */
    public void actor(String name) {
        this.actor = name;
    }

    /**
     * The caller the request acts for; {@code subject} is its token's {@code sub}, which names an operator.
     */
    public void caller(Caller caller, Optional<String> subject) {
        // An if chain rather than a pattern switch, which bootstraps through invokedynamic: a cold-start cost.
        if (caller instanceof Caller.Customer customer) {
            customerId = customer.customerId();
            actor("customer:" + customer.customerId());
        } else if (caller instanceof Caller.Trusted trusted) {
            actor(trusted.scope());
        } else {
            actor("admin:" + subject.orElse("unknown"));
        }
    }

    public void customerId(String id) {
        this.customerId = id;
    }

    public void invoiceId(String id) {
        this.invoiceId = id;
    }

    public Optional<String> customerId() {
        return Optional.ofNullable(customerId);
    }

    public Optional<String> invoiceId() {
        return Optional.ofNullable(invoiceId);
    }

    public boolean replayed() {
        return replayed;
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /**
     * Records a command's execution and returns it: a replay is flagged and counted, a change is audited and
     * counted; an outcome that changed nothing (an invoice already void, a draft already current) leaves no trace.
     */
    public <E extends IdempotentExecution.Execution> E record(E execution) {
        if (execution instanceof IdempotentExecution.Executed executed) {
            executed.outcome().change().ifPresent(change -> {
                audit(change);
                metrics.add(change.action().equals(StateChange.VOID) ? Metrics.VOIDS : Metrics.REGENERATIONS, 1);
            });
        } else {
            replayed = true;
            metrics.add(Metrics.IDEMPOTENT_REPLAYS, 1);
        }
        return execution;
    }

    /** Writes the audit line of one change, now. */
    public void audit(StateChange change) {
        LogLine.of(LogLevel.INFO, "audit")
                .with("request_id", requestId)
                .with("actor", actor)
                .with("action", change.action())
                .with("invoice_id", change.invoiceId())
                .with("customer_id", change.customerId())
                .with("before", state(change.statusBefore().name(), change.versionBefore()))
                .with("after", state(change.statusAfter().name(), change.versionAfter()))
                .with("replacement_id", change.replacementId().orElse(null))
                .writeTo(context);
    }

    private static Map<String, Object> state(String status, long version) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", status);
        state.put("version", version);
        return state;
    }
}
