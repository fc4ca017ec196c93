package dev.invoices.local;

import dev.invoices.devtools.LocalEngine;
import dev.invoices.json.Json;
import dev.invoices.testing.RepositoryFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local server's HTTP layer, byte for byte over raw sockets: every malformed request is answered with the same
 * RFC 9457 problem as any other refusal, and every well-formed one reaches the handler exactly as it was sent.
 * The malformed requests are those a black-box campaign found answered with HTML pages naming Java exceptions.
 */
class HttpWireIT {
    private static final String HOST = "Host: 127.0.0.1\r\n";

    @TempDir
    static Path dir;

    private static LocalServer echo;
    private static LocalServer invoices;

    @BeforeAll
    static void start() throws IOException {
        Path template = dir.resolve("template.yaml");
        try (InputStream in = HttpWireIT.class.getResourceAsStream("/echo-template.yaml")) {
            Files.write(template, in.readAllBytes());
        }
        echo = LocalServer.start(new LocalServer.Options(template, 0, Optional.empty(), 0, 0, Optional.empty(),
                Map.of()), System.out, System.err);
        invoices = LocalServer.start(new LocalServer.Options(RepositoryFiles.path("template.yaml"), 0,
                Optional.empty(), 0, 0, Optional.empty(), Map.of()), System.out, System.err);
    }

    @AfterAll
    static void stop() {
        if (echo != null) {
            echo.close();
        }
        if (invoices != null) {
            invoices.close();
        }
    }

    static Stream<Arguments> malformedRequests() {
        String get = "GET /echo/x";
        return Stream.of(
                Arguments.of("a query escape of no hex digits", get + "?limit=%zz HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Arguments.of("a lone % in the query", get + "?limit=% HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Arguments.of("a query escape cut short", get + "?limit=%4 HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Arguments.of("an escape in the path of no hex digits", "GET /echo/%g0 HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Arguments.of("escapes that spell no UTF-8", get + "?q=%ff%fe HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Arguments.of("a letter Content-Length", "POST /echo/x HTTP/1.1\r\n" + HOST
                        + "Content-Length: abc\r\n\r\n", 400),
                Arguments.of("a negative Content-Length", "POST /echo/x HTTP/1.1\r\n" + HOST
                        + "Content-Length: -1\r\n\r\n", 400),
                Arguments.of("Content-Lengths that disagree", "POST /echo/x HTTP/1.1\r\n" + HOST
                        + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400),
                Arguments.of("an unknown transfer coding", "POST /echo/x HTTP/1.1\r\n" + HOST
                        + "Transfer-Encoding: gzip\r\n\r\n", 400),
                Arguments.of("both chunked and a length", "POST /echo/x HTTP/1.1\r\n" + HOST
                        + "Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n{}", 400),
                Arguments.of("chunked over HTTP/1.0", "POST /echo/x HTTP/1.0\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("a chunk size that is not hexadecimal", "POST /echo/x HTTP/1.1\r\n" + HOST
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400),
                Arguments.of("a chunk longer than its size", "POST /echo/x HTTP/1.1\r\n" + HOST
                        + "Transfer-Encoding: chunked\r\n\r\n1\r\n{}\r\n0\r\n\r\n", 400),
                Arguments.of("a request line without a version", get + "\r\n" + HOST + "\r\n", 400),
                Arguments.of("HTTP/2.0 in a request line", get + " HTTP/2.0\r\n" + HOST + "\r\n", 400),
                Arguments.of("two spaces in the request line", "GET  /echo/x HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Arguments.of("a method that is not a token", "G(T /echo/x HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Arguments.of("a target that is not a path", "GET echo/x HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Arguments.of("a raw non-ASCII byte in the target", "GET /echo/caf\u00e9 HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Arguments.of("a fragment in the target", get + "#top HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Arguments.of("a header line without a colon", get + " HTTP/1.1\r\n" + HOST + "X-Broken\r\n\r\n", 400),
                Arguments.of("a space inside a header name", get + " HTTP/1.1\r\n" + HOST + "X Broken: 1\r\n\r\n", 400),
                Arguments.of("a space before the colon", get + " HTTP/1.1\r\n" + HOST + "X-Broken : 1\r\n\r\n", 400),
                Arguments.of("a folded header", get + " HTTP/1.1\r\n" + HOST + "X-A: 1\r\n  2\r\n\r\n", 400),
                Arguments.of("a control character in a value", get + " HTTP/1.1\r\n" + HOST + "X-A: a\u0001b\r\n\r\n", 400),
                Arguments.of("a value that is not UTF-8", get + " HTTP/1.1\r\n" + HOST + "X-A: caf\u00e9\r\n\r\n", 400),
                Arguments.of("a bare carriage return", get + " HTTP/1.1\r" + HOST + "\r\n", 400),
                Arguments.of("an HTTP/1.1 request without Host", get + " HTTP/1.1\r\n\r\n", 400),
                Arguments.of("two Host headers", get + " HTTP/1.1\r\n" + HOST + HOST + "\r\n", 400),
                Arguments.of("a request cut off in its headers", get + " HTTP/1.1\r\n" + HOST, 400),
                Arguments.of("a TLS handshake", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\r\n", 400),
                Arguments.of("a request line over 16 KB", "GET /echo/" + "a".repeat(17_000) + " HTTP/1.1\r\n"
                        + HOST + "\r\n", 414),
                Arguments.of("headers over 64 KB", get + " HTTP/1.1\r\n" + HOST
                        + ("X-Filler: " + "b".repeat(1_000) + "\r\n").repeat(70) + "\r\n", 431),
                Arguments.of("a declared body over 10 MB", "POST /echo/x HTTP/1.1\r\n" + HOST
                        + "Content-Length: 20000000\r\n\r\n", 413),
                Arguments.of("a chunk over 10 MB", "POST /echo/x HTTP/1.1\r\n" + HOST
                        + "Transfer-Encoding: chunked\r\n\r\nA00001\r\n", 413));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("malformedRequests")
    void aMalformedRequest_isAProblem_neverHtmlNorAClassName(String what, String request, int status)
            throws IOException {
        // when: the bytes as ISO-8859-1, so that each char above is one byte on the wire
        RawResponse response = exchange(echo, request.getBytes(StandardCharsets.ISO_8859_1)).getFirst();

        // then
        assertEquals(status, response.status(), what + ": " + response.body());
        assertEquals("application/problem+json", response.header("content-type"), what);
        Map<String, Object> problem = Json.readObject(response.body());
        assertEquals(switch (status) {
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> "invalid_request";
        }, problem.get("code"), what);
        assertEquals(new BigDecimal(status), problem.get("status"));
        assertFalse(response.body().matches("(?s).*(Exception|java\\.|<html|<h1).*"), response.body());
        assertEquals("close", response.header("connection"), "a request whose framing is unknown ends its connection");
    }

    @Test
    void aTabInsideAHeaderValue_reachesTheHandlerAsATab_andAroundItIsTrimmed() throws IOException {
        // when
        RawResponse response = exchange(echo, ("GET /echo/x HTTP/1.1\r\n" + HOST
                + "X-Key: \t tab\there \t\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)).getFirst();

        // then
        assertEquals(200, response.status(), response.body());
        assertEquals("tab\there", headersOf(response).get("x-key"));
    }

    @Test
    void rawQueryCharactersThatBrowsersSendUnescaped_reachTheHandlerUnaltered() throws IOException {
        // when: | { } \ ^ [ ] ` stay raw in a WHATWG URL's query, so fetch-based clients send them so
        RawResponse response = exchange(echo, ("GET /echo/x?f=|{}\\^[]`&g=a%7Cb HTTP/1.1\r\n" + HOST + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1)).getFirst();

        // then
        assertEquals(200, response.status(), response.body());
        Map<String, Object> event = Json.readObject(response.body());
        assertEquals("f=|{}\\^[]`&g=a%7Cb", event.get("rawQueryString"));
        assertEquals(Map.of("f", "|{}\\^[]`", "g", "a|b"), event.get("queryStringParameters"));
    }

    @Test
    void anIdempotencyKeyWithATab_isRefused_whereTheSameKeyWithASpaceIsAccepted() throws IOException {
        // given: the JDK's server turned the TAB into a space, so that the two keys collided
        String body = "{\"id\":\"00000000-0000-4000-8000-000000000000\"}";

        // when
        RawResponse tab = exchange(invoices, voidRequest("tab\there", body)).getFirst();
        RawResponse space = exchange(invoices, voidRequest("tab here", body)).getFirst();

        // then
        assertEquals(400, tab.status(), tab.body());
        assertEquals("Idempotency-Key", ((Map<?, ?>) ((List<?>) Json.readObject(tab.body()).get("errors"))
                .getFirst()).get("field"));
        assertEquals(404, space.status(), space.body());
    }

    @Test
    void requestsOnOneKeptAliveConnection_areAnsweredInOrder_chunkedAndContinuedBodiesIncluded() throws IOException {
        // given: three pipelined requests: a plain GET, a chunked POST and one that waits for 100 Continue
        String requests = "GET /echo/first HTTP/1.1\r\n" + HOST + "\r\n"
                + "POST /echo/second HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n"
                + "3\r\n{\"a\r\n5;ext=1\r\n\":1}\n\r\n0\r\nX-Trailer: dropped\r\n\r\n"
                + "POST /echo/third HTTP/1.1\r\n" + HOST + "Expect: 100-continue\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}";

        // when
        List<RawResponse> responses = exchange(echo, requests.getBytes(StandardCharsets.ISO_8859_1));

        // then
        assertEquals(List.of(200, 200, 100, 200), responses.stream().map(RawResponse::status).toList());
        assertEquals("/echo/first", Json.readObject(responses.get(0).body()).get("rawPath"));
        assertEquals("{\"a\":1}\n", Json.readObject(responses.get(1).body()).get("body"));
        assertEquals("{}", Json.readObject(responses.get(3).body()).get("body"));
        assertEquals("close", responses.get(3).header("connection"));
    }

    @Test
    void headIsAnsweredWithTheLengthAndNoBody_andTheConnectionStaysUsable() throws IOException {
        // when
        List<RawResponse> responses = exchange(echo, ("HEAD /openapi.yaml HTTP/1.1\r\n" + HOST + "\r\n"
                + "GET /echo/after HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));

        // then
        assertEquals(2, responses.size());
        assertTrue(Integer.parseInt(responses.get(0).header("content-length")) >= 0);
        assertEquals("", responses.get(0).body());
        assertEquals("/echo/after", Json.readObject(responses.get(1).body()).get("rawPath"));
    }

    private static byte[] voidRequest(String key, String body) {
        return ("POST /v1/invoices/void HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n"
                + "Idempotency-Key: " + key + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> headersOf(RawResponse echoed) {
        return (Map<String, String>) Json.readObject(echoed.body()).get("headers");
    }

    record RawResponse(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** Sends the bytes, half-closes, and reads every response until the server closes the connection. */
    private static List<RawResponse> exchange(LocalServer server, byte[] request) throws IOException {
        try (Socket socket = new Socket(LocalEngine.LOOPBACK, server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            List<RawResponse> responses = new ArrayList<>();
            while (true) {
                String statusLine = line(in);
                if (statusLine == null) {
                    return responses;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                    int colon = line.indexOf(':');
                    headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
                }
                int status = Integer.parseInt(statusLine.split(" ")[1]);
                boolean head = responses.isEmpty() && new String(request, StandardCharsets.ISO_8859_1).startsWith("HEAD");
                int length = status == 100 || head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
                responses.add(new RawResponse(status, headers,
                        new String(in.readNBytes(length), StandardCharsets.UTF_8)));
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
