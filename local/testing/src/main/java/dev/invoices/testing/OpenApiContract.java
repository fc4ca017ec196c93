package dev.invoices.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@code openapi.yaml}, held to the handlers: {@link #check} asserts that a response is one the document
 * describes for its operation (the event's {@code routeKey}) and status, with a body valid against the
 * operation's schema (JSON Schema 2020-12 in the OpenAPI 3.1 dialect, {@code com.networknt:json-schema-validator},
 * formats asserted). {@link ApiEvents#invoke} calls it for every response, so any test anywhere that produces a
 * response the document does not describe fails.
 *
 * <p>Two answers come from outside any operation and are checked as problems: a method the route does not take
 * ({@code 405 method_not_allowed}) and a route the document does not have ({@code 404 route_not_found}).
 */
public final class OpenApiContract {
    private static final String SCHEMA_REF = "#/components/schemas/";
    private static final String RESPONSE_REF = "#/components/responses/";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final OpenApiContract INSTANCE = new OpenApiContract();

    private final Map<String, Object> document;
    private final String baseUri;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract() {
        this.document = new Yaml(new SafeConstructor(new LoaderOptions())).load(RepositoryFiles.read("openapi.yaml"));
        this.baseUri = RepositoryFiles.path("openapi.yaml").toUri().toString();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(OpenApi31.getInstance())
                .defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));
        this.config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    }

    /** The document, as SnakeYAML reads it. */
    public static Map<String, Object> document() {
        return INSTANCE.document;
    }

    /**
     * Asserts that the response is described by {@code openapi.yaml}.
     *
     * @param routeKey    the event's {@code routeKey}, such as {@code GET /billing/v3/invoices}
     * @param eventMethod the event's HTTP method
     */
    public static void check(String routeKey, String eventMethod, ApiResponse response) {
        INSTANCE.verify(routeKey, eventMethod, response);
    }

    /** Asserts that {@code json} is valid against {@code #/components/schemas/NAME}. */
    public static void checkSchema(String name, String json, String what) {
        INSTANCE.validate(name, json, what);
    }

    /**
     * Asserts that {@code json} is valid against the JSON Schema in {@code schemaFile} (one of the repository's,
     * such as {@code events/schemas/*.schema.json}, whose {@code $ref}s may point into {@code openapi.yaml}).
     */
    public static void checkJsonSchema(java.nio.file.Path schemaFile, String json, String what) {
        INSTANCE.validateFile(schemaFile, json, what);
    }

    private void validateFile(java.nio.file.Path schemaFile, String json, String what) {
        JsonSchema schema = schemas.computeIfAbsent(schemaFile.toUri().toString(),
                uri -> factory.getSchema(SchemaLocation.of(uri), config));
        JsonNode body;
        try {
            body = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<ValidationMessage> problems = schema.validate(body);
        if (!problems.isEmpty()) {
            throw new AssertionError("not valid against " + schemaFile.getFileName() + " (" + what + "): "
                    + problems.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "))
                    + "\n" + json);
        }
    }

    private void verify(String routeKey, String eventMethod, ApiResponse response) {
        String[] parts = routeKey.split(" ", 2);
        String method = parts[0].toLowerCase(Locale.ROOT);
        String path = parts.length == 2 ? parts[1] : "";
        String what = eventMethod + " " + routeKey + " → " + response.status();
        if (!parts[0].equalsIgnoreCase(eventMethod)) {
            expectProblem(405, "method_not_allowed", response, what);
            return;
        }
        Map<String, Object> operation = object(object(document.get("paths")).get(path)).isEmpty()
                ? Map.of() : object(object(object(document.get("paths")).get(path)).get(method));
        if (operation.isEmpty()) {
            expectProblem(404, "route_not_found", response, what);
            return;
        }
        Map<String, Object> described = object(object(operation.get("responses")).get(String.valueOf(response.status())));
        if (described.isEmpty()) {
            throw new AssertionError("openapi.yaml does not describe status " + response.status() + " of " + routeKey
                    + ": " + response.body());
        }
        if (described.get("$ref") instanceof String ref) {
            described = object(object(object(document.get("components")).get("responses"))
                    .get(ref.substring(RESPONSE_REF.length())));
        }
        Map<String, Object> content = object(described.get("content"));
        Map<String, Object> headers = object(described.get("headers"));
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("Location") && response.header("location") == null) {
                throw new AssertionError("openapi.yaml promises a Location header for " + what);
            }
            if (Boolean.TRUE.equals(object(header.getValue()).get("required"))
                    && response.header(header.getKey().toLowerCase(Locale.ROOT)) == null) {
                throw new AssertionError("openapi.yaml requires a " + header.getKey() + " header for " + what);
            }
        }
        if (content.isEmpty()) {
            if (!response.body().isEmpty()) {
                throw new AssertionError("openapi.yaml describes no body for " + what + ": " + response.body());
            }
            return;
        }
        String contentType = String.valueOf(response.header("content-type")).split(";")[0].strip();
        Map<String, Object> media = object(content.get(contentType));
        if (media.isEmpty()) {
            throw new AssertionError("openapi.yaml describes " + content.keySet() + " for " + what + ", not "
                    + contentType);
        }
        if (response.base64Encoded()) {
            checkBinary(object(media.get("schema")), contentType, response.bytes(), what);
            return;
        }
        if (!(object(media.get("schema")).get("$ref") instanceof String ref) || !ref.startsWith(SCHEMA_REF)) {
            throw new AssertionError("every response schema in openapi.yaml is a $ref to a component: " + what);
        }
        validate(ref.substring(SCHEMA_REF.length()), response.body(), what);
    }

    /**
     * A binary body: the document describes it as {@code type: string} with {@code contentMediaType} (the OpenAPI
     * 3.1 way), and a PDF starts with its header and ends with its end-of-file marker.
     */
    private static void checkBinary(Map<String, Object> schema, String contentType, byte[] body, String what) {
        if (!"string".equals(schema.get("type")) || !contentType.equals(schema.get("contentMediaType"))) {
            throw new AssertionError("openapi.yaml describes a binary " + contentType + " body as a string with its"
                    + " contentMediaType: " + what);
        }
        if (contentType.equals("application/pdf")) {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            if (!text.startsWith("%PDF-") || !text.stripTrailing().endsWith("%%EOF")) {
                throw new AssertionError("not a PDF (" + what + "): " + body.length + " bytes");
            }
        }
    }

    private void expectProblem(int status, String code, ApiResponse response, String what) {
        if (response.status() != status || !code.equals(response.code())) {
            throw new AssertionError("openapi.yaml has no operation for " + what + "; only " + status + " " + code
                    + " may answer it: " + response.body());
        }
        validate("Problem", response.body(), what);
    }

    private void validate(String schemaName, String json, String what) {
        JsonSchema schema = schemas.computeIfAbsent(schemaName,
                name -> factory.getSchema(SchemaLocation.of(baseUri + SCHEMA_REF + name), config));
        JsonNode body;
        try {
            body = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<ValidationMessage> problems = schema.validate(body);
        if (!problems.isEmpty()) {
            throw new AssertionError("not valid against openapi.yaml " + SCHEMA_REF + schemaName + " (" + what + "): "
                    + problems.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "))
                    + "\n" + json);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
