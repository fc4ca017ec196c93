package dev.invoices.store;

import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.Objects;

/**
 * A write that commits in the same transaction as an invoice change, or not at all: the idempotency record
 * that keeps the change's answer. Opaque above the store, so that no SDK type reaches the service layer.
 */
public record CoWrite(TransactWriteItem item) {
    public CoWrite {
        Objects.requireNonNull(item, "item");
    }
}
