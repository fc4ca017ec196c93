package dev.invoices.devtools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The repository's root folder, found from the working directory: Maven runs each module's tests in the module's
 * folder and people run the local server from anywhere inside the clone, so it is the first folder at or above
 * the working directory that holds both {@code template.yaml} and {@code pom.xml}.
 */
public final class RepositoryRoot {
    private RepositoryRoot() {
    }

    /** The root, or empty when the working directory is outside a clone. */
    public static Optional<Path> find() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** The root; fails with the working directory in the message when there is none. */
    public static Path require() {
        return find().orElseThrow(() -> new IllegalStateException("No folder at or above "
                + Path.of(System.getProperty("user.dir")).toAbsolutePath() + " holds both template.yaml and pom.xml"));
    }
}
