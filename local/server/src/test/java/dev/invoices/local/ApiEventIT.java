package dev.invoices.local;

import dev.invoices.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration test of the events the local API builds and the responses it reads back, through a handler that
 * answers with the event it received ({@link EchoHandler}); and of the JWT authorizer ({@code --auth-secret}).
 */
class ApiEventIT {
    private static final JwtVerifier.Settings AUTH = new JwtVerifier.Settings(
            "test-only-jwt-secret-of-32-bytes-or-more", "https://issuer.test", List.of("invoices-api", "app-client-1"));

    @TempDir
    static Path dir;

    private static LocalServer open;
    private static LocalServer secured;

    @BeforeAll
    static void start() throws IOException {
        Path template = dir.resolve("template.yaml");
        try (InputStream in = ApiEventIT.class.getResourceAsStream("/echo-template.yaml")) {
            Files.write(template, in.readAllBytes());
        }
        open = LocalServer.start(new LocalServer.Options(template, 0, Optional.empty(), 0, 0, Optional.empty(),
                Map.of()), System.out, System.err);
        secured = LocalServer.start(new LocalServer.Options(template, 0, Optional.empty(), 0, 0, Optional.of(AUTH),
                Map.of("CURSOR_SECRET", "from-the-environment")), System.out, System.err);
    }

    @AfterAll
    static void stop() {
        if (open != null) {
            open.close();
        }
        if (secured != null) {
            secured.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Json.readObject(response.body());
    }

    @Test
    void aRequest_becomesThePayload20EventAwsWouldSend() {
        // given
        URI uri = open.baseUri().resolve("/echo/caf%C3%A9%20bar?status=draft&status=VOID&q=a%2Bb+c&empty&x=1");

        // when
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(uri)
                .header("X-Repeated", "one").header("X-Repeated", "two")
                .header("Cookie", "a=1; b=2")
                .header("User-Agent", "local-test")
                .GET());

        // then
        Map<String, Object> event = event(response);
        assertEquals("2.0", event.get("version"));
        assertEquals("GET /echo/{name}", event.get("routeKey"));
        assertEquals("/echo/caf%C3%A9%20bar", event.get("rawPath"));
        assertEquals("status=draft&status=VOID&q=a%2Bb+c&empty&x=1", event.get("rawQueryString"));
        assertEquals(List.of("a=1", "b=2"), event.get("cookies"));
        Map<?, ?> headers = (Map<?, ?>) event.get("headers");
        assertEquals("one,two", headers.get("x-repeated"));
        assertEquals("local-test", headers.get("user-agent"));
        assertFalse(headers.containsKey("cookie"));
        assertTrue(headers.keySet().stream().allMatch(name -> name.equals(((String) name).toLowerCase())));
        assertEquals(Map.of("status", "draft,VOID", "q", "a+b+c", "empty", "", "x", "1"),
                event.get("queryStringParameters"));
        assertEquals(Map.of("name", "café bar"), event.get("pathParameters"));
        assertEquals(false, event.get("isBase64Encoded"));
        assertFalse(event.containsKey("body"));

        Map<?, ?> context = (Map<?, ?>) event.get("requestContext");
        assertEquals("GET /echo/{name}", context.get("routeKey"));
        assertEquals("$default", context.get("stage"));
        assertEquals("123456789012", context.get("accountId"));
        assertEquals(ApiServer.API_ID, context.get("apiId"));
        assertEquals("127.0.0.1:" + open.port(), context.get("domainName"));
        assertEquals("127", context.get("domainPrefix"));
        assertEquals(response.headers().firstValue("apigw-requestid").orElseThrow(), context.get("requestId"));
        long epoch = ((BigDecimal) context.get("timeEpoch")).longValueExact();
        assertTrue(Math.abs(Instant.now().toEpochMilli() - epoch) < 60_000);
        assertTrue(((String) context.get("time")).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000"));
        assertFalse(context.containsKey("authorizer"));
        Map<?, ?> http = (Map<?, ?>) context.get("http");
        assertEquals(Map.of("method", "GET", "path", "/echo/caf%C3%A9%20bar", "protocol", "HTTP/1.1",
                "sourceIp", "127.0.0.1", "userAgent", "local-test"), http);
    }

    @Test
    void aTextBodyArrivesAsIs_andABinaryOneBase64Encoded() {
        byte[] binary = {(byte) 0xff, 0, (byte) 0xfe, 1};

        Map<String, Object> text = event(Http.send(HttpRequest.newBuilder(open.baseUri().resolve("/echo/x"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"é\"}", StandardCharsets.UTF_8))));
        Map<String, Object> bytes = event(Http.send(HttpRequest.newBuilder(open.baseUri().resolve("/echo/x"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(binary))));

        assertEquals("{\"id\": \"é\"}", text.get("body"));
        assertEquals(false, text.get("isBase64Encoded"));
        assertEquals(Base64.getEncoder().encodeToString(binary), bytes.get("body"));
        assertEquals(true, bytes.get("isBase64Encoded"));
    }

    @Test
    void theResponse_carriesTheHandlersStatusHeadersAndCookies_andItsResolvedEnvironment() {
        HttpResponse<String> response = Http.get(open.baseUri().resolve("/echo/x"));

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        assertEquals(List.of("session=abc; HttpOnly", "theme=dark"), response.headers().allValues("set-cookie"));
        assertEquals("EchoTable", response.headers().firstValue("x-table-name").orElseThrow());
        assertEquals("64", response.headers().firstValue("x-cursor-secret-length").orElseThrow());
        int remaining = Integer.parseInt(response.headers().firstValue("x-remaining-ms").orElseThrow());
        assertTrue(remaining > 4_000 && remaining <= 5_000, "Timeout 5 s: " + remaining);
    }

    @Test
    void withAuthorization_aRequestWithoutTokenIs401() {
        HttpResponse<String> response = Http.get(secured.baseUri().resolve("/echo/x"));

        LocalServerIT.assertProblem(response, 401, "unauthorized");
        assertEquals("Bearer", response.headers().firstValue("www-authenticate").orElseThrow());
    }

    @Test
    void withAuthorization_badTokensAre401() {
        long now = Instant.now().getEpochSecond();
        String otherKey = JwtVerifier.sign(new JwtVerifier.Settings("another-secret-of-at-least-32-bytes!",
                AUTH.issuer(), AUTH.audiences()), Map.of("sub", "u1"));
        String expired = JwtVerifier.sign(AUTH, Map.of("sub", "u1", "exp", now - 10));
        String notYet = JwtVerifier.sign(AUTH, Map.of("sub", "u1", "nbf", now + 600));
        String issuedLater = JwtVerifier.sign(AUTH, Map.of("sub", "u1", "iat", now + 600));
        Map<String, Object> noExp = new java.util.HashMap<>(Map.of("sub", "u1"));
        noExp.put("exp", null);
        String neverExpires = JwtVerifier.sign(AUTH, noExp);
        String otherIssuer = JwtVerifier.sign(AUTH, Map.of("sub", "u1", "iss", "https://issuer.test/other"));
        String otherAudience = JwtVerifier.sign(AUTH, Map.of("sub", "u1", "aud", "someone-else"));
        // API Gateway reads client_id only when there is no aud: a wrong aud is not rescued by a right client_id
        String wrongAudRightClient = JwtVerifier.sign(AUTH, Map.of("sub", "u1", "aud", "someone-else",
                "client_id", "app-client-1"));
        String good = JwtVerifier.sign(AUTH, Map.of("sub", "u1"));
        String[] parts = good.split("\\.");
        String unsigned = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"admin\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        for (String header : List.of("Bearer " + otherKey, "Bearer " + expired, "Bearer " + notYet,
                "Bearer " + issuedLater, "Bearer " + neverExpires, "Bearer " + otherIssuer, "Bearer " + otherAudience,
                "Bearer " + wrongAudRightClient, "Bearer " + unsigned, "Bearer " + tampered, "Basic dXNlcjpwYXNz",
                "Bearer garbage")) {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(secured.baseUri().resolve("/echo/x"))
                    .header("Authorization", header).GET());
            LocalServerIT.assertProblem(response, 401, "unauthorized");
        }
        assertEquals(200, Http.send(HttpRequest.newBuilder(secured.baseUri().resolve("/echo/x"))
                .header("Authorization", "Bearer " + good).GET()).statusCode(), "the control: a good token passes");
    }

    @Test
    void withAuthorization_aCognitoAccessToken_withoutAudButWithAnAcceptedClientId_passes() {
        Map<String, Object> cognito = new java.util.HashMap<>(Map.of("sub", "svc-1", "client_id", "app-client-1",
                "token_use", "access", "scope", "invoices/read invoices/write", "customer_id", "acme-corp"));
        cognito.put("aud", null);
        String token = JwtVerifier.sign(AUTH, cognito);

        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(secured.baseUri().resolve("/echo/x"))
                .header("Authorization", "Bearer " + token).GET());

        assertEquals(200, response.statusCode(), response.body());
        Map<?, ?> jwt = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) event(response).get("requestContext"))
                .get("authorizer")).get("jwt");
        assertEquals(List.of("invoices/read", "invoices/write"), jwt.get("scopes"));
        assertEquals("app-client-1", ((Map<?, ?>) jwt.get("claims")).get("client_id"));
    }

    @Test
    void withAuthorization_aGoodTokensClaimsReachTheHandler_asStrings() {
        // given
        long exp = Instant.now().getEpochSecond() + 600;
        String token = JwtVerifier.sign(AUTH, Map.of("sub", "user-1", "customer_id", "acme-corp",
                "scope", "invoices:read invoices:write", "exp", exp, "admin", false, "groups", List.of("a", "b")));

        // when
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(secured.baseUri().resolve("/echo/x"))
                .header("Authorization", "Bearer " + token).GET());

        // then
        Map<?, ?> jwt = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) event(response).get("requestContext"))
                .get("authorizer")).get("jwt");
        assertEquals(Map.of("iss", "https://issuer.test", "aud", "invoices-api", "sub", "user-1",
                "customer_id", "acme-corp", "scope", "invoices:read invoices:write", "exp", Long.toString(exp),
                "admin", "false", "groups", "[a b]"), jwt.get("claims"));
        assertEquals(List.of("invoices:read", "invoices:write"), jwt.get("scopes"));
        assertEquals("20", response.headers().firstValue("x-cursor-secret-length").orElseThrow());
    }

    @Test
    void withAuthorization_unknownRoutesAreStill404() {
        LocalServerIT.assertProblem(Http.get(secured.baseUri().resolve("/nothing")), 404, "route_not_found");
    }
}
