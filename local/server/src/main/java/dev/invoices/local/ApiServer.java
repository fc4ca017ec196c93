package dev.invoices.local;

import dev.invoices.devtools.LocalEngine;
import dev.invoices.http.HttpResponse;
import dev.invoices.http.Problem;
import dev.invoices.http.Problems;
import dev.invoices.json.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The local HTTP API: what API Gateway does in front of the functions. Each request becomes the HTTP API
 * payload-2.0 event AWS would send, the matching function's handler runs with it, and its result becomes the
 * HTTP response. Unknown paths are {@code 404 route_not_found}, a known path with another method is
 * {@code 405 method_not_allowed} with {@code Allow}; with a JWT secret, a missing or bad bearer token is
 * {@code 401 unauthorized}. It also serves {@code openapi.yaml} at {@code /openapi.yaml}, and as an interactive
 * reference at {@code /docs} ({@link ApiReference}). A request that is not well-formed HTTP/1.1 is refused by
 * {@link HttpWire} and answered here as the same kind of problem: {@code 400 invalid_request}, {@code 413 payload_too_large}, {@code 414
 * uri_too_long} or {@code 431 headers_too_large}. Listens on {@code 127.0.0.1} only.
 */
final class ApiServer implements AutoCloseable, HttpWire.Handler {
    static final String API_ID = "local";
    /** The OpenAPI document, served at {@code /openapi.yaml} from beside the template. */
    static final String OPENAPI_FILE = "openapi.yaml";
    private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** Lambda's limit on a synchronous invocation's payload: the whole payload-2.0 event. */
    private static final int MAX_INVOCATION_BYTES = 6 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final SecureRandom IDS = new SecureRandom();

    private final RouteTable routes;
    private final Optional<JwtVerifier> auth;
    private final PrintStream log;
    private final Path openApi;
    private final Clock clock;
    /** The claim the access log names a token's customer by (the template's {@code CustomerClaim}). */
    private final String customerClaim;
    private final ApiReference reference = new ApiReference();
    private HttpWire wire;

    private ApiServer(RouteTable routes, Optional<JwtVerifier> auth, PrintStream log, Path openApi, Clock clock,
                      String customerClaim) {
        this.customerClaim = customerClaim;
        this.routes = routes;
        this.auth = auth;
        this.log = log;
        this.openApi = openApi;
        this.clock = clock;
    }

    /**
     * @param port the loopback port, 0 for one the operating system picks
     * @param log  where access lines and the handlers' log lines go
     * @param customerClaim the claim naming a token's customer, for the access lines
     */
    static ApiServer start(RouteTable routes, int port, Optional<JwtVerifier> auth, PrintStream log, Path openApi,
                           String customerClaim) {
        ApiServer api = new ApiServer(routes, auth, log, openApi, Clock.systemUTC(), customerClaim);
        try {
            api.wire = HttpWire.listen(InetAddress.getByName(LocalEngine.LOOPBACK), port, api, MAX_BODY_BYTES);
        } catch (IOException e) {
            throw new LocalFailure("cannot listen on " + LocalEngine.LOOPBACK + ":" + port + ": "
                    + e.getMessage() + (port == 0 ? "" : " (is the port in use? choose another with --port)"), e);
        }
        return api;
    }

    int port() {
        return wire.port();
    }

    @Override
    public HttpWire.Response handle(HttpWire.Request request) {
        String method = request.method().toUpperCase(Locale.ROOT);
        if (request.rawPath().equals("/" + OPENAPI_FILE) && List.of("GET", "HEAD").contains(method)) {
            return serveDocument(request);
        }
        if (ApiReference.owns(request.rawPath()) && List.of("GET", "HEAD").contains(method)) {
            return serveReference(request);
        }
        return route(request);
    }

    @Override
    public HttpWire.Response refuse(int status, String code, String detail) {
        String title = switch (status) {
            case 413 -> "Payload too large";
            case 414 -> "URI too long";
            case 431 -> "Request headers too large";
            default -> "Invalid request";
        };
        String requestId = apiRequestId();
        Reply reply = Reply.of(Problem.of(status, code, title, detail).withRequestId(requestId).toResponse());
        new AccessLog(requestId, clock.instant(), null, null).set("status", status).writeTo(log);
        return reply.toWire(requestId);
    }

    /** The OpenAPI document, read at each request so that edits show without a restart; 404 when absent. */
    private HttpWire.Response serveDocument(HttpWire.Request request) {
        String requestId = apiRequestId();
        Reply reply;
        try {
            reply = new Reply(200, Map.of("content-type", "application/yaml; charset=utf-8",
                    "cache-control", "no-cache"), List.of(), Files.readAllBytes(openApi));
        } catch (IOException missing) {
            reply = Reply.of(Problem.of(404, "route_not_found", "Not found",
                    "No route matches this method and path.").withRequestId(requestId).toResponse());
        }
        access(request, requestId).set("routeKey", request.method() + " /" + OPENAPI_FILE)
                .set("status", reply.status()).set("responseLatency", 0).writeTo(log);
        return reply.toWire(requestId);
    }

    /** The API reference page and its files ({@link ApiReference}); 404 for any other path under it. */
    private HttpWire.Response serveReference(HttpWire.Request request) {
        String requestId = apiRequestId();
        Reply reply = reference.file(request.rawPath())
                .map(file -> new Reply(200, Map.of("content-type", file.contentType(), "cache-control", "no-cache",
                        "x-content-type-options", "nosniff"), List.of(), file.body()))
                .orElseGet(() -> Reply.of(Problem.of(404, "route_not_found", "Not found",
                        "No route matches this method and path.").withRequestId(requestId).toResponse()));
        access(request, requestId).set("routeKey", request.method() + " /docs")
                .set("status", reply.status()).set("responseLatency", 0).writeTo(log);
        return reply.toWire(requestId);
    }

    /** Stops accepting requests, lets those in progress finish (up to a second), and stops. */
    @Override
    public void close() {
        wire.close();
    }

    private HttpWire.Response route(HttpWire.Request request) {
        long started = System.nanoTime();
        String method = request.method().toUpperCase(Locale.ROOT);
        String requestId = apiRequestId();
        AccessLog access = access(request, requestId);
        Reply reply;
        try {
            RouteTable.Match match = routes.match(method, request.rawPath());
            switch (match) {
                case RouteTable.NotFound ignored -> reply = Reply.of(Problem.of(404, "route_not_found",
                        "Not found", "No route matches this method and path.").withRequestId(requestId).toResponse());
                case RouteTable.WrongMethod wrong -> reply = Reply.of(Problems.methodNotAllowed(
                        String.join(", ", wrong.allowed()), requestId).toResponse());
                case RouteTable.Found found -> {
                    access.set("routeKey", found.entry().routeKey());
                    reply = invoke(request, found, requestId, access);
                }
            }
        } catch (RuntimeException unexpected) {
            unexpected.printStackTrace(log);
            reply = Reply.internalServerError();
        }
        access.set("status", reply.status()).set("responseLatency", (System.nanoTime() - started) / 1_000_000)
                .writeTo(log);
        return reply.toWire(requestId);
    }

    /** The access line of a request, with what is known as it arrives. */
    private AccessLog access(HttpWire.Request request, String requestId) {
        return new AccessLog(requestId, clock.instant(), request.remoteAddress().getHostAddress(),
                request.headers().stream().filter(h -> h.name().equalsIgnoreCase("user-agent"))
                        .map(HttpWire.Header::value).findFirst().orElse(null));
    }

    private Reply invoke(HttpWire.Request request, RouteTable.Found found, String requestId, AccessLog access) {
        Optional<JwtVerifier.Verified> principal = Optional.empty();
        if (auth.isPresent()) {
            principal = auth.get().verify(request.headers().stream()
                    .filter(h -> h.name().equalsIgnoreCase("authorization")).map(HttpWire.Header::value)
                    .findFirst().orElse(null));
            if (principal.isEmpty()) {
                access.set("authorizerError", "Unauthorized");
                return Reply.of(Problem.of(401, "unauthorized", "Unauthorized", "A valid bearer token is required.")
                        .withRequestId(requestId).toResponse().withHeader("www-authenticate", "Bearer"));
            }
            Map<String, String> claims = principal.get().claims();
            access.set("customerId", claims.get(customerClaim)).set("clientId", claims.get("client_id"));
        }
        byte[] event = JsonValues.write(event(request, found, requestId, principal))
                .getBytes(StandardCharsets.UTF_8);
        if (event.length > MAX_INVOCATION_BYTES) {
            // Lambda refuses a synchronous invocation over 6 MB, so in AWS such a request never reaches a
            // handler either; a body can get there from well under API Gateway's 10 MB once it is escaped.
            return Reply.of(Problem.of(413, "payload_too_large", "Payload too large",
                    "The request is over the 6 MB a function invocation may carry.").withRequestId(requestId)
                    .toResponse());
        }
        byte[] result;
        long invoked = System.nanoTime();
        try {
            result = found.entry().function().invoke(event, log);
        } catch (LocalFunction.HandlerFailure failure) {
            log.println(found.entry().function().logicalId() + " " + requestId + " unhandled error:");
            failure.getCause().printStackTrace(log);
            access.set("integrationStatus", 200).set("integrationError", "The Lambda function returned an error")
                    .set("integrationLatency", (System.nanoTime() - invoked) / 1_000_000);
            return Reply.internalServerError();
        }
        access.set("integrationStatus", 200).set("integrationLatency", (System.nanoTime() - invoked) / 1_000_000);
        return Reply.fromLambdaResult(result);
    }

    /** The HTTP API payload-2.0 event for this request, field by field as AWS builds it. */
    private Map<String, Object> event(HttpWire.Request request, RouteTable.Found found, String requestId,
                                      Optional<JwtVerifier.Verified> principal) {
        String rawPath = request.rawPath();
        String rawQuery = request.rawQuery();
        byte[] body = request.body();
        String sourceIp = request.remoteAddress().getHostAddress();
        Map<String, String> headers = headers(request.headers());
        headers.putIfAbsent("x-forwarded-for", sourceIp);
        headers.putIfAbsent("x-forwarded-port", Integer.toString(port()));
        headers.putIfAbsent("x-forwarded-proto", "http");
        String host = headers.getOrDefault("host", LocalEngine.LOOPBACK + ":" + port());
        Instant now = clock.instant();

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", found.entry().routeKey());
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery);
        List<String> cookies = cookies(request.headers());
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers);
        Map<String, String> query = queryParameters(rawQuery);
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }

        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", request.method().toUpperCase(Locale.ROOT));
        http.put("path", rawPath);
        http.put("protocol", request.protocol());
        http.put("sourceIp", sourceIp);
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", LocalStore.ACCOUNT_ID);
        context.put("apiId", API_ID);
        principal.ifPresent(p -> {
            Map<String, Object> jwt = new LinkedHashMap<>();
            jwt.put("claims", p.claims());
            jwt.put("scopes", p.scopes().isEmpty() ? null : p.scopes());
            context.put("authorizer", Map.of("jwt", jwt));
        });
        context.put("domainName", host);
        context.put("domainPrefix", host.split("[.:]", 2)[0]);
        context.put("http", http);
        context.put("requestId", requestId);
        context.put("routeKey", found.entry().routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        event.put("requestContext", context);

        if (!found.pathParameters().isEmpty()) {
            event.put("pathParameters", found.pathParameters());
        }
        if (body.length > 0) {
            Optional<String> text = utf8(body);
            event.put("body", text.orElseGet(() -> Base64.getEncoder().encodeToString(body)));
            event.put("isBase64Encoded", text.isEmpty());
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** Lower-case names, repeated headers joined with commas; cookies travel in {@code cookies} instead. */
    private static Map<String, String> headers(List<HttpWire.Header> requestHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpWire.Header header : requestHeaders) {
            String lower = header.name().toLowerCase(Locale.ROOT);
            if (!lower.equals("cookie")) {
                headers.merge(lower, header.value(), (a, b) -> a + "," + b);
            }
        }
        return headers;
    }

    private static List<String> cookies(List<HttpWire.Header> requestHeaders) {
        List<String> cookies = new ArrayList<>();
        for (HttpWire.Header header : requestHeaders) {
            if (header.name().equalsIgnoreCase("cookie")) {
                for (String cookie : header.value().split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.strip());
                    }
                }
            }
        }
        return cookies;
    }

    /** Percent-decoded names and values; a repeated name's values joined with commas, in order. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = RouteTable.decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : RouteTable.decode(pair.substring(equals + 1));
            if (!name.isEmpty()) {
                parameters.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        return parameters;
    }

    private static Optional<String> utf8(byte[] body) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException notText) {
            return Optional.empty();
        }
    }

    /** API Gateway's request ids look like {@code BxWvQg0CoAMEbZA=}. */
    private static String apiRequestId() {
        byte[] id = new byte[10];
        IDS.nextBytes(id);
        return Base64.getEncoder().encodeToString(id).replace('/', 'A').replace('+', 'B');
    }

    /** An HTTP response to send. */
    private record Reply(int status, Map<String, String> headers, List<String> cookies, byte[] body) {
        static Reply of(HttpResponse response) {
            return new Reply(response.statusCode(), response.headers(), List.of(),
                    response.body().getBytes(StandardCharsets.UTF_8));
        }

        /** What API Gateway answers when the function fails or returns something it cannot read. */
        static Reply internalServerError() {
            return new Reply(500, Map.of("content-type", "application/json"), List.of(),
                    "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
        }

        /**
         * The function's result as API Gateway reads a payload-2.0 response: an object with {@code statusCode}
         * is the response; anything else valid is a 200 JSON body.
         */
        @SuppressWarnings("unchecked")
        static Reply fromLambdaResult(byte[] result) {
            String text = new String(result, StandardCharsets.UTF_8);
            Object tree;
            try {
                tree = Json.readTree(text);
            } catch (RuntimeException notJson) {
                return internalServerError();
            }
            if (!(tree instanceof Map<?, ?> map) || !map.containsKey("statusCode")) {
                return new Reply(200, Map.of("content-type", "application/json"), List.of(),
                        text.getBytes(StandardCharsets.UTF_8));
            }
            Map<String, Object> response = (Map<String, Object>) map;
            if (!(response.get("statusCode") instanceof BigDecimal status)) {
                return internalServerError();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            if (response.get("headers") instanceof Map<?, ?> given) {
                given.forEach((name, value) -> headers.put(String.valueOf(name), String.valueOf(value)));
            }
            List<String> cookies = new ArrayList<>();
            if (response.get("cookies") instanceof List<?> given) {
                given.forEach(cookie -> cookies.add(String.valueOf(cookie)));
            }
            byte[] body = new byte[0];
            if (response.get("body") instanceof String given) {
                body = Boolean.TRUE.equals(response.get("isBase64Encoded"))
                        ? Base64.getDecoder().decode(given)
                        : given.getBytes(StandardCharsets.UTF_8);
            }
            return new Reply(status.intValueExact(), headers, cookies, body);
        }

        /** The response on the wire; one whose headers would break its framing is API Gateway's 500. */
        HttpWire.Response toWire(String requestId) {
            List<HttpWire.Header> out = new ArrayList<>();
            headers.forEach((name, value) -> out.add(new HttpWire.Header(name, value)));
            cookies.forEach(cookie -> out.add(new HttpWire.Header("set-cookie", cookie)));
            if (!out.stream().allMatch(HttpWire::isSafeHeader)) {
                return internalServerError().toWire(requestId);
            }
            out.removeIf(header -> header.name().equalsIgnoreCase("apigw-requestid")
                    || header.name().equalsIgnoreCase("content-length")
                    || header.name().equalsIgnoreCase("connection")
                    || header.name().equalsIgnoreCase("transfer-encoding"));
            out.add(new HttpWire.Header("apigw-requestid", requestId));
            return new HttpWire.Response(status, out, body);
        }
    }
}
