package dev.invoices.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.invoices.config.Dependencies;
import dev.invoices.config.ServiceConfig;
import dev.invoices.lambda.InvocationContext;
import dev.invoices.priming.Priming;
import dev.invoices.store.DynamoDbClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A fresh JVM's first real request to one handler, with or without priming first: prints how many classes that
 * request loaded ({@code loaded=N}) and its answer's status ({@code status=N}). Run by
 * {@link FirstRequestAfterPrimingIT}.
 *
 * <p>usage: FirstRequestProbe HANDLER_CLASS prime|cold ENDPOINT TABLE EVENT_FILE [PRIMING_EVENT ...]
 */
public final class FirstRequestProbe {
    private FirstRequestProbe() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        boolean prime = args[1].equals("prime");
        ServiceConfig config = ServiceConfig.from(Map.of(ServiceConfig.TABLE_NAME, args[3],
                ServiceConfig.CURSOR_SECRET, "first-request-probe-cursor-secret-0123456789",
                ServiceConfig.AUTHORIZATION, "required"));
        Dependencies dependencies = new Dependencies(config, DynamoDbClients.create(config.region(),
                Optional.of(URI.create(args[2])), StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("local", "local")), List.of()), Clock.systemUTC());
        Function<Dependencies, RequestStreamHandler> factory = deps -> {
            try {
                return (RequestStreamHandler) type.getConstructor(Dependencies.class).newInstance(deps);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
        RequestStreamHandler handler = factory.apply(dependencies);
        if (prime) {
            Priming.of(factory, Arrays.copyOfRange(args, 5, args.length)).run();
        }
        byte[] event = Files.readAllBytes(Path.of(args[4]));
        LambdaLogger silent = new LambdaLogger() {
            @Override
            public void log(String message) {
            }

            @Override
            public void log(byte[] message) {
            }
        };
        InvocationContext context = new InvocationContext(type.getSimpleName(), "probe-1", Duration.ofSeconds(15),
                1024, silent);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        classes.getTotalLoadedClassCount();
        long before = classes.getTotalLoadedClassCount();
        System.out.println("request begins");
        handler.handleRequest(new ByteArrayInputStream(event), out, context);
        System.out.println("request ends");
        long after = classes.getTotalLoadedClassCount();
        String answer = out.toString(StandardCharsets.UTF_8);
        int status = answer.indexOf("\"statusCode\":");
        System.out.println("loaded=" + (after - before));
        System.out.println("status=" + answer.substring(status + 13, answer.indexOf(',', status)).strip());
    }
}
