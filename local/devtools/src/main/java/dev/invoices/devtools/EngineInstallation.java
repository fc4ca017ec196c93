package dev.invoices.devtools;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local DynamoDB engine's installation: moto's server, pinned with hashes in
 * {@code local/engine/requirements.txt}, in a Python virtual environment at {@code local/engine/.venv} (ignored
 * by git). The first use on a machine creates it; later uses find it ready, unless the lock file changed.
 *
 * <p>The engine's folder is {@code $INVOICES_ENGINE_HOME} when set, otherwise {@code local/engine} in the clone
 * the working directory is in ({@link RepositoryRoot}), so that tests in any module, the local server and the
 * benchmarks all use the same installation. Python is {@code $INVOICES_PYTHON}, or {@code python3} on the path.
 */
public final class EngineInstallation {
    /** Optional: the folder that holds {@code engine.py} and {@code requirements.txt}. */
    public static final String HOME_VARIABLE = "INVOICES_ENGINE_HOME";
    /** Optional: the Python 3.9+ interpreter that creates the virtual environment. */
    public static final String PYTHON_VARIABLE = "INVOICES_PYTHON";

    private static final String ENGINE_FOLDER = "local/engine";
    private static final String STAMP = ".installed-requirements.sha256";
    private static final long INSTALL_TIMEOUT_MINUTES = 10;

    private final Path home;
    private final Path python;

    private EngineInstallation(Path home, Path python) {
        this.home = home;
        this.python = python;
    }

    /** The script the engine runs. */
    public Path script() {
        return home.resolve("engine.py");
    }

    /** The virtual environment's Python, which has moto. */
    public Path python() {
        return python;
    }

    /**
     * Finds the engine's folder and makes sure its virtual environment matches {@code requirements.txt},
     * installing it if not. Several processes may call this at once: one installs, the others wait for it.
     *
     * @throws IllegalStateException if there is no engine folder, no suitable Python, or the install fails
     */
    public static synchronized EngineInstallation ready(Map<String, String> environment) {
        Path home = home(environment);
        Path requirements = home.resolve("requirements.txt");
        Path venv = home.resolve(".venv");
        Path python = venv.resolve(isWindows() ? "Scripts/python.exe" : "bin/python");
        String wanted = sha256(requirements);
        if (isInstalled(venv, python, wanted)) {
            return new EngineInstallation(home, python);
        }
        try (FileChannel channel = FileChannel.open(home.resolve(".install.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (!isInstalled(venv, python, wanted)) {
                install(environment, home, venv, python, requirements, wanted);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + home.resolve(".install.lock"), e);
        }
        return new EngineInstallation(home, python);
    }

    private static Path home(Map<String, String> environment) {
        String given = environment.get(HOME_VARIABLE);
        if (given != null && !given.isBlank()) {
            Path home = Path.of(given).toAbsolutePath().normalize();
            if (!Files.isRegularFile(home.resolve("engine.py"))) {
                throw new IllegalStateException(HOME_VARIABLE + "=" + given + " holds no engine.py");
            }
            return home;
        }
        Path candidate = RepositoryRoot.find().map(root -> root.resolve(ENGINE_FOLDER)).orElse(null);
        if (candidate == null || !Files.isRegularFile(candidate.resolve("engine.py"))) {
            throw new IllegalStateException("no " + ENGINE_FOLDER + "/engine.py in a clone at or above "
                    + Path.of(System.getProperty("user.dir")).toAbsolutePath() + ": run from the repository, or set "
                    + HOME_VARIABLE);
        }
        return candidate;
    }

    private static boolean isInstalled(Path venv, Path python, String wanted) {
        try {
            return Files.isExecutable(python) && wanted.equals(Files.readString(venv.resolve(STAMP)).strip());
        } catch (IOException missing) {
            return false;
        }
    }

    private static void install(Map<String, String> environment, Path home, Path venv, Path python,
                                Path requirements, String wanted) {
        String basePython = environment.getOrDefault(PYTHON_VARIABLE, isWindows() ? "python" : "python3");
        System.err.println("Installing the local DynamoDB engine (moto, pinned in " + requirements
                + ") into " + venv + " ...");
        Path log = home.resolve("install.log");
        run(log, List.of(basePython, "-c",
                "import sys; sys.exit(0 if sys.version_info >= (3, 9) else 'Python 3.9 or later is needed, not '"
                        + " + sys.version.split()[0])"),
                "a Python 3.9 or later (set " + PYTHON_VARIABLE + " to one)");
        run(log, List.of(basePython, "-m", "venv", "--clear", venv.toString()),
                "Python's venv module (on Debian and Ubuntu: apt-get install python3-venv)");
        run(log, List.of(python.toString(), "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
                        "--require-hashes", "--no-deps", "-r", requirements.toString()),
                "the packages in " + requirements + " (is PyPI reachable?)");
        try {
            Files.writeString(venv.resolve(STAMP), wanted + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + venv.resolve(STAMP), e);
        }
        System.err.println("Installed the local DynamoDB engine.");
    }

    /** Runs one install step, its output appended to {@code log}; fails naming {@code what} was missing. */
    private static void run(Path log, List<String> command, String what) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        try {
            Process process = builder.start();
            if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("installing the local DynamoDB engine timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("installing the local DynamoDB engine failed; it needs " + what
                        + ". Last lines of " + log + ":\n" + tail(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst() + "; the local DynamoDB engine needs "
                    + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing the local DynamoDB engine", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable)";
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static File nullDevice() {
        return new File(isWindows() ? "NUL" : "/dev/null");
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
