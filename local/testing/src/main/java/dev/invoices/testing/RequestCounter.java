package dev.invoices.testing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.ArrayList;
import java.util.List;

/** Records every DynamoDB operation a client calls, in order, so tests can pin what a request costs. */
public final class RequestCounter implements ExecutionInterceptor {
    private final List<String> operations = new ArrayList<>();

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    /** The operations called so far, in order. */
    public synchronized List<String> operations() {
        return List.copyOf(operations);
    }

    public synchronized void reset() {
        operations.clear();
    }
}
