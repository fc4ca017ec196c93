package dev.invoices.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads HTTP/1.1 requests (RFC 9112) off one connection, strictly: a request is either well formed and handed on
 * exactly as sent (header values keep their TABs, the target its raw bytes), or it is refused with a
 * {@link Malformed} that says what is wrong. Nothing is repaired or guessed, because a lenient reader is how one
 * request is read two ways.
 */
final class HttpRequestReader {
    /** API Gateway refuses request lines and header blocks far smaller; these only stop a runaway client. */
    static final int MAX_REQUEST_LINE_BYTES = 16 * 1024;
    static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_LEADING_EMPTY_LINES = 4;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;

    /** @param in buffered: the reader takes one byte at a time */
    HttpRequestReader(InputStream in) {
        this.in = in;
    }

    /** A request line and its headers, checked; the body is read separately, so that oversize is found first. */
    record Head(String method, String rawPath, String rawQuery, String protocol, List<HttpWire.Header> headers,
                Framing framing, long contentLength, boolean expectsContinue, boolean keepAlive) {
        Optional<String> header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(HttpWire.Header::value)
                    .findFirst();
        }
    }

    enum Framing { NONE, LENGTH, CHUNKED }

    /** A request that cannot be read; the connection is closed after the answer, since its framing is unknown. */
    static final class Malformed extends Exception {
        final int status;
        final String code;

        Malformed(int status, String code, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.code = code;
        }

        static Malformed invalid(String detail) {
            return new Malformed(400, "invalid_request", detail);
        }
    }

    /** The next request's head; empty when the client closed the connection between requests. */
    Optional<Head> readHead() throws IOException, Malformed {
        String requestLine = null;
        for (int empty = 0; requestLine == null; empty++) {
            Optional<byte[]> line = readLine(MAX_REQUEST_LINE_BYTES, empty == 0, new Malformed(414, "uri_too_long",
                    "The request line is over " + MAX_REQUEST_LINE_BYTES + " bytes."));
            if (line.isEmpty()) {
                return Optional.empty();
            }
            if (line.get().length > 0) {
                requestLine = ascii(line.get(), "The request line");
            } else if (empty >= MAX_LEADING_EMPTY_LINES) {
                throw Malformed.invalid("The request starts with empty lines instead of a request line.");
            }
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3) {
            throw Malformed.invalid(parts.length == 2
                    ? "The request line has no HTTP version: send 'METHOD /path HTTP/1.1'."
                    : "The request line must be 'METHOD /path HTTP/1.1', separated by single spaces.");
        }
        String method = parts[0];
        if (method.isEmpty() || !method.chars().allMatch(HttpRequestReader::isTokenChar)) {
            throw Malformed.invalid("The request method is not a token.");
        }
        String protocol = parts[2];
        if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
            throw Malformed.invalid("The HTTP version must be HTTP/1.1 or HTTP/1.0.");
        }
        String target = originForm(parts[1]);
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? "" : target.substring(question + 1);
        checkPercentEncoding(rawPath, "The path");
        checkPercentEncoding(rawQuery, "The query string");

        List<HttpWire.Header> headers = readHeaders();
        return Optional.of(head(method, rawPath, rawQuery, protocol, headers));
    }

    private static Head head(String method, String rawPath, String rawQuery, String protocol,
                             List<HttpWire.Header> headers) throws Malformed {
        boolean http11 = protocol.equals("HTTP/1.1");
        List<String> hosts = values(headers, "host");
        if (http11 && hosts.size() != 1) {
            throw Malformed.invalid(hosts.isEmpty() ? "An HTTP/1.1 request needs a Host header."
                    : "The request has more than one Host header.");
        }
        List<String> transferEncodings = values(headers, "transfer-encoding");
        List<String> contentLengths = values(headers, "content-length");
        Framing framing = Framing.NONE;
        long contentLength = 0;
        if (!transferEncodings.isEmpty()) {
            if (!contentLengths.isEmpty()) {
                throw Malformed.invalid("The request has both Transfer-Encoding and Content-Length.");
            }
            String coding = String.join(",", transferEncodings).strip().toLowerCase(Locale.ROOT);
            if (!http11 || !coding.equals("chunked")) {
                throw Malformed.invalid("Transfer-Encoding '" + printable(coding) + "' is not supported: send the body"
                        + " with Content-Length, or with Transfer-Encoding: chunked over HTTP/1.1.");
            }
            framing = Framing.CHUNKED;
        } else if (!contentLengths.isEmpty()) {
            contentLength = contentLength(contentLengths);
            framing = Framing.LENGTH;
        }
        List<String> expect = values(headers, "expect");
        boolean expectsContinue = http11 && expect.size() == 1 && expect.getFirst().equalsIgnoreCase("100-continue");
        List<String> connection = new ArrayList<>();
        for (String value : values(headers, "connection")) {
            for (String option : value.split(",")) {
                connection.add(option.strip().toLowerCase(Locale.ROOT));
            }
        }
        boolean keepAlive = http11 ? !connection.contains("close") : connection.contains("keep-alive");
        return new Head(method, rawPath, rawQuery, protocol, List.copyOf(headers), framing, contentLength,
                expectsContinue, keepAlive);
    }

    /**
     * The body, at most {@code maxBytes}; a larger one is a 413 before any of it is read when its length is
     * declared. Sends {@code 100 Continue} first when the client waits for it.
     */
    byte[] readBody(Head head, int maxBytes, OutputStream out) throws IOException, Malformed {
        if (head.framing() == Framing.NONE || (head.framing() == Framing.LENGTH && head.contentLength() == 0)) {
            return new byte[0];
        }
        if (head.framing() == Framing.LENGTH && head.contentLength() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (head.expectsContinue()) {
            out.write(CONTINUE);
            out.flush();
        }
        if (head.framing() == Framing.LENGTH) {
            byte[] body = in.readNBytes((int) head.contentLength());
            if (body.length < head.contentLength()) {
                throw incomplete();
            }
            return body;
        }
        return readChunked(maxBytes);
    }

    private byte[] readChunked(int maxBytes) throws IOException, Malformed {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = ascii(readLine(1024, false, Malformed.invalid("A chunk size line is over 1024 bytes."))
                    .orElseThrow(), "A chunk size line");
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            if (hex.isEmpty() || hex.length() > 7 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
                throw Malformed.invalid("A chunk size is not a hexadecimal number.");
            }
            int size = HexFormat.fromHexDigits(hex);
            if (size == 0) {
                break;
            }
            if (body.size() + (long) size > maxBytes) {
                throw tooLarge(maxBytes);
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw incomplete();
            }
            body.write(chunk);
            int cr = in.read();
            if (cr < 0 || (cr == '\r' ? in.read() : cr) != '\n') {
                throw Malformed.invalid("A chunk is not followed by CRLF: its size is wrong.");
            }
        }
        readHeaders(); // trailers: read to find the end of the message, then dropped, as API Gateway drops them
        return body.toByteArray();
    }

    private List<HttpWire.Header> readHeaders() throws IOException, Malformed {
        List<HttpWire.Header> headers = new ArrayList<>();
        int total = 0;
        while (true) {
            byte[] line = readLine(MAX_HEADER_BYTES, false, headersTooLarge()).orElseThrow();
            total += line.length + 2;
            if (total > MAX_HEADER_BYTES) {
                throw headersTooLarge();
            }
            if (line.length == 0) {
                return headers;
            }
            headers.add(header(line));
        }
    }

    /** {@code name: value}; the value loses the spaces and TABs around it, and keeps every one inside it. */
    private static HttpWire.Header header(byte[] line) throws Malformed {
        if (line[0] == ' ' || line[0] == '\t') {
            throw Malformed.invalid("A header line starts with whitespace (obsolete line folding is not accepted).");
        }
        int colon = -1;
        for (int i = 0; i < line.length && colon < 0; i++) {
            if (line[i] == ':') {
                colon = i;
            } else if (!isTokenChar(line[i] & 0xff)) {
                throw Malformed.invalid("A header name holds a character that a header name cannot.");
            }
        }
        if (colon <= 0) {
            throw Malformed.invalid("A header line has no name followed by ':'.");
        }
        int start = colon + 1;
        int end = line.length;
        while (start < end && (line[start] == ' ' || line[start] == '\t')) {
            start++;
        }
        while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        String name = new String(line, 0, colon, StandardCharsets.US_ASCII);
        for (int i = start; i < end; i++) {
            int b = line[i] & 0xff;
            if ((b < 0x20 && b != '\t') || b == 0x7f) {
                throw Malformed.invalid("The " + name + " header holds a control character.");
            }
        }
        try {
            String value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, start, end - start)).toString();
            return new HttpWire.Header(name, value);
        } catch (CharacterCodingException notUtf8) {
            throw Malformed.invalid("The " + name + " header is not UTF-8.");
        }
    }

    /**
     * One line without its CRLF (a bare LF is accepted, as RFC 9112 allows for line endings; a bare CR is not). Empty when the
     * stream ends before the line's first byte and {@code endAllowed}.
     */
    private Optional<byte[]> readLine(int limit, boolean endAllowed, Malformed tooLong) throws IOException, Malformed {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0 && endAllowed) {
                    return Optional.empty();
                }
                throw incomplete();
            }
            if (b == '\n') {
                return Optional.of(line.toByteArray());
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw Malformed.invalid("A carriage return that does not end a line.");
                }
                return Optional.of(line.toByteArray());
            }
            if (line.size() >= limit) {
                throw tooLong;
            }
            line.write(b);
        }
    }

    private static Malformed incomplete() {
        return Malformed.invalid("The request ends before it is complete.");
    }

    /** The origin-form target ({@code /path?query}); an absolute-form one ({@code http://host/path}) is reduced to it. */
    private static String originForm(String target) throws Malformed {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw Malformed.invalid("The request target holds a space, a control character or a non-ASCII byte;"
                        + " percent-encode it.");
            }
            if (c == '#') {
                throw Malformed.invalid("The request target holds a fragment ('#'), which is never sent.");
            }
        }
        if (target.startsWith("/")) {
            return target;
        }
        String lower = target.toLowerCase(Locale.ROOT);
        for (String scheme : List.of("http://", "https://")) {
            if (lower.startsWith(scheme)) {
                int slash = target.indexOf('/', scheme.length());
                int question = target.indexOf('?', scheme.length());
                if (slash < 0 || (question >= 0 && question < slash)) {
                    return "/" + (question < 0 ? "" : target.substring(question));
                }
                return target.substring(slash);
            }
        }
        throw Malformed.invalid("The request target must be a path starting with '/'.");
    }

    /** Every '%' starts an escape of two hexadecimal digits, and what the escapes spell is UTF-8. */
    private static void checkPercentEncoding(String raw, String what) throws Malformed {
        if (raw.indexOf('%') < 0) {
            return;
        }
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                decoded.write(c);
                continue;
            }
            if (i + 2 >= raw.length() || !HexFormat.isHexDigit(raw.charAt(i + 1)) || !HexFormat.isHexDigit(raw.charAt(i + 2))) {
                throw Malformed.invalid(what + " holds a '%' that is not followed by two hexadecimal digits;"
                        + " a literal '%' is sent as %25.");
            }
            decoded.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
            i += 2;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded.toByteArray()));
        } catch (CharacterCodingException notUtf8) {
            throw Malformed.invalid(what + " percent-encodes bytes that are not UTF-8.");
        }
    }

    private static long contentLength(List<String> values) throws Malformed {
        String only = null;
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                String digits = part.strip();
                if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw Malformed.invalid("Content-Length must be a number of bytes: digits only.");
                }
                if (only != null && Long.parseLong(only) != Long.parseLong(digits)) {
                    throw Malformed.invalid("The request has Content-Length values that disagree.");
                }
                only = digits;
            }
        }
        return Long.parseLong(only);
    }

    private static List<String> values(List<HttpWire.Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(HttpWire.Header::value).toList();
    }

    private static Malformed headersTooLarge() {
        return new Malformed(431, "headers_too_large", "The request's headers are over " + MAX_HEADER_BYTES + " bytes.");
    }

    private static Malformed tooLarge(int maxBytes) {
        return new Malformed(413, "payload_too_large", "The request body is over " + maxBytes + " bytes.");
    }

    private static String ascii(byte[] line, String what) throws Malformed {
        for (byte b : line) {
            if (b < 0x20 || b == 0x7f) {
                throw Malformed.invalid(what + " holds a control character or a non-ASCII byte.");
            }
        }
        return new String(line, StandardCharsets.US_ASCII);
    }

    /** For echoing a client's value in a detail: printable ASCII only, and short. */
    private static String printable(String value) {
        String shown = value.codePoints().filter(c -> c >= 0x20 && c < 0x7f).limit(40)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() < value.length() ? shown + "…" : shown;
    }

    /** A token character (tchar) of RFC 9110. */
    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
