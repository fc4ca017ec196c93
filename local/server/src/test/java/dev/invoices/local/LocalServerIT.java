package dev.invoices.local;

import dev.invoices.json.Json;
import dev.invoices.template.CloudFormationTemplate;
import dev.invoices.template.CloudFormationTemplate.HttpRoute;
import dev.invoices.testing.RepositoryFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Integration test of {@code serve}: the real template and handlers over real HTTP, on a data directory. */
class LocalServerIT {
    /** 60 demo invoices over five customers: 12 for acme-corp, January 2022 to December 2022. */
    private static final int SEED = 60;
    private static final int PER_CUSTOMER = 12;

    @TempDir
    Path data;

    private LocalServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private LocalServer start(int seed) {
        return LocalServer.start(new LocalServer.Options(RepositoryFiles.path("template.yaml"), 0, Optional.of(data),
                seed, 0, Optional.empty(), Map.of()), System.out, System.err);
    }

    private URI uri(String pathAndQuery) {
        return server.baseUri().resolve(pathAndQuery);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInvoicesDocument_comesAsPdfBytes_withItsETag_andA304ForTheCurrentCopy() {
        // given: one of acme-corp's demo invoices
        server = start(SEED);
        Map<String, Object> first = Http.json(Http.get(uri("/v1/customers/acme-corp/invoices?limit=1"))).get("data")
                instanceof List<?> page ? (Map<String, Object>) page.getFirst() : Map.of();
        URI pdf = uri("/v1/customers/acme-corp/invoices/" + first.get("id") + "/pdf");

        // when
        HttpResponse<byte[]> document = Http.sendForBytes(HttpRequest.newBuilder(pdf).GET());
        String etag = document.headers().firstValue("etag").orElseThrow();
        HttpResponse<byte[]> again = Http.sendForBytes(HttpRequest.newBuilder(pdf).header("If-None-Match", etag).GET());

        // then: API Gateway's work is done, the base64 body decoded to the document's bytes
        assertEquals(200, document.statusCode());
        assertEquals("application/pdf", document.headers().firstValue("content-type").orElseThrow());
        assertEquals("%PDF-", new String(document.body(), 0, 5, StandardCharsets.ISO_8859_1));
        assertEquals(String.valueOf(document.body().length),
                document.headers().firstValue("content-length").orElseThrow());
        assertTrue(document.headers().firstValue("content-disposition").orElseThrow().startsWith("inline; filename="));
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
    }

    @Test
    void theApiReference_isServedFromTheJar_andNothingElseUnderItsPath() {
        server = start(0);

        HttpResponse<String> page = Http.get(uri("/docs"));
        HttpResponse<String> bundle = Http.get(uri("/docs/swagger-ui-bundle.js"));
        HttpResponse<String> script = Http.get(uri("/docs/reference.js"));
        HttpResponse<String> traversal = Http.get(uri("/docs/../META-INF/maven/org.webjars/swagger-ui/pom.properties"));
        HttpResponse<String> other = Http.get(uri("/docs/swagger-ui-es-bundle.js"));

        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type").orElseThrow());
        assertTrue(page.body().contains("<script src=\"/docs/swagger-ui-bundle.js\"></script>"), page.body());
        assertEquals(200, bundle.statusCode());
        assertTrue(bundle.body().contains("SwaggerUIBundle"));
        assertTrue(script.body().contains("url: '/openapi.yaml'"), script.body());
        assertProblem(traversal, 404, "route_not_found");
        assertProblem(other, 404, "route_not_found");
    }

    @Test
    void theOpenApiDocument_isServedAsYaml() throws IOException {
        server = start(0);
        HttpResponse<String> document = Http.get(uri("/openapi.yaml"));

        assertEquals(200, document.statusCode());
        assertEquals("application/yaml; charset=utf-8", document.headers().firstValue("content-type").orElseThrow());
        assertEquals(Files.readString(RepositoryFiles.path("openapi.yaml")), document.body());
    }

    @Test
    void theFastlyAndNorthflankRoutes_areServed() {
        server = start(SEED);
        HttpResponse<String> fastly = Http.get(uri("/billing/v3/invoices?customer_id=globex&limit=1"));
        HttpResponse<String> northflank = Http.get(uri("/v1/billing/invoices?customer_id=globex&per_page=1"));

        assertEquals(200, fastly.statusCode(), fastly.body());
        assertEquals(200, northflank.statusCode(), northflank.body());
    }

    @Test
    void everyRouteOfTheTemplate_isServedByItsFunction() {
        // given
        server = start(SEED);
        CloudFormationTemplate template = CloudFormationTemplate.read(RepositoryFiles.path("template.yaml"));
        List<HttpRoute> routes = template.functions().values().stream().flatMap(f -> f.routes().stream()).toList();
        assertFalse(routes.isEmpty());

        for (HttpRoute route : routes) {
            // when
            String path = route.path()
                    .replace("{customer_id}", "acme-corp")
                    .replace("{invoice_id}", "inv_2022_01_acme");
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(uri(path))
                    .method(route.method(), route.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString("{\"id\": \"inv_2022_01_acme\"}"))
                    .header("content-type", "application/json"));

            // then: the function answered (no route error, no failure)
            assertTrue(response.statusCode() < 500, route + " → " + response.statusCode() + " " + response.body());
            assertNotEquals("route_not_found", problemCode(response), route.toString());
            assertNotEquals("method_not_allowed", problemCode(response), route.toString());
        }
    }

    @Test
    void listingAllPages_yieldsEverySeededInvoiceOnce_inOrder() {
        // given
        server = start(SEED);

        // when
        List<String> ids = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            HttpResponse<String> response = Http.get(uri("/v1/customers/acme-corp/invoices?limit=5&next_page="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertEquals(200, response.statusCode(), response.body());
            Map<String, Object> page = Http.json(response);
            for (Object invoice : (List<?>) page.get("data")) {
                ids.add((String) ((Map<?, ?>) invoice).get("id"));
            }
            cursor = (String) page.get("next_page");
            pages++;
        } while (cursor != null);

        // then
        assertEquals(3, pages);
        List<String> expected = new ArrayList<>();
        for (int month = 1; month <= PER_CUSTOMER; month++) {
            expected.add(String.format("inv_2022_%02d_acme", month));
        }
        assertEquals(expected, ids);
    }

    @Test
    void getReturnsTheInvoice_andAnUnknownOneIsANotFoundProblem() {
        // given
        server = start(SEED);

        // when
        HttpResponse<String> found = Http.get(uri("/v1/customers/globex/invoices/inv_2022_03_globex"));
        HttpResponse<String> missing = Http.get(uri("/v1/customers/globex/invoices/inv_2099_01_globex"));
        HttpResponse<String> otherCustomers = Http.get(uri("/v1/customers/acme-corp/invoices/inv_2022_03_globex"));

        // then
        assertEquals(200, found.statusCode(), found.body());
        assertEquals("application/json", found.headers().firstValue("content-type").orElseThrow());
        Map<?, ?> invoice = (Map<?, ?>) Http.json(found).get("data");
        assertEquals("inv_2022_03_globex", invoice.get("id"));
        assertEquals("EUR", invoice.get("currency_code"));
        assertProblem(missing, 404, "not_found");
        // the same answer but for the id of the request it answers
        String otherRequest = otherCustomers.headers().firstValue("apigw-requestid").orElseThrow();
        String missingRequest = missing.headers().firstValue("apigw-requestid").orElseThrow();
        assertEquals(missing.body(), otherCustomers.body().replace(otherRequest, missingRequest));
    }

    @Test
    void theHandlersLines_arePrintedAsLambdaWouldStoreThem() {
        // given: the server's log captured
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        server = LocalServer.start(new LocalServer.Options(RepositoryFiles.path("template.yaml"), 0, Optional.of(data),
                SEED, 0, Optional.empty(), Map.of()), System.out, new PrintStream(log, true, StandardCharsets.UTF_8));

        // when
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                uri("/v1/customers/globex/invoices/inv_2022_03_globex")).header("User-Agent", "access-log-test").GET());
        assertEquals(200, response.statusCode());

        // then: the get function's request line, one JSON object on a line of its own
        List<Map<String, Object>> lines = log.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("{")).map(Json::readObject).toList();
        List<Map<String, Object>> requests = lines.stream().filter(line -> "request".equals(line.get("kind"))).toList();
        assertEquals(1, requests.size(), log.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("GetInvoiceFunction", "GET /v1/customers/{customer_id}/invoices/{invoice_id}",
                        "inv_2022_03_globex", BigDecimal.valueOf(200)),
                List.of(requests.getFirst().get("function"), requests.getFirst().get("route"),
                        requests.getFirst().get("invoice_id"), requests.getFirst().get("status")));
        // and the API's access line, with the keys of the template's access log format and its request id
        List<Map<String, Object>> access = lines.stream().filter(line -> line.containsKey("routeKey")).toList();
        assertEquals(1, access.size(), log.toString(StandardCharsets.UTF_8));
        Map<String, Object> line = access.getFirst();
        assertEquals(List.of("requestId", "time", "routeKey", "status", "responseLatency", "integrationLatency",
                "integrationStatus", "integrationError", "authorizerError", "customerId", "clientId", "sourceIp",
                "userAgent"), List.copyOf(line.keySet()));
        assertEquals(List.of(response.headers().firstValue("apigw-requestid").orElseThrow(),
                        "GET /v1/customers/{customer_id}/invoices/{invoice_id}", "200", "200", "-", "access-log-test"),
                List.of(line.get("requestId"), line.get("routeKey"), line.get("status"), line.get("integrationStatus"),
                        line.get("integrationError"), line.get("userAgent")));
        assertEquals(requests.getFirst().get("request_id"), line.get("requestId"));
    }

    @Test
    void aWrongMethodIs405WithAllow_andAnUnknownPathIs404RouteNotFound() {
        // given
        server = start(0);

        // when
        HttpResponse<String> wrongMethod = Http.send(HttpRequest.newBuilder(uri("/v1/customers/acme-corp/invoices"))
                .DELETE());
        HttpResponse<String> unknown = Http.get(uri("/v2/nothing/here"));
        HttpResponse<String> emptySegment = Http.get(uri("/v1/customers//invoices"));

        // then
        assertProblem(wrongMethod, 405, "method_not_allowed");
        assertEquals("GET", wrongMethod.headers().firstValue("allow").orElseThrow());
        assertProblem(unknown, 404, "route_not_found");
        assertProblem(emptySegment, 404, "route_not_found");
    }

    @Test
    void afterARestartOnTheSameDataDirectory_theDataAndTheCursorsAreStillThere() throws Exception {
        // given
        server = start(SEED);
        Map<String, Object> firstPage = Http.json(Http.get(uri("/v1/customers/umbrella/invoices?limit=4")));
        String cursor = (String) firstPage.get("next_page");
        String secret = Files.readString(data.resolve("cursor-secret"));
        server.close();
        server = null;

        // when: started again, with --seed, which must add nothing to a store that has invoices
        server = start(SEED);
        HttpResponse<String> secondPage = Http.get(uri("/v1/customers/umbrella/invoices?limit=100&next_page="
                + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
        HttpResponse<String> all = Http.get(uri("/v1/customers/umbrella/invoices?limit=100"));

        // then
        assertEquals(200, secondPage.statusCode(), secondPage.body());
        assertEquals(PER_CUSTOMER - 4, ((List<?>) Http.json(secondPage).get("data")).size());
        assertEquals(PER_CUSTOMER, ((List<?>) Http.json(all).get("data")).size());
        assertEquals(secret, Files.readString(data.resolve("cursor-secret")));
        Map<?, ?> kwd = (Map<?, ?>) ((List<?>) Http.json(all).get("data")).getFirst();
        assertEquals("KWD", kwd.get("currency_code"));
        assertEquals(3, ((BigDecimal) kwd.get("total")).scale());
    }

    @Test
    void aBodyWhoseEventWouldPassLambdasSixMegabytes_isA413Problem_notA500() {
        // given: 3,000,000 control characters: under API Gateway's 10 MB, but 18 MB once escaped into the event
        server = start(0);
        String body = "\u0001".repeat(3_000_000);

        // when
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(uri("/v1/invoices/void"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));

        // then
        assertProblem(response, 413, "payload_too_large");
    }

    @Test
    void aDataDirectoryInUse_isRefusedWithOneLine() {
        // given
        server = start(0);

        // when
        LocalFailure failure = assertThrows(LocalFailure.class, () -> start(0));

        // then
        assertTrue(failure.getMessage().contains("is in use by another invoices-local process"), failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"));
    }

    @Test
    void aFunctionWhoseHandlerIsNotOnTheClasspath_isReportedByName() throws Exception {
        Path template = data.resolve("template.yaml");
        try (var in = LocalServerIT.class.getResourceAsStream("/missing-handler-template.yaml")) {
            Files.write(template, in.readAllBytes());
        }

        LocalFailure failure = assertThrows(LocalFailure.class, () -> LocalServer.start(new LocalServer.Options(
                template, 0, Optional.empty(), 0, 0, Optional.empty(), Map.of()), System.out, System.err));

        assertEquals("EchoFunction: handler class dev.invoices.local.NoSuchHandler is not on the classpath"
                + " (add its function module as a dependency of local/server/pom.xml)", failure.getMessage());
    }

    static String problemCode(HttpResponse<String> response) {
        return response.headers().firstValue("content-type").orElse("").equals("application/problem+json")
                ? (String) Http.json(response).get("code") : null;
    }

    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElseThrow());
        Map<String, Object> problem = Http.json(response);
        assertEquals(code, problem.get("code"));
        assertEquals("urn:invoices:problem:" + code, problem.get("type"));
        assertEquals(new BigDecimal(status), problem.get("status"));
        assertEquals(response.headers().firstValue("apigw-requestid").orElseThrow(), problem.get("request_id"));
    }
}
