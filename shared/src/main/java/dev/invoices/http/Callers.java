package dev.invoices.http;

import dev.invoices.auth.Caller;

/**
 * Who an HTTP request acts for, from the JWT authorizer's claims: the {@code invoices:admin} scope for any
 * customer, else the {@code customer_id} claim. A request without an authorizer (authorization off, for local
 * use) is trusted. Scope enforcement per route is the authorizer's job in AWS.
 */
public final class Callers {
    public static final String ADMIN_SCOPE = "invoices:admin";
    public static final String CUSTOMER_CLAIM = "customer_id";

    private Callers() {
    }

    public static Caller of(HttpRequest request) {
        return request.authorizer()
                .<Caller>map(authorizer -> authorizer.scopes().contains(ADMIN_SCOPE)
                        ? new Caller.Admin()
                        : new Caller.Customer(authorizer.claims().getOrDefault(CUSTOMER_CLAIM, "")))
                .orElseGet(() -> new Caller.Trusted("local"));
    }
}
