package dev.invoices.store;

import dev.invoices.error.StoreUnavailableException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;

import java.util.function.Supplier;

/**
 * The one translation of SDK failures at the store's edge: throttling, timeouts, 5xx and an unreachable
 * service (after the SDK's own retries) become {@link StoreUnavailableException}, a 503 the client may retry.
 * Everything else (a condition that failed, a malformed request) passes through unchanged for the caller to
 * handle or to surface as a 500.
 */
public final class DynamoDbCalls {
    private DynamoDbCalls() {
    }

    public static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException failure) {
            throw isTransient(failure) ? new StoreUnavailableException(failure) : failure;
        }
    }

    /**
     * Runs a transaction's {@link Put} on its own, as one conditional PutItem (half the write cost of a
     * one-item transaction); false when its condition failed.
     */
    public static boolean putIf(DynamoDbClient dynamoDb, Put put) {
        try {
            call(() -> dynamoDb.putItem(request -> request
                    .tableName(put.tableName())
                    .item(put.item())
                    .conditionExpression(put.conditionExpression())
                    .expressionAttributeNames(put.expressionAttributeNames())
                    .expressionAttributeValues(put.expressionAttributeValues())));
            return true;
        } catch (ConditionalCheckFailedException conditionFailed) {
            return false;
        }
    }

    static boolean isTransient(SdkException failure) {
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        if (failure instanceof DynamoDbException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return failure instanceof SdkClientException;
    }
}
