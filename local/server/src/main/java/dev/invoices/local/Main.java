package dev.invoices.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar invoices-local.jar serve | invoke | import …}: see {@link Cli#USAGE}. {@code serve} runs until
 * Ctrl-C or SIGTERM, when a shutdown hook stops the HTTP server and then the DynamoDB engine, so that the data
 * directory is complete on disk.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Cli cli = new Cli(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath());
        if (args.length == 0 || !args[0].equals("serve")) {
            System.exit(cli.run(args));
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        boolean verbose = rest.remove("--verbose");
        LocalServer server;
        try {
            server = LocalServer.start(cli.serveOptions(rest), System.out, System.err);
        } catch (RuntimeException failure) {
            System.exit(cli.report(failure, verbose));
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("Stopping…");
            server.close();
            System.err.println("Stopped.");
            stopped.countDown();
        }, "invoices-local-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
