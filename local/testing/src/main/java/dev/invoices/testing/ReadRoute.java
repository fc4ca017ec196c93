package dev.invoices.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.config.Dependencies;
import dev.invoices.model.Invoice;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A read route of one invoice (get, PDF), as {@link ReadRouteAuthorization} and {@link ReadRouteHostileInputs}
 * run it.
 *
 * @param handler      the route's handler around the suite's dependencies
 * @param eventFile    the route's event in {@code events/}, whose path parameters the suites replace
 * @param assertServed asserts that a response is the route's 200 for that invoice: {@link #servesJson} or
 *                     {@link #servesPdf}
 */
public record ReadRoute(Function<Dependencies, RequestStreamHandler> handler, String eventFile,
                        BiConsumer<Invoice, ApiResponse> assertServed) {

    /** A 200 whose body is the invoice as JSON: {@code data} with its id and its customer's. */
    public static void servesJson(Invoice invoice, ApiResponse response) {
        assertEquals(200, response.status(), response.body());
        Map<?, ?> data = (Map<?, ?>) response.json().get("data");
        assertEquals(List.of(invoice.id(), invoice.customerId()), List.of(data.get("id"), data.get("customer_id")));
    }

    /**
     * A 200 whose body is a PDF document with the invoice's ETag.
     *
     * @param etag the ETag of the invoice's document
     */
    public static BiConsumer<Invoice, ApiResponse> servesPdf(Function<Invoice, String> etag) {
        return (invoice, response) -> {
            assertEquals(200, response.status(), response.body());
            assertEquals("application/pdf", response.header("content-type"));
            assertEquals(etag.apply(invoice), response.header("etag"));
            byte[] pdf = response.bytes();
            assertTrue(pdf.length > 5, "a document");
            assertEquals("%PDF-", new String(Arrays.copyOf(pdf, 5), StandardCharsets.US_ASCII));
        };
    }
}
