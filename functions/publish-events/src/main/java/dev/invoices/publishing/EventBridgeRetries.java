package dev.invoices.publishing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the attempts the EventBridge client's own retries make after a call's first (a 5xx, a throttle or a
 * timeout the SDK retried), which the publisher never sees, for the invocation's metrics.
 */
final class EventBridgeRetries implements ExecutionInterceptor {
    static final EventBridgeRetries INTERCEPTOR = new EventBridgeRetries();
    private static final ExecutionAttribute<Integer> ATTEMPTS = new ExecutionAttribute<>("invoices.events.attempts");
    private static final AtomicLong RETRIES = new AtomicLong();

    private EventBridgeRetries() {
    }

    /** The retries since the last call, which starts the count again from zero. */
    static long take() {
        return RETRIES.getAndSet(0);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Integer before = attributes.getAttribute(ATTEMPTS);
        attributes.putAttribute(ATTEMPTS, before == null ? 1 : before + 1);
        if (before != null) {
            RETRIES.incrementAndGet();
        }
    }
}
