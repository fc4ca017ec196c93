package dev.invoices.testing;

import dev.invoices.http.Authorization;

import java.util.Map;

/**
 * The claims of a user's token as the HTTP API's JWT authorizer passes them on, for
 * {@link ApiEvents#authorizer}: a subject, and the {@code customer_id} claim that confines the token to one
 * customer.
 */
public final class Claims {
    /** The subject of every test token. */
    public static final String SUBJECT = "user-1";

    private Claims() {
    }

    /**
     * A token's claims.
     *
     * @param customerId its {@code customer_id} claim as the token carries it (empty or malformed in tests of
     *                   refusals); null for a token without one, such as an admin's
     */
    public static Map<String, String> claim(String customerId) {
        return customerId == null
                ? Map.of("sub", SUBJECT)
                : Map.of("sub", SUBJECT, Authorization.CUSTOMER_CLAIM, customerId);
    }
}
