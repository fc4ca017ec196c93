package dev.invoices.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.invoices.error.InvoicesException;
import dev.invoices.error.StoreUnavailableException;
import dev.invoices.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The frame every HTTP function runs in: read the payload-2.0 event, check the method, run the route, map
 * any failure to a problem once, log what an operator needs (request id, status, code; the exception for
 * 5xx), and write the response. Handlers supply only the route.
 */
public final class HttpApi {
    /** One route: a request in, a response out; failures are thrown as {@link InvoicesException}s. */
    @FunctionalInterface
    public interface Route {
        HttpResponse handle(HttpRequest request);
    }

    private HttpApi() {
    }

    public static void serve(InputStream input, OutputStream output, Context context, String method, Route route)
            throws IOException {
        respond(readEvent(input), context, method, route).writeEvent(output);
    }

    /**
     * The invocation's event as a JSON tree, for functions that dispatch on its kind. An event that is not
     * JSON fails the invocation: it did not come from API Gateway or EventBridge.
     */
    public static Map<String, Object> readEvent(InputStream input) throws IOException {
        return Json.readEvent(new String(input.readAllBytes(), StandardCharsets.UTF_8));
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
