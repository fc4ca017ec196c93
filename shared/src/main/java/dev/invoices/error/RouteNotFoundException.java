package dev.invoices.error;

/**
 * A request for a route the function does not serve (its {@code routeKey} names none of its routes): 404
 * {@code route_not_found}, as the local server answers an unknown path. API Gateway only sends a function the
 * routes the template gives it, so in AWS this means a template and a handler that disagree.
 */
public final class RouteNotFoundException extends InvoicesException {
    public RouteNotFoundException() {
        super("No route matches this method and path.");
    }
}
