package dev.invoices.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of this repository (the template, the event fixtures in {@code events/}) for tests in any module.
 * Maven runs each module's tests in the module's folder, so the repository root is found by walking up from
 * there to the first folder that holds both {@code template.yaml} and {@code pom.xml}.
 */
public final class RepositoryFiles {
    private static Path root;

    private RepositoryFiles() {
    }

    /**
     * The repository's root folder.
     *
     * @return the absolute path of the first folder at or above the working directory that holds both
     *         {@code template.yaml} and {@code pom.xml}
     * @throws IllegalStateException if there is none
     */
    public static synchronized Path root() {
        if (root == null) {
            Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                    root = dir;
                    return root;
                }
            }
            throw new IllegalStateException("No folder at or above " + start + " holds both template.yaml and pom.xml");
        }
        return root;
    }

    /**
     * A path inside the repository.
     *
     * @param relative a path relative to the repository root, e.g. {@code events/get-invoice.json}
     * @return the absolute path
     */
    public static Path path(String relative) {
        return root().resolve(relative);
    }

    /**
     * The contents of a repository file.
     *
     * @param relative a path relative to the repository root
     * @return the file's text, read as UTF-8
     * @throws UncheckedIOException if it cannot be read
     */
    public static String read(String relative) {
        Path file = path(relative);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
