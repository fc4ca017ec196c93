package dev.invoices.http;

import dev.invoices.error.MalformedJsonException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of an API Gateway HTTP API (payload format 2.0) request that handlers read. Header names are
 * lower case, as HTTP API delivers them; repeated query parameters arrive joined with commas.
 *
 * @param routeKey the route that matched, such as {@code GET /billing/v3/invoices}: what a function serving
 *                 several routes dispatches on; empty when the event names none
 * @param body the request body, base64-decoded when API Gateway encoded it; empty when there is none
 */
public record HttpRequest(
        String routeKey,
        String method,
        String path,
        Map<String, String> pathParameters,
        Map<String, String> queryParameters,
        Map<String, String> headers,
        String body,
        String requestId,
        Optional<Authorizer> authorizer) {

    public HttpRequest {
        pathParameters = Map.copyOf(pathParameters);
        queryParameters = Map.copyOf(queryParameters);
        headers = Map.copyOf(headers);
    }

    /** What the HTTP API JWT authorizer passed on: the token's claims (as strings) and its scopes. */
    public record Authorizer(Map<String, String> claims, Set<String> scopes) {
        public Authorizer {
            claims = Map.copyOf(claims);
            scopes = Set.copyOf(scopes);
        }
    }

    /** Reads the request from a parsed payload-2.0 event. */
    @SuppressWarnings("unchecked")
    public static HttpRequest fromEvent(Map<String, Object> event) {
        Map<String, Object> context = objectOrEmpty(event.get("requestContext"));
        Map<String, Object> http = objectOrEmpty(context.get("http"));
        String body = event.get("body") instanceof String text ? text : "";
        if (Boolean.TRUE.equals(event.get("isBase64Encoded")) && !body.isEmpty()) {
            body = decodeBase64Utf8(body);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        strings(event.get("headers")).forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        String routeKey = event.get("routeKey") instanceof String key ? key : stringOrEmpty(context.get("routeKey"));
        return new HttpRequest(
                routeKey,
                http.get("method") instanceof String method ? method.toUpperCase(Locale.ROOT) : "",
                http.get("path") instanceof String path ? path : stringOrEmpty(event.get("rawPath")),
                strings(event.get("pathParameters")),
                strings(event.get("queryStringParameters")),
                headers,
                body,
                stringOrEmpty(context.get("requestId")),
                authorizer(objectOrEmpty(objectOrEmpty(context.get("authorizer")).get("jwt"))));
    }

    /**
     * A body API Gateway sent base64-encoded (it does so for types it does not know as text).
     *
     * @throws MalformedJsonException when it is not base64, or not UTF-8 text once decoded
     */
    private static String decodeBase64Utf8(String body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(body)))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException notText) {
            throw new MalformedJsonException("The body is not valid base64-encoded UTF-8 text.");
        }
    }

    /** A request header (names are lower case), or null when it is absent. */
    public String header(String name) {
        return headers.get(name);
    }

    private static Optional<Authorizer> authorizer(Map<String, Object> jwt) {
        if (jwt.isEmpty()) {
            return Optional.empty();
        }
        Set<String> scopes = new LinkedHashSet<>();
        if (jwt.get("scopes") instanceof List<?> list) {
            list.forEach(scope -> {
                if (scope instanceof String text) {
                    scopes.add(text);
                }
            });
        }
        Map<String, String> claims = strings(jwt.get("claims"));
        // The authorizer fills `scopes` only for routes that declare authorization scopes, so the token's own
        // claim counts too: `scope` (RFC 8693, Cognito, Auth0: space-separated) or `scp` (Okta, Entra ID: an
        // array, which the authorizer hands on as "[a b]").
        scopes.addAll(claimScopes(claims.get("scope")));
        scopes.addAll(claimScopes(claims.get("scp")));
        return Optional.of(new Authorizer(claims, scopes));
    }

    private static List<String> claimScopes(String claim) {
        if (claim == null) {
            return List.of();
        }
        String text = claim.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        List<String> scopes = new ArrayList<>();
        for (String scope : text.split("\\s+")) {
            if (!scope.isEmpty()) {
                scopes.add(scope);
            }
        }
        return scopes;
    }

    /** The token's {@code sub} claim, which names an operator in the audit; empty without a token or claim. */
    public Optional<String> subject() {
        return authorizer.map(token -> token.claims().get("sub"));
    }

    /** A query parameter, or null when it is absent. */
    public String query(String name) {
        return queryParameters.get(name);
    }

    /** A path parameter, or null when it is absent. */
    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectOrEmpty(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> result = new LinkedHashMap<>();
        objectOrEmpty(value).forEach((name, item) -> {
            if (item instanceof String text) {
                result.put(name, text);
            }
        });
        return result;
    }

    private static String stringOrEmpty(Object value) {
        return value instanceof String text ? text : "";
    }
}
