package dev.invoices.local;

import dev.invoices.template.CloudFormationTemplate;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the template, turning every way that can fail into one line. */
final class Templates {
    private Templates() {
    }

    static CloudFormationTemplate read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new LocalFailure("no template at " + file.toAbsolutePath().normalize()
                    + "; run from the repository root, or pass --template PATH");
        }
        try {
            return CloudFormationTemplate.read(file);
        } catch (UncheckedIOException e) {
            throw new LocalFailure("cannot read " + file + ": " + e.getCause().getMessage(), e);
        } catch (RuntimeException e) {
            throw new LocalFailure("template " + file + " is invalid: " + e.getMessage(), e);
        }
    }
}
