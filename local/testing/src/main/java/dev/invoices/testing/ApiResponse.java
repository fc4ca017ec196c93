package dev.invoices.testing;

import dev.invoices.json.Json;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A handler's payload-2.0 response, read back: status, headers, raw body and the body as a JSON tree. */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    @SuppressWarnings("unchecked")
    static ApiResponse parse(String lambdaResult) {
        Map<String, Object> result = Json.readObject(lambdaResult);
        if (!Boolean.FALSE.equals(result.get("isBase64Encoded"))) {
            throw new AssertionError("responses are never base64-encoded: " + lambdaResult);
        }
        return new ApiResponse(((BigDecimal) result.get("statusCode")).intValueExact(),
                (Map<String, String>) (Map<?, ?>) result.get("headers"), (String) result.get("body"));
    }

    /** The body as a JSON object. */
    public Map<String, Object> json() {
        return Json.readObject(body);
    }

    /** {@code data} of a list response. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> data() {
        return (List<Map<String, Object>>) json().get("data");
    }

    /** The problem's {@code code}, for error responses. */
    public String code() {
        return (String) json().get("code");
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** The {@code field} of each entry of a validation problem's {@code errors}, in order. */
    @SuppressWarnings("unchecked")
    public List<String> errorFields() {
        return ((List<Map<String, Object>>) json().get("errors")).stream()
                .map(error -> (String) error.get("field")).toList();
    }

    /**
     * Asserts an RFC 9457 problem with this status and code, quoting the request it answered (the
     * {@code request-id} header's, except on a replay, whose body is the first request's answer), and that
     * nothing internal leaks into it: no class or package names, stack frames or DynamoDB wording.
     */
    public ApiResponse assertProblem(int expectedStatus, String expectedCode) {
        assertEquals(expectedStatus, status, body);
        assertEquals("application/problem+json", header("content-type"));
        Map<String, Object> problem = json();
        assertEquals(expectedCode, problem.get("code"), body);
        assertEquals("urn:invoices:problem:" + expectedCode, problem.get("type"));
        assertEquals(new BigDecimal(expectedStatus), problem.get("status"));
        assertNotNull(problem.get("title"));
        assertNotNull(problem.get("detail"));
        assertNotNull(header("request-id"), "every answer names its request");
        if (header("idempotent-replayed") == null) {
            assertEquals(header("request-id"), problem.get("request_id"), body);
        } else {
            assertNotNull(problem.get("request_id"), body);
        }
        for (String leak : List.of("software.amazon", "dev.invoices", "Exception", "at java.", "Dynamo", "\tat ")) {
            assertFalse(body.contains(leak), "no internals in " + body);
        }
        return this;
    }
}
