package dev.invoices.local;

import dev.invoices.template.CloudFormationTemplate.HttpRoute;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP routes of the template's functions, matched in template order. A path segment {@code {x}} matches
 * one non-empty segment, {@code {x+}} the non-empty rest of the path; {@code $default} matches every request.
 */
final class RouteTable {
    private final List<Entry> entries = new ArrayList<>();

    RouteTable(List<LocalFunction> functions) {
        for (LocalFunction function : functions) {
            for (HttpRoute route : function.routes()) {
                entries.add(new Entry(route, function));
            }
        }
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The outcome of matching one request. */
    sealed interface Match {
    }

    /** A route takes the request. */
    record Found(Entry entry, Map<String, String> pathParameters) implements Match {
    }

    /** Routes have this path, but none takes the method. */
    record WrongMethod(Set<String> allowed) implements Match {
    }

    /** No route has this path. */
    record NotFound() implements Match {
    }

    /** @param rawPath the request path as sent, still percent-encoded */
    Match match(String method, String rawPath) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Entry entry : entries) {
            Optional<Map<String, String>> parameters = entry.matchPath(rawPath);
            if (parameters.isEmpty()) {
                continue;
            }
            String routeMethod = entry.route().method();
            if (routeMethod.equals(HttpRoute.ANY_METHOD) || routeMethod.equals(method)) {
                return new Found(entry, parameters.get());
            }
            allowed.add(routeMethod);
        }
        return allowed.isEmpty() ? new NotFound() : new WrongMethod(allowed);
    }

    /** One route of one function. */
    record Entry(HttpRoute route, LocalFunction function) {
        /** API Gateway's route key: {@code GET /v1/customers/{customer_id}/invoices}, or {@code $default}. */
        String routeKey() {
            return route.path().equals(HttpRoute.DEFAULT_ROUTE)
                    ? HttpRoute.DEFAULT_ROUTE
                    : route.method() + " " + route.path();
        }

        Optional<Map<String, String>> matchPath(String rawPath) {
            if (route.path().equals(HttpRoute.DEFAULT_ROUTE)) {
                return Optional.of(Map.of());
            }
            String[] template = segments(route.path());
            String[] actual = segments(rawPath);
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < template.length; i++) {
                String part = template[i];
                boolean variable = part.length() > 2 && part.startsWith("{") && part.endsWith("}");
                if (variable && part.endsWith("+}") && i == template.length - 1) {
                    if (actual.length <= i) {
                        return Optional.empty();
                    }
                    String rest = String.join("/", Arrays.copyOfRange(actual, i, actual.length));
                    if (rest.isEmpty()) {
                        return Optional.empty();
                    }
                    parameters.put(part.substring(1, part.length() - 2), decode(rest));
                    return Optional.of(parameters);
                }
                if (i >= actual.length) {
                    return Optional.empty();
                }
                if (variable) {
                    if (actual[i].isEmpty()) {
                        return Optional.empty();
                    }
                    parameters.put(part.substring(1, part.length() - 1), decode(actual[i]));
                } else if (!part.equals(actual[i])) {
                    return Optional.empty();
                }
            }
            return actual.length == template.length ? Optional.of(parameters) : Optional.empty();
        }

        private static String[] segments(String path) {
            String trimmed = path.startsWith("/") ? path.substring(1) : path;
            return trimmed.split("/", -1);
        }
    }

    /** Percent-decoding only: a '+' in a path or query value stays a '+', as API Gateway keeps it. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
