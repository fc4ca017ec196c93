package dev.invoices.testing;

import dev.invoices.devtools.RepositoryRoot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of this repository (the template, the event fixtures in {@code events/}) for tests in any module.
 * The root is {@link RepositoryRoot}'s.
 */
public final class RepositoryFiles {
    private RepositoryFiles() {
    }

    /**
     * The repository's root folder.
     *
     * @return the absolute path of the first folder at or above the working directory that holds both
     *         {@code template.yaml} and {@code pom.xml}
     * @throws IllegalStateException if there is none
     */
    public static Path root() {
        return RepositoryRoot.require();
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
