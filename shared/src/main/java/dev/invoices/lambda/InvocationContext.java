package dev.invoices.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.time.Duration;
import java.util.Objects;

/**
 * A Lambda {@link Context} for invocations that do not come from the Lambda service: SnapStart priming, the
 * local server and tests. The time left counts down from {@code timeout}, as Lambda's does.
 */
public class InvocationContext implements Context {
    /** The account local and synthetic ARNs name (the documentation example account). */
    public static final String ACCOUNT_ID = "123456789012";
    public static final String REGION = "us-east-1";

    private final String functionName;
    private final String requestId;
    private final long deadlineNanos;
    private final int memoryMb;
    private final LambdaLogger logger;

    public InvocationContext(String functionName, String requestId, Duration timeout, int memoryMb,
                             LambdaLogger logger) {
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.memoryMb = memoryMb;
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
