package dev.invoices.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Counts the DynamoDB requests a client sends and adds up the read capacity they consumed: it asks every Query
 * for {@code ReturnConsumedCapacity=TOTAL} (the handler's own request is otherwise unchanged). It also adds up
 * the Queries' {@code ScannedCount}, the items each read before any filter: what DynamoDB charges a Query for.
 */
final class Meter implements ExecutionInterceptor {
    private int requests;
    private double capacity;
    private int items;
    private int queries;
    private int scanned;

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (context.request() instanceof QueryRequest query && query.returnConsumedCapacity() == null) {
            return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return context.request();
    }

    @Override
    public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        requests++;
        if (context.response() instanceof QueryResponse query) {
            queries++;
            items += query.count();
            scanned += query.scannedCount() == null ? 0 : query.scannedCount();
            add(query.consumedCapacity());
        } else if (context.response() instanceof GetItemResponse get) {
            add(get.consumedCapacity());
        }
    }

    private void add(ConsumedCapacity consumed) {
        if (consumed != null && consumed.capacityUnits() != null) {
            capacity += consumed.capacityUnits();
        }
    }

    synchronized void reset() {
        requests = 0;
        capacity = 0;
        items = 0;
        queries = 0;
        scanned = 0;
    }

    synchronized int requests() {
        return requests;
    }

    synchronized double capacity() {
        return capacity;
    }

    synchronized int items() {
        return items;
    }

    synchronized int queries() {
        return queries;
    }

    /** The sum of the Queries' {@code ScannedCount}. */
    synchronized int scanned() {
        return scanned;
    }
}
