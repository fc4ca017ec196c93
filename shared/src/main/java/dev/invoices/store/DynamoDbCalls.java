package dev.invoices.store;

import dev.invoices.error.StoreUnavailableException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

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
