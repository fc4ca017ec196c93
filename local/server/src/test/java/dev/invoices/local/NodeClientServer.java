package dev.invoices.local;

import dev.invoices.testing.RepositoryFiles;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local server that the tests of the Node.js clients ({@link NodeScripts}) drive, one per test class
 * ({@code @RegisterExtension static}): before the class, the scripts' packages installed and {@code serve} started
 * on a free loopback port with 60 demo invoices in a temporary data folder; after it, the server stopped and the
 * folder deleted. The class's tests are skipped where {@code node} and {@code npm}, or a program it
 * {@linkplain #requiring requires}, are absent.
 */
final class NodeClientServer implements BeforeAllCallback, AfterAllCallback {
    /** Each required program, with how to install it. */
    private final Map<Path, String> programs = new LinkedHashMap<>();
    private Path data;
    private LocalServer server;

    /** Skips the class's tests where this program is not executable, saying how to install it. */
    NodeClientServer requiring(Path program, String install) {
        programs.put(program, install);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        assumeTrue(NodeScripts.available(), "node and npm are not on the path");
        programs.forEach((program, install) ->
                assumeTrue(Files.isExecutable(program), "no " + program + " (" + install + ")"));
        NodeScripts.install();
        data = Files.createTempDirectory("node-clients");
        server = LocalServer.start(new LocalServer.Options(RepositoryFiles.path("template.yaml"), 0, Optional.of(data),
                60, 0, Optional.empty(), Map.of()), System.out, System.err);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        if (data != null) {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
            data = null;
        }
    }

    /** The server's base URL without a trailing slash, as clients are configured. */
    String base() {
        return server.baseUri().toString().replaceAll("/$", "");
    }

    /** The id of the customer's first invoice in the list's default order. */
    @SuppressWarnings("unchecked")
    String firstInvoice(String customerId) {
        return (String) ((List<Map<String, Object>>) Http.json(Http.get(server.baseUri()
                .resolve("/v1/customers/" + customerId + "/invoices?limit=1"))).get("data")).getFirst().get("id");
    }
}
