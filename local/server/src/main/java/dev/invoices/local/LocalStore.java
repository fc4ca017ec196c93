package dev.invoices.local;

import dev.invoices.devtools.LocalEngine;
import dev.invoices.devtools.LocalTables;
import dev.invoices.lambda.InvocationContext;
import dev.invoices.template.CloudFormationTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local store: the local DynamoDB engine as a child process, in memory or in a data directory, with every table of the
 * template created (and kept across restarts), plus the local stand-ins for the template's secrets.
 *
 * <p>A data directory is used by one process at a time ({@code .lock}), because two engines appending to one
 * journal would corrupt it.
 */
final class LocalStore implements AutoCloseable {
    static final String REGION = InvocationContext.REGION;
    /** The account id local events and ARNs carry (the one {@code sam local} uses). */
    static final String ACCOUNT_ID = InvocationContext.ACCOUNT_ID;

    private static final String LOCK_FILE = ".lock";
    private static final char[] SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int SECRET_LENGTH = 64;

    private final LocalEngine server;
    private final DynamoDbClient client;
    private final Optional<Path> dataDirectory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<String, String> tableNames;
    private final Map<String, String> environment;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    private LocalStore(LocalEngine server, Optional<Path> dataDirectory, FileChannel lockChannel,
                       FileLock lock, Map<String, String> tableNames, Map<String, String> environment) {
        this.server = server;
        this.client = server.newClient();
        this.dataDirectory = dataDirectory;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.tableNames = tableNames;
        this.environment = environment;
    }

    /**
     * Starts the local DynamoDB engine and creates the template's tables that do not exist yet, each named by its logical
     * id.
     *
     * @param dataDirectory where the data lives, or empty for memory
     * @param dynamoDbPort  the loopback port the engine listens on, 0 for any
     * @param environment   the process environment, for secrets given as variables (e.g. {@code CURSOR_SECRET})
     */
    static LocalStore open(CloudFormationTemplate template, Optional<Path> dataDirectory, int dynamoDbPort,
                           Map<String, String> environment) {
        FileChannel lockChannel = null;
        FileLock lock = null;
        LocalEngine server = null;
        try {
            if (dataDirectory.isPresent()) {
                Path dir = dataDirectory.get();
                try {
                    Files.createDirectories(dir);
                    lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                    lock = lockChannel.tryLock();
                } catch (OverlappingFileLockException inThisProcess) {
                    lock = null;
                } catch (IOException e) {
                    throw new LocalFailure("cannot use the data directory " + dir + ": " + e.getMessage(), e);
                }
                if (lock == null) {
                    throw new LocalFailure("the data directory " + dir + " is in use by another invoices-local"
                            + " process; stop it, or choose another directory with --data");
                }
                server = LocalEngine.persistent(dir, dynamoDbPort);
            } else {
                server = LocalEngine.inMemory(dynamoDbPort);
            }
            Map<String, String> tableNames = new LinkedHashMap<>();
            LocalStore store = new LocalStore(server, dataDirectory, lockChannel, lock, tableNames, environment);
            for (String logicalId : template.tableLogicalIds()) {
                LocalTables.createIfMissing(store.client, template, logicalId, logicalId);
                tableNames.put(logicalId, logicalId);
            }
            return store;
        } catch (IllegalStateException engine) {
            closeQuietly(server, lockChannel);
            String port = dynamoDbPort == 0 ? "" : " (is port " + dynamoDbPort + " free?)";
            throw new LocalFailure(engine.getMessage() + port, engine);
        } catch (RuntimeException e) {
            closeQuietly(server, lockChannel);
            throw e;
        }
    }

    DynamoDbClient client() {
        return client;
    }

    LocalEngine server() {
        return server;
    }

    Optional<Path> dataDirectory() {
        return dataDirectory;
    }

    /** The local name of the table a template logical id defines, if the template defines one. */
    Optional<String> tableName(String logicalId) {
        return Optional.ofNullable(tableNames.get(logicalId));
    }

    /**
     * The local value of a secret that the template resolves into the variable {@code variable} at deploy time:
     * the variable of that name in this process's environment if set; otherwise, with a data directory, a random
     * value generated once and kept in the file named after the variable ({@code CURSOR_SECRET} →
     * {@code cursor-secret}), so that what depends on it (cursors) survives a restart; in memory, a random value
     * for this run.
     */
    String secret(String variable) {
        return secrets.computeIfAbsent(variable, name -> {
            String given = environment.get(name);
            if (given != null && !given.isBlank()) {
                return given.strip();
            }
            if (dataDirectory.isEmpty()) {
                return randomSecret();
            }
            Path file = dataDirectory.get().resolve(name.toLowerCase(Locale.ROOT).replace('_', '-'));
            try {
                if (Files.isRegularFile(file)) {
                    String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                    if (!stored.isEmpty()) {
                        return stored;
                    }
                }
                String generated = randomSecret();
                Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the file keeps the folder's permissions.
                }
                return generated;
            } catch (IOException e) {
                throw new LocalFailure("cannot read or write the local secret " + file + ": " + e.getMessage(), e);
            }
        });
    }

    private static String randomSecret() {
        SecureRandom random = new SecureRandom();
        char[] secret = new char[SECRET_LENGTH];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = SECRET_ALPHABET[random.nextInt(SECRET_ALPHABET.length)];
        }
        return new String(secret);
    }

    /** Stops the engine (its journal is complete after every answered write) and releases the data directory. */
    @Override
    public void close() {
        client.close();
        closeQuietly(server, lockChannel);
    }

    private static void closeQuietly(LocalEngine server, FileChannel lockChannel) {
        if (server != null) {
            server.close();
        }
        if (lockChannel != null) {
            try {
                lockChannel.close(); // releases the lock
            } catch (IOException ignored) {
                // the process is about to let go of it anyway
            }
        }
    }
}
