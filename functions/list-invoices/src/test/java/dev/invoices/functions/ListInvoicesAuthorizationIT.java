package dev.invoices.functions;

import dev.invoices.config.Dependencies;
import dev.invoices.http.Authorization;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceStore;
import dev.invoices.testing.ApiEvents;
import dev.invoices.testing.ApiResponse;
import dev.invoices.testing.InvoiceFixtures;
import dev.invoices.testing.LocalDynamoDb;
import dev.invoices.testing.StoreSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.invoices.testing.Claims.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authorization of {@code GET /v1/customers/{customer_id}/invoices} with authorization required (SECURITY.md):
 * no token is 401, a token without {@code invoices:read} or without a customer is 403, another customer's list
 * is 404 not_found, and {@code invoices:admin} lists any customer.
 */
class ListInvoicesAuthorizationIT {
    private static final String SECRET = "test-cursor-secret-0123456789abcdef0123456789";
    private static final String A = "cus_list_auth_a";
    private static final String B = "cus_list_auth_b";
    private static final Instant PERIOD = Instant.parse("2025-03-01T00:00:00Z");

    private static ListInvoicesHandler handler;
    private static StoreSnapshot snapshot;

    @BeforeAll
    static void seed() {
        Dependencies local = LocalDynamoDb.dependencies(Map.of("CURSOR_SECRET", SECRET));
        Dependencies dependencies = new Dependencies(local.config().withAuthorizationRequired(true),
                local.dynamoDb(), local.clock());
        InvoiceStore store = new InvoiceStore(dependencies.dynamoDb(), dependencies.config().tableName());
        List<Invoice> seeded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seeded.add(InvoiceFixtures.simple("inv_la_" + i, A, InvoiceStatus.FINALIZED, PERIOD.plusSeconds(i)));
            seeded.add(InvoiceFixtures.simple("inv_lb_" + i, B, InvoiceStatus.FINALIZED, PERIOD.plusSeconds(i)));
        }
        seeded.forEach(invoice -> assertTrue(store.create(invoice)));
        handler = new ListInvoicesHandler(dependencies);
        snapshot = StoreSnapshot.of(dependencies.dynamoDb(), dependencies.config().tableName(), seeded);
    }

    private static ApiEvents list(String customerId) {
        return ApiEvents.load("list-invoices.json").pathParameter("customer_id", customerId).query(Map.of());
    }

    private static List<Object> customersOf(ApiResponse response) {
        return response.data().stream().map(invoice -> invoice.get("customer_id")).distinct().toList();
    }

    @Test
    void noAuthorizer_is401WithBearerChallenge() {
        ApiResponse response = list(A).invoke(handler);

        response.assertProblem(401, "unauthorized");
        assertEquals("Bearer", response.header("www-authenticate"));
    }

    static Stream<Arguments> tokensThatMayNotList() {
        return Stream.of(
                Arguments.of("write scope only", claim(A), List.of(Authorization.WRITE)),
                Arguments.of("no scope at all", claim(A), List.of()),
                Arguments.of("read scope, no customer_id claim", claim(null), List.of(Authorization.READ)),
                Arguments.of("read scope, customer_id a#b", claim("a#b"), List.of(Authorization.READ)),
                Arguments.of("read scope, empty customer_id", claim(""), List.of(Authorization.READ)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensThatMayNotList")
    void aTokenThatMayNotList_is403(String label, Map<String, String> claims, List<String> scopes) {
        list(A).authorizer(claims, scopes).invoke(handler).assertProblem(403, "forbidden");
        snapshot.assertUnchanged(label);
    }

    @Test
    void customerA_listingItsOwnInvoices_getsOnlyThem() {
        ApiResponse response = list(A).authorizer(claim(A), List.of(Authorization.READ)).invoke(handler);

        assertEquals(200, response.status(), response.body());
        assertEquals(3, response.data().size());
        assertEquals(List.of(A), customersOf(response));
    }

    @Test
    void customerA_listingCustomerB_is404NotFound() {
        ApiResponse response = list(B).authorizer(claim(A), List.of(Authorization.READ)).invoke(handler);

        response.assertProblem(404, "not_found");
        snapshot.assertUnchanged("A lists B");
    }

    @Test
    void customerA_listingAnUnknownCustomer_isTheSame404_asListingCustomerB() {
        ApiResponse existing = list(B).authorizer(claim(A), List.of(Authorization.READ)).invoke(handler);
        ApiResponse unknown = list("cus_nobody").authorizer(claim(A), List.of(Authorization.READ)).invoke(handler);

        assertEquals(unknown.status(), existing.status());
        assertEquals(unknown.headers(), existing.headers());
        assertEquals(unknown.body(), existing.body());
    }

    @Test
    void customerA_withCustomerBsCursor_isStill404_andSeesNothingOfB() {
        // given: a cursor an admin got for B's list
        ApiResponse first = list(B).query(Map.of("limit", "1")).authorizer(claim(null), List.of(Authorization.ADMIN))
                .invoke(handler);
        String cursor = (String) first.json().get("next_page");
        assertNotNull(cursor);

        // when
        ApiResponse response = list(B).query(Map.of("limit", "1", "next_page", cursor))
                .authorizer(claim(A), List.of(Authorization.READ)).invoke(handler);

        // then
        response.assertProblem(404, "not_found");
    }

    @Test
    void customerA_withCustomerBsCursorOnItsOwnList_isInvalidCursor() {
        ApiResponse first = list(B).query(Map.of("limit", "1")).authorizer(claim(null), List.of(Authorization.ADMIN))
                .invoke(handler);
        String cursor = (String) first.json().get("next_page");

        ApiResponse response = list(A).query(Map.of("limit", "1", "next_page", cursor))
                .authorizer(claim(A), List.of(Authorization.READ)).invoke(handler);

        response.assertProblem(400, "invalid_cursor");
    }

    @Test
    void admin_listsAnyCustomer() {
        ApiResponse response = list(B).authorizer(claim(null), List.of(Authorization.ADMIN)).invoke(handler);

        assertEquals(200, response.status(), response.body());
        assertEquals(3, response.data().size());
        assertEquals(List.of(B), customersOf(response));
    }

    @Test
    void admin_withACustomerClaimOfItsOwn_stillListsAnyCustomer() {
        ApiResponse response = list(B).authorizer(claim(A), List.of(Authorization.READ, Authorization.ADMIN))
                .invoke(handler);

        assertEquals(200, response.status(), response.body());
        assertEquals(List.of(B), customersOf(response));
    }
}
