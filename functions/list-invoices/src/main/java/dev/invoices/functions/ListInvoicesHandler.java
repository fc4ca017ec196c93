package dev.invoices.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.auth.Caller;
import dev.invoices.config.Dependencies;
import dev.invoices.error.RouteNotFoundException;
import dev.invoices.http.Authorization;
import dev.invoices.http.HttpApi;
import dev.invoices.listing.CanonicalList;
import dev.invoices.listing.CursorCodec;
import dev.invoices.listing.FastlyList;
import dev.invoices.listing.InvoiceListService;
import dev.invoices.listing.InvoicePage;
import dev.invoices.listing.ListQuery;
import dev.invoices.listing.NorthflankList;
import dev.invoices.priming.Priming;
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
        Priming.register(ListInvoicesHandler::new, "list-event.json", "list-fastly-event.json");
    }

    public ListInvoicesHandler(Dependencies dependencies) {
        this.invoices = new InvoiceListService(
                new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName()),
                CursorCodec.fromSecret(dependencies.config().requireCursorSecret()));
        this.authorization = new Authorization(dependencies.config());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.serve(input, output, context, "GET", (request, observation) -> {
            Caller caller = authorization.caller(request, Authorization.Access.READ, observation);
            return switch (request.routeKey()) {
                case CanonicalList.LIST_ROUTE ->
                        CanonicalList.listResponse(invoices.list(caller, CanonicalList.listQuery(request)));
                case FastlyList.LIST_ROUTE -> {
                    ListQuery query = FastlyList.listQuery(request, caller);
                    InvoicePage page = invoices.list(caller, query);
                    yield FastlyList.listResponse(query, page, invoices.count(caller, query.filter()));
                }
                case NorthflankList.LIST_ROUTE -> {
                    NorthflankList.PageRequest page = NorthflankList.listRequest(request, caller);
                    yield NorthflankList.listResponse(invoices.list(caller, page.query(), page.skip()));
                }
                default -> throw new RouteNotFoundException();
            };
        });
    }
}
