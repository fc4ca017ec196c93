package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.auth.Caller;
import dev.invoices.config.Dependencies;
import dev.invoices.http.Authorization;
import dev.invoices.error.RouteNotFoundException;
import dev.invoices.http.CanonicalApi;
import dev.invoices.http.FastlyApi;
import dev.invoices.http.HttpApi;
import dev.invoices.http.NorthflankApi;
import dev.invoices.pagination.CursorCodec;
import dev.invoices.priming.Priming;
import dev.invoices.service.InvoiceListService;
import dev.invoices.service.InvoicePage;
import dev.invoices.service.ListQuery;
import dev.invoices.store.InvoiceStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A page of a customer's invoices, in each dialect's shape: {@code GET /v1/customers/{customer_id}/invoices}
 * (canonical), {@code GET /billing/v3/invoices} (Fastly) and {@code GET /v1/billing/invoices} (Northflank),
 * chosen by the event's {@code routeKey}; every dialect reads through the same list service. A stream handler,
 * so that the event is read with the service's own JSON codec rather than the runtime's reflective one.
 */
public final class ListInvoicesHandler implements RequestStreamHandler {
    private final InvoiceListService invoices;
    private final Authorization authorization;

    /**
     * Lambda's entry: clients and configuration are built once per container, and the request path is primed
     * before a SnapStart snapshot (see {@link Priming}).
     */
    public ListInvoicesHandler() {
        this(Dependencies.fromEnvironment());
        Priming.register(ListInvoicesHandler::new, "list-event.json");
    }

    public ListInvoicesHandler(Dependencies dependencies) {
        this.invoices = new InvoiceListService(
                new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName()),
                CursorCodec.fromSecret(dependencies.config().requireCursorSecret()));
        this.authorization = new Authorization(dependencies.config().authorizationRequired());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.serve(input, output, context, "GET", request -> {
            Caller caller = authorization.caller(request, Authorization.READ);
            return switch (request.routeKey()) {
                case CanonicalApi.LIST_ROUTE ->
                        CanonicalApi.listResponse(invoices.list(caller, CanonicalApi.listQuery(request)));
                case FastlyApi.LIST_ROUTE -> {
                    ListQuery query = FastlyApi.listQuery(request, caller);
                    InvoicePage page = invoices.list(caller, query);
                    yield FastlyApi.listResponse(query, page, invoices.count(caller, query.filter()));
                }
                case NorthflankApi.LIST_ROUTE -> {
                    NorthflankApi.PageRequest page = NorthflankApi.listRequest(request, caller);
                    yield NorthflankApi.listResponse(invoices.list(caller, page.query(), page.skip()));
                }
                default -> throw new RouteNotFoundException();
            };
        });
    }
}
