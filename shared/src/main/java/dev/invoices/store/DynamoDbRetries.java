package dev.invoices.store;

import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what the DynamoDB client's retries hide: attempts after a call's first (a throttle, a 5xx or a timeout
 * that the SDK retried), and calls that still failed throttled. The counts are per container, since the client
 * is; Lambda runs one invocation at a time in a container, so what an invocation takes at its end is its own
 * (the local server, which runs requests side by side, may attribute a retry to a neighbour).
 */
public final class DynamoDbRetries implements ExecutionInterceptor {
    static final DynamoDbRetries INTERCEPTOR = new DynamoDbRetries();
    private static final ExecutionAttribute<Integer> ATTEMPTS = new ExecutionAttribute<>("invoices.attempts");
    private static final AtomicLong RETRIES = new AtomicLong();
    private static final AtomicLong THROTTLED = new AtomicLong();

    /** What was counted since the last {@link #take()}. */
    public record Counts(long retries, long throttled) {
    }

    private DynamoDbRetries() {
    }

    /** The counts since the last call, which starts them again from zero. */
    public static Counts take() {
        return new Counts(RETRIES.getAndSet(0), THROTTLED.getAndSet(0));
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Integer before = attributes.getAttribute(ATTEMPTS);
        attributes.putAttribute(ATTEMPTS, before == null ? 1 : before + 1);
        if (before != null) {
            RETRIES.incrementAndGet();
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (context.exception() instanceof SdkServiceException service && service.isThrottlingException()) {
            THROTTLED.incrementAndGet();
        }
    }
}
