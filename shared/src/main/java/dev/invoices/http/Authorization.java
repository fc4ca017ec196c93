package dev.invoices.http;

import dev.invoices.auth.Caller;
import dev.invoices.auth.TokenRules;
import dev.invoices.config.ServiceConfig;
import dev.invoices.error.ForbiddenException;
import dev.invoices.error.UnauthorizedException;
import dev.invoices.model.Ids;
import dev.invoices.observability.Observation;

/**
 * The handler-side check of every HTTP route (SECURITY.md), behind the HTTP API's JWT authorizer: defence in
 * depth, and the same behaviour under {@code sam local} and the local server as in AWS. The authorizer has
 * verified the token; this class reads it by the deployment's {@link TokenRules}: the route's scope (or the
 * admin scope), from the authorizer's {@code scopes} or the token's {@code scope}/{@code scp} claim
 * ({@link HttpRequest.Authorizer}), and the customer claim that confines a customer's token to that customer's
 * invoices.
 */
public final class Authorization {
    /** The default scope names ({@link TokenRules#DEFAULT}), which tokens in tests and examples carry. */
    public static final String READ = TokenRules.DEFAULT.readScope();
    public static final String WRITE = TokenRules.DEFAULT.writeScope();
    public static final String ADMIN = TokenRules.DEFAULT.adminScope();
    public static final String CUSTOMER_CLAIM = TokenRules.DEFAULT.customerClaim();

    /** What a route does with invoices, which decides the scope it needs. */
    public enum Access { READ, WRITE }

    private final boolean required;
    private final TokenRules rules;

    public Authorization(ServiceConfig config) {
        this(config.authorizationRequired(), config.tokens());
    }

    /** @param required false only for local use: then every request acts for any customer */
    public Authorization(boolean required, TokenRules rules) {
        this.required = required;
        this.rules = rules;
    }

    /**
     * Whom the request acts for, if it may use a route that needs {@code access}; told to {@code observation},
     * and so is the customer a refused token names.
     *
     * @throws UnauthorizedException when no verified token came with it
     * @throws ForbiddenException    when the token lacks the scope, or names no customer and is not admin
     */
    public Caller caller(HttpRequest request, Access access, Observation observation) {
        Caller caller = check(request, access, observation);
        observation.caller(caller, request.subject());
        return caller;
    }

    private Caller check(HttpRequest request, Access access, Observation observation) {
        if (!required) {
            return new Caller.Trusted("local");
        }
        HttpRequest.Authorizer token = request.authorizer().orElseThrow(UnauthorizedException::new);
        String customerId = token.claims().get(rules.customerClaim());
        boolean namesCustomer = Ids.isValid(customerId);
        if (namesCustomer) {
            observation.customerId(customerId);
        }
        if (token.scopes().contains(rules.adminScope())) {
            return new Caller.Admin();
        }
        String scope = access == Access.READ ? rules.readScope() : rules.writeScope();
        if (!token.scopes().contains(scope)) {
            throw new ForbiddenException("The token lacks the " + scope + " scope.");
        }
        if (!namesCustomer) {
            throw new ForbiddenException("The token names no customer.");
        }
        return new Caller.Customer(customerId);
    }
}
