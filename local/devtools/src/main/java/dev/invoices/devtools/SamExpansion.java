package dev.invoices.devtools;

import dev.invoices.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a deploy of a SAM template creates: the template expanded into plain CloudFormation by AWS's own SAM
 * translator ({@code aws-sam-translator}, installed in the local engine's environment), offline. Tests assert on
 * this rather than on the YAML, because SAM adds, renames and drops resources (an alias, its versions, one
 * permission per event source) and silently ignores keys it does not know.
 */
public final class SamExpansion {
    private static final String SCRIPT = "expand_template.py";

    private SamExpansion() {
    }

    /**
     * @param template   a SAM template file
     * @param parameters parameter values, as {@code sam deploy --parameter-overrides} would give them
     * @return the expanded template: {@code Resources} and the rest, as plain Java values
     * @throws IllegalArgumentException with SAM's causes when the translator rejects the template
     */
    public static Map<String, Object> expand(Path template, Map<String, String> parameters) {
        EngineInstallation installation = EngineInstallation.ready(System.getenv());
        List<String> command = new ArrayList<>(List.of(installation.python().toString(),
                installation.script().resolveSibling(SCRIPT).toString(), template.toAbsolutePath().toString()));
        parameters.forEach((name, value) -> command.add(name + "=" + value));
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                    Path.of("/dev/null").toFile())).start();
            // stderr is small (the causes); read stdout fully first, then stderr, so neither pipe fills up
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the SAM translator did not finish within 60 s");
            }
            if (process.exitValue() == 2) {
                throw new IllegalArgumentException("SAM rejects " + template + ":\n" + err.strip());
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("the SAM translator failed (exit " + process.exitValue() + "):\n"
                        + err.strip());
            }
            return Json.readObject(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the SAM translator: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
