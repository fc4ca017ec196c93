package dev.invoices.auth;

import java.util.Objects;

/**
 * How this deployment reads a verified access token: the scope each kind of route needs and the claim that
 * names the customer a token acts for. Identity providers name these differently (Cognito issues resource-server
 * scopes as {@code <identifier>/<name>}; Auth0, Okta and Entra ID take whatever the API defines), so they are
 * template parameters that reach the functions as environment variables.
 *
 * @param readScope     needed by list and get
 * @param writeScope    needed by void and regenerate
 * @param adminScope    any route, for any customer
 * @param customerClaim the claim whose value confines a non-admin token to one customer's invoices
 */
public record TokenRules(String readScope, String writeScope, String adminScope, String customerClaim) {
    public static final TokenRules DEFAULT =
            new TokenRules("invoices:read", "invoices:write", "invoices:admin", "customer_id");

    public TokenRules {
        Objects.requireNonNull(readScope, "readScope");
        Objects.requireNonNull(writeScope, "writeScope");
        Objects.requireNonNull(adminScope, "adminScope");
        Objects.requireNonNull(customerClaim, "customerClaim");
    }
}
