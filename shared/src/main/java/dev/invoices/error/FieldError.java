package dev.invoices.error;

import java.util.Objects;

/**
 * One offending input field: {@code field} is a path such as {@code limit},
 * {@code sub_line_items[2].tiers[0].price} or {@code body}; {@code message} says what is wrong, for a person.
 */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
