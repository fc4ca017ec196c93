package dev.invoices.http;

import dev.invoices.auth.Caller;
import dev.invoices.error.ForbiddenException;
import dev.invoices.error.UnauthorizedException;
import dev.invoices.model.Ids;

/**
 * The handler-side check of every HTTP route (SECURITY.md), behind the HTTP API's JWT authorizer: defence in
 * depth, and the same behaviour under {@code sam local} and the local server as in AWS. The authorizer has
 * verified the token; this class reads its claims: the route's scope (or {@code invoices:admin}), and the
 * {@code customer_id} claim that confines a customer's token to that customer's invoices.
 */
public final class Authorization {
    public static final String READ = "invoices:read";
    public static final String WRITE = "invoices:write";
    public static final String ADMIN = "invoices:admin";
    public static final String CUSTOMER_CLAIM = "customer_id";

    private final boolean required;

    /** @param required false only for local use: then every request acts for any customer */
    public Authorization(boolean required) {
        this.required = required;
    }

    /**
     * Whom the request acts for, if it may use a route that needs {@code scope}.
     *
     * @throws UnauthorizedException when no verified token came with it
     * @throws ForbiddenException    when the token lacks the scope, or names no customer and is not admin
     */
    public Caller caller(HttpRequest request, String scope) {
        if (!required) {
            return new Caller.Trusted("local");
        }
        HttpRequest.Authorizer token = request.authorizer().orElseThrow(UnauthorizedException::new);
        if (token.scopes().contains(ADMIN)) {
            return new Caller.Admin();
        }
        if (!token.scopes().contains(scope)) {
            throw new ForbiddenException("The token lacks the " + scope + " scope.");
        }
        String customerId = token.claims().get(CUSTOMER_CLAIM);
        if (!Ids.isValid(customerId)) {
            throw new ForbiddenException("The token names no customer.");
        }
        return new Caller.Customer(customerId);
    }
}
