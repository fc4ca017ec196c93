package dev.invoices.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The lines of a file, one at a time, without their {@code \n} or {@code \r\n}, in memory bounded by the longest
 * line allowed. Lines are decoded one by one, so that a line that is not UTF-8, or too long, is reported with its
 * number like any other bad line.
 */
final class JsonLines implements AutoCloseable {
    /** Far above DynamoDB's 400 KB item, so no storable invoice is refused, yet a file without newlines is. */
    static final int MAX_LINE_BYTES = 4 << 20;

    /** A line of the file, numbered from 1. */
    sealed interface Line {
        int number();
    }

    record Text(int number, String text, int bytes) implements Line {
    }

    record Unreadable(int number, String reason) implements Line {
    }

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private final CharsetDecoder decoder = UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private int position;
    private int limit;
    private long bytesRead;
    private int number;
    private byte[] line = new byte[1 << 12];

    JsonLines(InputStream in) {
        this.in = in;
    }

    /** How many bytes of the file the lines returned so far took, line ends included. */
    long bytesRead() {
        return bytesRead;
    }

    /** The next line; null at the end of the file. */
    Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            bytesRead += chunk;
            if (!tooLong && length + chunk > MAX_LINE_BYTES) {
                tooLong = true;
            }
            if (!tooLong) {
                if (length + chunk > line.length) {
                    line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + chunk)));
                }
                System.arraycopy(buffer, start, line, length, chunk);
                length += chunk;
            }
            if (position < limit) {
                position++; // the newline
                bytesRead++;
                break;
            }
        }
        number++;
        if (tooLong) {
            return new Unreadable(number, "is longer than " + (MAX_LINE_BYTES >> 20) + " MiB");
        }
        int bytes = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        try {
            return new Text(number, decoder.decode(ByteBuffer.wrap(line, 0, bytes)).toString(), bytes);
        } catch (CharacterCodingException notUtf8) {
            return new Unreadable(number, "is not valid UTF-8 text");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
