package dev.invoices.local;

import dev.invoices.template.CloudFormationTemplate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line: {@code serve}, {@code invoke} and {@code import}. Every failure is one line on stderr
 * ({@code error: …}) and a non-zero exit code; {@code --verbose} adds the stack trace.
 */
final class Cli {
    static final String USAGE = """
            usage: java -jar local/server/target/invoices-local.jar COMMAND [OPTIONS]

              serve  [--port 3000] [--data DIR | --in-memory] [--seed N] [--dynamodb-port P]
                     [--auth-secret S [--auth-issuer ISS] [--auth-audience AUD,...]] [--events FILE] [--webhook URL]
                     the HTTP API of every function in template.yaml, on the local DynamoDB engine (data in .data/ by default),
                     and the invoice events its stream announces: in the console, appended to FILE, POSTed to URL
              invoke FUNCTION_LOGICAL_ID EVENT_FILE [--data DIR | --in-memory]
                     runs one function's handler with an event, like `sam local invoke -e`, and prints its result
                     (authorization as deployed: an HTTP event needs the JWT authorizer's claims, as in events/)
              import FILE [--data DIR | --endpoint URL --table NAME --region R] [--replace]
                     loads invoices (one canonical invoice JSON per line), all or nothing

            every command: --template PATH (default ./template.yaml), --verbose (stack traces)""";

    private static final Set<String> COMMON_VALUED = Set.of("template", "data");
    private static final Set<String> COMMON_FLAGS = Set.of("in-memory");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Path workingDirectory;

    Cli(PrintStream out, PrintStream err, Map<String, String> environment, Path workingDirectory) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    /** Runs a command that ends ({@code invoke}, {@code import}); returns its exit code. */
    int run(String... args) {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean verbose = rest.remove("--verbose");
        try {
            if (rest.isEmpty() || rest.getFirst().equals("--help") || rest.getFirst().equals("help")) {
                out.println(USAGE);
                return rest.isEmpty() ? LocalFailure.USAGE : 0;
            }
            String command = rest.removeFirst();
            return switch (command) {
                case "invoke" -> invoke(rest);
                case "import" -> importFile(rest);
                case "serve" -> throw LocalFailure.usage("serve runs until stopped: use Main, or LocalServer in tests");
                default -> throw LocalFailure.usage("unknown command " + command + " (serve, invoke or import)");
            };
        } catch (RuntimeException failure) {
            return report(failure, verbose);
        }
    }

    /** Reports a failure as one line (plus its stack trace when verbose) and returns the exit code. */
    int report(RuntimeException failure, boolean verbose) {
        String message = switch (failure) {
            case LocalFailure local -> local.getMessage();
            case SdkException sdk -> "DynamoDB: " + firstLine(sdk.getMessage());
            default -> firstLine(failure.getMessage() == null ? failure.getClass().getName()
                    : failure.getClass().getSimpleName() + ": " + failure.getMessage());
        };
        err.println("error: " + message);
        if (failure instanceof LocalFailure local && local.exitCode() == LocalFailure.USAGE) {
            err.println("run with --help for usage");
        }
        if (verbose) {
            failure.printStackTrace(err);
        }
        return failure instanceof LocalFailure local ? local.exitCode() : LocalFailure.FAILED;
    }

    /** The options of {@code serve}. */
    LocalServer.Options serveOptions(List<String> args) {
        Arguments parsed = Arguments.parse(args, union(COMMON_VALUED, "port", "seed", "dynamodb-port", "auth-secret",
                "auth-issuer", "auth-audience", "events", "webhook"), COMMON_FLAGS);
        parsed.requirePositional(0, "serve [--port 3000] [--data DIR | --in-memory] [--seed N] [--dynamodb-port P]"
                + " [--auth-secret S [--auth-issuer ISS] [--auth-audience AUD,...]] [--events FILE] [--webhook URL]");
        Optional<URI> webhook = parsed.option("webhook").map(text -> {
            URI uri;
            try {
                uri = URI.create(text);
            } catch (IllegalArgumentException e) {
                throw LocalFailure.usage("--webhook is not a URL: " + text);
            }
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw LocalFailure.usage("--webhook must be an http(s) URL, not " + text);
            }
            return uri;
        });
        return new LocalServer.Options(template(parsed), parsed.intOption("port", 3000, 0, 65_535),
                dataDirectory(parsed), parsed.intOption("seed", 0, 0, 1_000_000),
                parsed.intOption("dynamodb-port", 0, 1, 65_535), tokenSettings(parsed), environment,
                parsed.option("events").map(this::resolve), webhook);
    }

    /** The JWT check of {@code serve}: on with {@code --auth-secret}, with the authorizer's issuer and audiences. */
    private static Optional<JwtVerifier.Settings> tokenSettings(Arguments parsed) {
        Optional<String> secret = parsed.option("auth-secret");
        if (secret.isEmpty()) {
            if (parsed.option("auth-issuer").isPresent() || parsed.option("auth-audience").isPresent()) {
                throw LocalFailure.usage("--auth-issuer and --auth-audience need --auth-secret");
            }
            return Optional.empty();
        }
        return Optional.of(new JwtVerifier.Settings(secret.get(),
                parsed.option("auth-issuer").orElse(JwtVerifier.Settings.DEFAULT_ISSUER),
                parsed.option("auth-audience").map(list -> List.of(list.split(",", -1)).stream().map(String::strip)
                        .toList()).orElse(List.of(JwtVerifier.Settings.DEFAULT_AUDIENCE))));
    }

    private int invoke(List<String> args) {
        Arguments parsed = Arguments.parse(args, COMMON_VALUED, COMMON_FLAGS);
        parsed.requirePositional(2, "invoke FUNCTION_LOGICAL_ID EVENT_FILE [--data DIR | --in-memory]");
        String logicalId = parsed.positional().get(0);
        Path eventFile = resolve(parsed.positional().get(1));
        byte[] event;
        try {
            event = Files.readAllBytes(eventFile);
        } catch (NoSuchFileException e) {
            throw new LocalFailure("no such event file: " + eventFile);
        } catch (IOException e) {
            throw new LocalFailure("cannot read " + eventFile + ": " + e.getMessage(), e);
        }
        Path templateFile = template(parsed);
        CloudFormationTemplate template = Templates.read(templateFile);
        try (LocalStore store = LocalStore.open(template, dataDirectory(parsed), 0, environment);
             LocalEvents events = LocalEvents.start(Optional.empty(), Optional.empty(), err)) {
            // As the template deploys it (AUTHORIZATION=required): an HTTP event carries the authorizer's claims,
            // as the samples in events/ do, or it is refused as it would be in AWS. Events a function publishes
            // are printed on stderr, as EventBridge would deliver them.
            LocalFunction function = new LocalFunctions(template, store, true, Optional.of(events)).build(logicalId);
            byte[] result;
            try {
                result = function.invoke(event, err);
            } catch (LocalFunction.HandlerFailure failure) {
                throw new LocalFailure(failure.getMessage(), failure.getCause());
            }
            out.println(new String(result, StandardCharsets.UTF_8));
            out.flush();
            return 0;
        }
    }

    private int importFile(List<String> args) {
        Arguments parsed = Arguments.parse(args, union(COMMON_VALUED, "endpoint", "table", "region"),
                union(COMMON_FLAGS, "replace"));
        parsed.requirePositional(1, "import FILE [--data DIR | --endpoint URL --table NAME --region R] [--replace]");
        Path file = resolve(parsed.positional().getFirst());
        boolean replace = parsed.flag("replace");
        Optional<String> table = parsed.option("table");
        if (table.isPresent()) {
            if (parsed.option("data").isPresent() || parsed.flag("in-memory")) {
                throw LocalFailure.usage("--table names a table elsewhere: it goes with --endpoint/--region, not"
                        + " --data or --in-memory");
            }
            try (DynamoDbClient client = remoteClient(parsed)) {
                new Importer(new InvoiceWriter(client, table.get()), out, err).run(file, replace);
            }
            return 0;
        }
        if (parsed.option("endpoint").isPresent() || parsed.option("region").isPresent()) {
            throw LocalFailure.usage("--endpoint and --region need --table NAME");
        }
        CloudFormationTemplate template = Templates.read(template(parsed));
        try (LocalStore store = LocalStore.open(template, dataDirectory(parsed), 0, environment)) {
            String local = store.tableName(LocalServer.INVOICES_TABLE).orElseThrow(() -> new LocalFailure(
                    "the template defines no " + LocalServer.INVOICES_TABLE));
            new Importer(new InvoiceWriter(store.client(), local), out, err).run(file, replace);
        }
        return 0;
    }

    /**
     * A client for DynamoDB elsewhere: any DynamoDB-compatible endpoint (LocalStack, a container, the local engine of another serve) or AWS itself. Credentials come
     * from the SDK's default chain (environment, profile, SSO, …), as for any AWS CLI tool.
     */
    private DynamoDbClient remoteClient(Arguments parsed) {
        String region = parsed.option("region")
                .or(() -> Optional.ofNullable(environment.get("AWS_REGION")))
                .or(() -> Optional.ofNullable(environment.get("AWS_DEFAULT_REGION")))
                .orElse("us-east-1");
        var builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        parsed.option("endpoint").ifPresent(endpoint -> {
            URI uri;
            try {
                uri = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw LocalFailure.usage("--endpoint is not a URL: " + endpoint);
            }
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw LocalFailure.usage("--endpoint must be a URL such as http://127.0.0.1:8000, not " + endpoint);
            }
            builder.endpointOverride(uri);
        });
        return builder.build();
    }

    private Path template(Arguments parsed) {
        return resolve(parsed.option("template").orElse("template.yaml"));
    }

    private Optional<Path> dataDirectory(Arguments parsed) {
        if (parsed.flag("in-memory")) {
            if (parsed.option("data").isPresent()) {
                throw LocalFailure.usage("--data and --in-memory exclude each other");
            }
            return Optional.empty();
        }
        return Optional.of(resolve(parsed.option("data").orElse(".data")));
    }

    private Path resolve(String path) {
        return workingDirectory.resolve(path).normalize();
    }

    private static Set<String> union(Set<String> base, String... more) {
        HashSet<String> all = new HashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
