package dev.invoices.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.error.InvoicesException;
import dev.invoices.error.PayloadTooLargeException;
import dev.invoices.error.StoreUnavailableException;
import dev.invoices.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The frame every HTTP function runs in: read the payload-2.0 event, check the method, run the route, map
 * any failure to a problem once, log what an operator needs (request id, status, code; the exception for
 * 5xx), and write the response. Handlers supply only the route.
 */
public final class HttpApi {
    /** Lambda's limit on a synchronous invocation's payload, which an HTTP API event is. */
    static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    /** One route: a request in, a response out; failures are thrown as {@link InvoicesException}s. */
    @FunctionalInterface
    public interface Route {
        HttpResponse handle(HttpRequest request);
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
            Problem problem = Problems.from(new PayloadTooLargeException(MAX_EVENT_BYTES), context.getAwsRequestId());
            log(context, LogLevel.INFO, context.getAwsRequestId(), problem, null);
            problem.toResponse().writeEvent(output);
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
            Problem problem = Problems.from(unreadable, context.getAwsRequestId());
            log(context, LogLevel.INFO, context.getAwsRequestId(), problem, null);
            return problem.toResponse();
        }
        String requestId = request.requestId().isEmpty() ? context.getAwsRequestId() : request.requestId();
        return respond(request, requestId, context, method, route);
    }

    private static HttpResponse respond(HttpRequest request, String requestId, Context context, String method,
                                        Route route) {
        if (!method.equals(request.method())) {
            return Problems.methodNotAllowed(method).toResponse();
        }
        try {
            return route.handle(request);
        } catch (InvoicesException failure) {
            Problem problem = Problems.from(failure, requestId);
            if (failure instanceof StoreUnavailableException) {
                log(context, LogLevel.WARN, requestId, problem, failure.getCause());
            } else {
                log(context, LogLevel.INFO, requestId, problem, null);
            }
            return problem.toResponse();
        } catch (RuntimeException unexpected) {
            Problem problem = Problems.internalError(requestId);
            log(context, LogLevel.ERROR, requestId, problem, unexpected);
            return problem.toResponse();
        }
    }

    private static void log(Context context, LogLevel level, String requestId, Problem problem, Throwable cause) {
        StringBuilder line = new StringBuilder()
                .append("request_id=").append(requestId)
                .append(" status=").append(problem.status())
                .append(" code=").append(problem.code());
        if (cause != null) {
            line.append(" cause=").append(cause);
            for (StackTraceElement frame : cause.getStackTrace()) {
                line.append("\n\tat ").append(frame);
            }
        }
        context.getLogger().log(line.toString(), level);
    }
}
