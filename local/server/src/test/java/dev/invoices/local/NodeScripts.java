package dev.invoices.local;

import dev.invoices.json.Json;
import dev.invoices.testing.RepositoryFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Node.js scripts of {@code src/test/node} and the npm packages they use, pinned with their hashes in its
 * {@code package-lock.json}: copied to {@code target/node} and installed there with {@code npm ci} (no install
 * scripts) on first use, then run, each printing one JSON line.
 */
final class NodeScripts {
    private static final Path SOURCES = RepositoryFiles.path("local/server/src/test/node");
    private static final Path INSTALL = RepositoryFiles.path("local/server/target/node");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "retrieve-pdf.mjs",
            "docs-page.mjs");

    private NodeScripts() {
    }

    /** Whether {@code node} and {@code npm} are on the path. */
    static boolean available() {
        return runs("node", "--version") && runs("npm", "--version");
    }

    /** Copies the scripts and installs the packages, unless the same lock file is installed already. */
    static void install() throws IOException, InterruptedException {
        Files.createDirectories(INSTALL);
        Path lock = INSTALL.resolve("package-lock.json");
        boolean current = Files.isRegularFile(lock)
                && Files.readString(lock).equals(Files.readString(SOURCES.resolve("package-lock.json")))
                && Files.isDirectory(INSTALL.resolve("node_modules"));
        for (String file : FILES) {
            Files.copy(SOURCES.resolve(file), INSTALL.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!current) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                    .directory(INSTALL.toFile()).redirectErrorStream(true)
                    .redirectOutput(INSTALL.resolve("npm-ci.log").toFile()).start();
            assertTrue(npm.waitFor(300, TimeUnit.SECONDS) && npm.exitValue() == 0,
                    "npm ci failed: " + Files.readString(INSTALL.resolve("npm-ci.log")));
        }
    }

    /** Runs a script with these arguments and reads the JSON line it prints. */
    static Map<String, Object> run(String script, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(arguments));
        Process node = new ProcessBuilder(command).directory(INSTALL.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), script + " did not finish");
        assertEquals(0, node.exitValue(), out);
        return Json.readObject(out.strip());
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
