package dev.invoices.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.error.InvoicesException;
import dev.invoices.error.PayloadTooLargeException;
import dev.invoices.error.StoreUnavailableException;
import dev.invoices.json.Json;
import dev.invoices.model.Ids;
import dev.invoices.observability.LogLine;
import dev.invoices.observability.Metrics;
import dev.invoices.observability.Observation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The frame every HTTP function runs in: read the payload-2.0 event, check the method, run the route, map
 * any failure to a problem once, write one request line (docs/observability.md: request id, route, caller's
 * customer, invoice, status, code, replay, duration; the stack trace for 5xx, never in the answer) and the
 * invocation's metrics, and write the response. Handlers supply only the route.
 */
public final class HttpApi {
    /** Lambda's limit on a synchronous invocation's payload, which an HTTP API event is. */
    static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;
    /**
     * The id of the request an answer is to, on every answer: API Gateway's request id (what its access log and
     * its own {@code apigw-requestid} header carry), so it is there under {@code sam local} and direct
     * invocation too.
     */
    public static final String REQUEST_ID_HEADER = "request-id";

    /**
     * One route: a request in, a response out; failures are thrown as {@link InvoicesException}s. What the
     * route learns that the frame cannot (the invoice a body names, the caller, a command's execution) it tells
     * {@code observation}.
     */
    @FunctionalInterface
    public interface Route {
        HttpResponse handle(HttpRequest request, Observation observation);
    }

    private HttpApi() {
    }

    public static void serve(InputStream input, OutputStream output, Context context, String method, Route route)
            throws IOException {
        Optional<Map<String, Object>> event = readEvent(input, output, context);
        if (event.isPresent()) {
            respond(event.get(), context, method, route).writeEvent(output);
        }
    }

    /**
     * The invocation's event as a JSON tree, for functions that dispatch on its kind; empty, with a
     * {@code 413 payload_too_large} already written to {@code output}, for an event over Lambda's 6 MB. An event
     * that is not JSON fails the invocation: it did not come from API Gateway or EventBridge.
     */
    public static Optional<Map<String, Object>> readEvent(InputStream input, OutputStream output, Context context)
            throws IOException {
        byte[] event = input.readAllBytes();
        if (event.length > MAX_EVENT_BYTES) {
            // Lambda never delivers one this large, so only a direct caller can send it: it gets the problem
            // a request over the limit gets, rather than a failed invocation.
            HttpResponse response = Problems.from(new PayloadTooLargeException(MAX_EVENT_BYTES),
                    context.getAwsRequestId()).toResponse().withHeader(REQUEST_ID_HEADER, context.getAwsRequestId());
            finish(new Observation(context, context.getAwsRequestId()), null, response, LogLevel.INFO, null);
            response.writeEvent(output);
            return Optional.empty();
        }
        return Optional.of(Json.readEvent(new String(event, StandardCharsets.UTF_8)));
    }

    /** The response to a payload-2.0 event. */
    public static HttpResponse respond(Map<String, Object> event, Context context, String method, Route route) {
        HttpRequest request;
        try {
            request = HttpRequest.fromEvent(event);
        } catch (InvoicesException unreadable) {
            HttpResponse response = Problems.from(unreadable, context.getAwsRequestId()).toResponse()
                    .withHeader(REQUEST_ID_HEADER, context.getAwsRequestId());
            finish(new Observation(context, context.getAwsRequestId()), null, response, LogLevel.INFO, null);
            return response;
        }
        String requestId = request.requestId().isEmpty() ? context.getAwsRequestId() : request.requestId();
        Observation observation = new Observation(context, requestId);
        String invoiceId = request.pathParameter("invoice_id");
        if (Ids.isValid(invoiceId)) {
            observation.invoiceId(invoiceId);
        }
        HttpResponse response;
        LogLevel level = LogLevel.INFO;
        Throwable failed = null;
        if (!method.equals(request.method())) {
            response = Problems.methodNotAllowed(method, requestId).toResponse();
        } else {
            try {
                response = route.handle(request, observation);
            } catch (InvoicesException failure) {
                response = Problems.from(failure, requestId).toResponse();
                if (failure instanceof StoreUnavailableException) {
                    level = LogLevel.WARN;
                    failed = failure.getCause() == null ? failure : failure.getCause();
                }
            } catch (RuntimeException unexpected) {
                response = Problems.internalError(requestId).toResponse();
                level = LogLevel.ERROR;
                failed = unexpected;
            }
        }
        // This request's id, on every answer: a replayed answer's body keeps the first request's.
        response = response.withHeader(REQUEST_ID_HEADER, requestId);
        finish(observation, request, response, level, failed);
        return response;
    }

    /** The request line, then the metrics: one of each per request. */
    private static void finish(Observation observation, HttpRequest request, HttpResponse response, LogLevel level,
                               Throwable failure) {
        Context context = observation.context();
        String code = problemCode(response);
        LogLine line = LogLine.of(level, "request")
                .with("request_id", observation.requestId())
                .with("aws_request_id", context.getAwsRequestId())
                .with("route", request == null || request.routeKey().isEmpty() ? null : request.routeKey())
                .with("customer_id", observation.customerId().orElse(null))
                .with("invoice_id", observation.invoiceId().orElse(null))
                .with("status", response.statusCode())
                .with("code", code)
                .with("idempotent_replayed", observation.replayed())
                .with("duration_ms", observation.elapsedMillis());
        if (failure != null) {
            line.failure(failure);
        }
        line.writeTo(context);
        Metrics metrics = observation.metrics();
        metrics.problem(response.statusCode(), code);
        metrics.addDynamoDbCounts();
        metrics.writeTo(context, observation.requestId());
    }

    /** The {@code code} of a problem answer, a replayed one included; null for any other answer. */
    private static String problemCode(HttpResponse response) {
        if (response.statusCode() < 400 || !HttpResponse.PROBLEM_JSON.equals(response.headers().get("content-type"))) {
            return null;
        }
        try {
            return Json.readObject(response.body()).get("code") instanceof String code ? code : null;
        } catch (InvoicesException unreadable) {
            return null;
        }
    }
}
