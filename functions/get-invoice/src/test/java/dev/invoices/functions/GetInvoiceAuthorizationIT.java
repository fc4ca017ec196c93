package dev.invoices.functions;

import dev.invoices.config.Dependencies;
import dev.invoices.http.Authorization;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.ApiResponse;
import dev.invoices.testing.LocalDynamoDb;
import dev.invoices.testing.ReadRoute;
import dev.invoices.testing.ReadRouteAuthorization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authorization of {@code GET /v1/customers/{customer_id}/invoices/{invoice_id}} with authorization required
 * (SECURITY.md): every case of {@link ReadRouteAuthorization}, where a 200 is the invoice as JSON, and a
 * deployment's own scope names and customer claim.
 */
class GetInvoiceAuthorizationIT extends ReadRouteAuthorization {
    GetInvoiceAuthorizationIT() {
        super(new ReadRoute(GetInvoiceHandler::new, "get-invoice.json", ReadRoute::servesJson), "auth");
    }

    // ---- a deployment's own scope names and customer claim (template parameters), as Cognito issues them ----

    private GetInvoiceHandler cognitoHandler() {
        Dependencies local = LocalDynamoDb.dependencies(Map.of("AUTHORIZATION", "required",
                "READ_SCOPE", "invoices/read", "WRITE_SCOPE", "invoices/write", "ADMIN_SCOPE", "invoices/admin",
                "CUSTOMER_CLAIM", "tenant"));
        InvoiceStore store = new InvoiceStore(local.dynamoDb(), local.config().tableName());
        assertTrue(store.create(invoiceOfA));
        return new GetInvoiceHandler(local);
    }

    @Test
    void configuredScopesAndClaim_aCognitoAccessTokenWithItsScopeClaim_readsItsOwnInvoice() {
        // Cognito's access token: resource-server scopes in `scope`; the authorizer fills `scopes` only for
        // routes that declare scopes, so here it passes none
        ApiResponse response = request(customerA, invoiceOfA.id()).authorizer(Map.of("sub", "svc-a",
                "client_id", "app-a", "token_use", "access", "scope", "invoices/read openid", "tenant", customerA),
                List.of()).invoke(cognitoHandler());

        assertServed(invoiceOfA, response);
    }

    @Test
    void configuredScopesAndClaim_anScpArrayClaim_countsToo() {
        ApiResponse response = request(customerA, invoiceOfA.id()).authorizer(Map.of("sub", "svc-a",
                "scp", "[profile invoices/read]", "tenant", customerA), List.of()).invoke(cognitoHandler());

        assertServed(invoiceOfA, response);
    }

    @Test
    void configuredScopesAndClaim_theDefaultNamesNoLongerCount() {
        GetInvoiceHandler configured = cognitoHandler();

        ApiResponse defaultScope = request(customerA, invoiceOfA.id()).authorizer(Map.of("sub", "svc-a",
                "scope", Authorization.READ, "tenant", customerA), List.of(Authorization.READ)).invoke(configured);
        ApiResponse defaultClaim = request(customerA, invoiceOfA.id()).authorizer(Map.of("sub", "svc-a",
                "scope", "invoices/read", Authorization.CUSTOMER_CLAIM, customerA), List.of()).invoke(configured);
        ApiResponse defaultAdmin = request(customerA, invoiceOfA.id()).authorizer(Map.of("sub", "ops"),
                List.of(Authorization.ADMIN)).invoke(configured);
        ApiResponse configuredAdmin = request(customerA, invoiceOfA.id()).authorizer(Map.of("sub", "ops",
                "scope", "invoices/admin"), List.of()).invoke(configured);

        defaultScope.assertProblem(403, "forbidden");
        assertEquals("The token lacks the invoices/read scope.", defaultScope.json().get("detail"));
        defaultClaim.assertProblem(403, "forbidden");
        assertEquals("The token names no customer.", defaultClaim.json().get("detail"));
        defaultAdmin.assertProblem(403, "forbidden");
        assertServed(invoiceOfA, configuredAdmin);
    }
}
