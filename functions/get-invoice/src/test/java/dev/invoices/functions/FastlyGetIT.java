package dev.invoices.functions;

import dev.invoices.config.Dependencies;
import dev.invoices.config.ServiceConfig;
import dev.invoices.json.InvoiceJson;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.ApiEvents;
import dev.invoices.testing.ApiResponse;
import dev.invoices.testing.LocalDynamoDb;
import dev.invoices.testing.RepositoryFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.invoices.testing.Claims.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration test: {@code GET /billing/v3/invoices/{invoice_id}} (Fastly) through the get function's real entry
 * point with {@code events/get-invoice-fastly.json}, on the local DynamoDB engine: the invoice object itself, in Fastly's
 * names, for the caller's customer only.
 */
class FastlyGetIT {
    private static InvoiceStore store;
    private static GetInvoiceHandler handler;
    private static GetInvoiceHandler authorizingHandler;

    @BeforeAll
    static void createTable() {
        Dependencies open = LocalDynamoDb.dependencies(Map.of());
        store = new InvoiceStore(open.dynamoDb(), open.config().tableName());
        handler = new GetInvoiceHandler(open);
        authorizingHandler = new GetInvoiceHandler(new Dependencies(ServiceConfig.from(Map.of(
                "TABLE_NAME", open.config().tableName(), "AUTHORIZATION", "required")), open.dynamoDb(), open.clock()));
        assertTrue(store.create(InvoiceJson.read(RepositoryFiles.read("local/testing/src/main/resources/invoices/full-usd.json"))));
        assertTrue(store.create(InvoiceJson.read(RepositoryFiles.read("local/testing/src/main/resources/invoices/small-jpy.json"))));
    }

    @Test
    void theSampleEvent_returnsTheInvoiceObjectItself_inFastlysNames() {
        // when: events/get-invoice-fastly.json asks for acme-corp's inv_2024_10_acme (full-usd.json)
        ApiResponse response = ApiEvents.load("get-invoice-fastly.json").invoke(handler);

        // then
        assertEquals(200, response.status(), response.body());
        assertEquals(List.of("invoice_id", "customer_id", "statement_number", "currency_code", "billing_start_date",
                "billing_end_date", "invoice_posted_on", "monthly_transaction_amount", "transaction_line_items"),
                List.copyOf(response.json().keySet()));
        assertEquals("inv_2024_10_acme", response.json().get("invoice_id"));
    }

    @Test
    void aJpyInvoice_isExactlyItsFastlyObject() {
        ApiResponse response = ApiEvents.load("get-invoice-fastly.json").pathParameter("invoice_id", "inv_jp_0001")
                .query(Map.of("customer_id", "tokyo-shop")).invoke(handler);

        assertEquals("{\"invoice_id\":\"inv_jp_0001\",\"customer_id\":\"tokyo-shop\",\"statement_number\":\"JP0001\","
                + "\"currency_code\":\"JPY\",\"billing_start_date\":\"2024-09-01T00:00:00Z\","
                + "\"billing_end_date\":\"2024-10-01T00:00:00Z\",\"invoice_posted_on\":\"2024-10-01T00:00:00Z\","
                + "\"monthly_transaction_amount\":4125,\"transaction_line_items\":"
                + "[{\"amount\":3750,\"description\":\"Seats\",\"rate\":1250,\"units\":3}]}", response.body());
    }

    @Test
    void anotherCustomersInvoice_isNotFound_exactlyLikeAMissingOne() {
        ApiResponse foreign = ApiEvents.load("get-invoice-fastly.json").query(Map.of("customer_id", "tokyo-shop"))
                .invoke(handler);
        ApiResponse missing = ApiEvents.load("get-invoice-fastly.json").pathParameter("invoice_id", "inv_nope")
                .invoke(handler);

        foreign.assertProblem(404, "not_found");
        assertEquals(missing.assertProblem(404, "not_found").body(), foreign.body());
    }

    @Test
    void theCustomerComesFromTheToken_andAnAdminNamesIt() {
        ApiResponse own = ApiEvents.load("get-invoice-fastly.json").query(Map.of())
                .authorizer(claim("acme-corp"), List.of("invoices:read")).invoke(authorizingHandler);
        ApiResponse othersToken = ApiEvents.load("get-invoice-fastly.json").query(Map.of())
                .authorizer(claim("tokyo-shop"), List.of("invoices:read")).invoke(authorizingHandler);
        ApiResponse admin = ApiEvents.load("get-invoice-fastly.json")
                .authorizer(claim(null), List.of("invoices:admin")).invoke(authorizingHandler);
        ApiResponse adminUnnamed = ApiEvents.load("get-invoice-fastly.json").query(Map.of())
                .authorizer(claim(null), List.of("invoices:admin")).invoke(authorizingHandler);

        assertEquals(200, own.status(), own.body());
        othersToken.assertProblem(404, "not_found");
        assertEquals(200, admin.status(), admin.body());
        assertEquals(List.of("customer_id"), adminUnnamed.assertProblem(400, "invalid_request").errorFields());
    }

    @Test
    void badIdsAndAMissingCustomer_areOneProblemNamingEach() {
        assertEquals(List.of("invoice_id", "customer_id"), ApiEvents.load("get-invoice-fastly.json")
                .pathParameter("invoice_id", "no such id!").query(Map.of()).invoke(handler)
                .assertProblem(400, "invalid_request").errorFields());
    }
}
