package dev.invoices.local;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 over loopback sockets, one virtual thread per connection, with keep-alive. It replaces the JDK's
 * {@code com.sun.net.httpserver}, which answers requests it cannot parse itself, with HTML pages that name Java
 * exceptions and with a 501 for an unknown transfer coding, and which turns a TAB inside a header value into a
 * space. Here every request either reaches the {@link Handler} exactly as sent or is refused through
 * {@link Handler#refuse}, so that the API decides the shape of every answer.
 */
final class HttpWire implements AutoCloseable {
    /** Idle keep-alive connections and stalled requests are dropped after this long. */
    private static final int READ_TIMEOUT_MILLIS = 60_000;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"), Map.entry(204, "No Content"),
            Map.entry(304, "Not Modified"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(409, "Conflict"), Map.entry(412, "Precondition Failed"), Map.entry(413, "Content Too Large"),
            Map.entry(414, "URI Too Long"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Content"), Map.entry(429, "Too Many Requests"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    record Header(String name, String value) {
    }

    /** A request as the client sent it: the raw path and query, and the headers in order, names as sent. */
    record Request(String method, String rawPath, String rawQuery, String protocol, List<Header> headers,
                   byte[] body, InetAddress remoteAddress) {
    }

    /** What to send; {@code content-length}, {@code date} and {@code connection} are the wire's to add. */
    record Response(int status, List<Header> headers, byte[] body) {
    }

    interface Handler {
        Response handle(Request request);

        /** The answer to a request that could not be read; the connection closes after it. */
        Response refuse(int status, String code, String detail);
    }

    private final ServerSocket socket;
    private final Handler handler;
    private final int maxBodyBytes;
    private final Clock clock;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    private HttpWire(ServerSocket socket, Handler handler, int maxBodyBytes, Clock clock) {
        this.socket = socket;
        this.handler = handler;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    static HttpWire listen(InetAddress address, int port, Handler handler, int maxBodyBytes) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(address, port), 128);
        HttpWire wire = new HttpWire(socket, handler, maxBodyBytes, Clock.systemUTC());
        Thread.ofPlatform().name("http-accept-" + socket.getLocalPort()).daemon().start(wire::accept);
        return wire;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Connection connection = new Connection(socket.accept());
                connections.add(connection);
                threads.execute(connection::serve);
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Stops accepting, closes idle connections, lets requests in progress finish (up to a second), and stops. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        connections.forEach(Connection::closeIfIdle);
        threads.shutdown();
        try {
            threads.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.forEach(Connection::close);
        threads.shutdownNow();
    }

    private final class Connection {
        private final Socket client;
        private volatile boolean busy;

        Connection(Socket client) {
            this.client = client;
        }

        void serve() {
            try (client) {
                client.setSoTimeout(READ_TIMEOUT_MILLIS);
                client.setTcpNoDelay(true);
                HttpRequestReader reader = new HttpRequestReader(new BufferedInputStream(client.getInputStream()));
                OutputStream out = new BufferedOutputStream(client.getOutputStream());
                boolean open = true;
                while (open && !socket.isClosed()) {
                    open = exchange(reader, out);
                }
            } catch (IOException gone) {
                // the client went away, timed out, or the server is closing: nothing to answer
            } finally {
                connections.remove(this);
            }
        }

        /** One request and its answer; false when the connection is to close. */
        private boolean exchange(HttpRequestReader reader, OutputStream out) throws IOException {
            HttpRequestReader.Head head;
            byte[] body;
            try {
                var next = reader.readHead();
                if (next.isEmpty()) {
                    return false;
                }
                busy = true;
                head = next.get();
                body = reader.readBody(head, maxBodyBytes, out);
            } catch (HttpRequestReader.Malformed malformed) {
                busy = true;
                write(out, handler.refuse(malformed.status, malformed.code, malformed.getMessage()), false, false);
                return false;
            }
            try {
                Response response = handler.handle(new Request(head.method(), head.rawPath(), head.rawQuery(),
                        head.protocol(), head.headers(), body, client.getInetAddress()));
                write(out, response, head.method().equals("HEAD"), head.keepAlive());
                return head.keepAlive();
            } finally {
                busy = false;
            }
        }

        private void write(OutputStream out, Response response, boolean head, boolean keepAlive) throws IOException {
            StringBuilder text = new StringBuilder(256);
            text.append("HTTP/1.1 ").append(response.status()).append(' ')
                    .append(REASONS.getOrDefault(response.status(), "")).append("\r\n");
            for (Header header : response.headers()) {
                text.append(header.name()).append(": ").append(header.value()).append("\r\n");
            }
            text.append("date: ").append(HTTP_DATE.format(clock.instant())).append("\r\n");
            boolean bodiless = response.status() == 204 || response.status() == 304;
            if (!bodiless) {
                text.append("content-length: ").append(response.body().length).append("\r\n");
            }
            if (!keepAlive) {
                text.append("connection: close\r\n");
            }
            text.append("\r\n");
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            if (!bodiless && !head) {
                out.write(response.body());
            }
            out.flush();
        }

        void closeIfIdle() {
            if (!busy) {
                close();
            }
        }

        void close() {
            try {
                client.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** A header value a handler gives may not break the response's framing. */
    static boolean isSafeHeader(Header header) {
        return header.name().chars().noneMatch(c -> c == '\r' || c == '\n' || c == ':' || c <= ' ')
                && header.value().chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
    }
}
