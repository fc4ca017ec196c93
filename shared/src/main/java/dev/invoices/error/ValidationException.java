package dev.invoices.error;

import java.util.List;

/** Input that is well-formed but breaks a rule: {@code 400 invalid_request}, listing every field. */
public final class ValidationException extends InvoicesException {
    private final transient List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(summary(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure names at least one field");
        }
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        return errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
    }
}
