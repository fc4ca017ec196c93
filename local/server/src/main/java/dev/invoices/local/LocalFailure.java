package dev.invoices.local;

/**
 * A failure the user can act on: its message is the one line the command prints (without a stack trace unless
 * {@code --verbose}), and the command exits with {@link #exitCode()}.
 */
final class LocalFailure extends RuntimeException {
    /** Exit code of a command that failed. */
    static final int FAILED = 1;
    /** Exit code of a command line that could not be understood. */
    static final int USAGE = 2;

    private final int exitCode;

    LocalFailure(String message) {
        this(message, FAILED, null);
    }

    LocalFailure(String message, Throwable cause) {
        this(message, FAILED, cause);
    }

    private LocalFailure(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static LocalFailure usage(String message) {
        return new LocalFailure(message, USAGE, null);
    }

    int exitCode() {
        return exitCode;
    }
}
