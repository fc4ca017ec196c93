package dev.invoices.local;

import com.amazonaws.services.lambda.runtime.Context;
import dev.invoices.template.CloudFormationTemplate.HttpRoute;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * One function of the template, its handler instantiated once (as a Lambda container does at cold start) and
 * invoked with raw event bytes, as the Lambda runtime invokes a stream handler.
 */
final class LocalFunction {
    private final String logicalId;
    private final String handler;
    private final List<HttpRoute> routes;
    private final int timeoutSeconds;
    private final int memoryMb;
    private final Object instance;
    private final Method method;

    LocalFunction(String logicalId, String handler, List<HttpRoute> routes, int timeoutSeconds, int memoryMb,
                  Object instance, Method method) {
        this.logicalId = logicalId;
        this.handler = handler;
        this.routes = List.copyOf(routes);
        this.timeoutSeconds = timeoutSeconds;
        this.memoryMb = memoryMb;
        this.instance = instance;
        this.method = method;
    }

    String logicalId() {
        return logicalId;
    }

    String handler() {
        return handler;
    }

    List<HttpRoute> routes() {
        return routes;
    }

    /**
     * Runs the handler with {@code event} and returns what it wrote.
     *
     * @param log where the handler's {@code context.getLogger()} lines go
     * @throws HandlerFailure if the handler threw, as Lambda reports an unhandled error
     */
    byte[] invoke(byte[] event, PrintStream log) {
        Context context = LocalContext.create(logicalId, timeoutSeconds, memoryMb, log);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            method.invoke(instance, new ByteArrayInputStream(event), output, context);
        } catch (InvocationTargetException e) {
            throw new HandlerFailure(logicalId, e.getCause());
        } catch (IllegalAccessException e) {
            throw new HandlerFailure(logicalId, e);
        }
        return output.toByteArray();
    }

    /** The parameter types of a stream handler's method. */
    static Class<?>[] streamHandlerParameters() {
        return new Class<?>[]{InputStream.class, OutputStream.class, Context.class};
    }

    /** A handler that threw: Lambda would answer the invocation with an error, and API Gateway with a 500. */
    static final class HandlerFailure extends RuntimeException {
        HandlerFailure(String logicalId, Throwable cause) {
            super(logicalId + " failed: " + cause, cause);
        }
    }
}
