package dev.invoices.template;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A SAM/CloudFormation template read from YAML, short-form intrinsic functions included, so that tests and the
 * local server build their DynamoDB tables, functions and routes from {@code template.yaml} instead of repeating
 * it.
 *
 * <p>Every short-form tag becomes its long form, exactly as CloudFormation reads it: {@code !Ref X} is
 * {@code {"Ref": "X"}}, {@code !GetAtt A.B} is {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub s} is
 * {@code {"Fn::Sub": "s"}} and so on. Intrinsic functions are kept, never evaluated. The parsed tree is
 * immutable, keeps the template's order, and its mappings have string keys.
 *
 * <p>This is build- and test-time tooling, in the devtools module with SnakeYAML: no function jar carries it.
 */
public final class CloudFormationTemplate {
    private static final String TABLE_TYPE = "AWS::DynamoDB::Table";
    private static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    private static final String HTTP_API_EVENT_TYPE = "HttpApi";

    /** CloudFormation accepts templates up to 1 MB; four times that is no template but still harmless to read. */
    private static final int CODE_POINT_LIMIT = 4 * 1024 * 1024;

    private final Path source;
    private final Map<String, Object> root;

    private CloudFormationTemplate(Path source, Map<String, Object> root) {
        this.source = source;
        this.root = root;
    }

    /**
     * Reads a template file.
     *
     * @param file a YAML (or JSON) CloudFormation or SAM template
     * @return the parsed template
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if it is not well-formed YAML, uses an unknown tag or is not a template
     *                                  (a mapping with a {@code Resources} mapping)
     */
    public static CloudFormationTemplate read(Path file) {
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + file, e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("Template " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Template " + file + " is not a YAML mapping");
        }
        Map<String, Object> root = freezeMap(map);
        if (!(root.get("Resources") instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("Template " + file + " has no Resources mapping");
        }
        return new CloudFormationTemplate(file, root);
    }

    /**
     * The template's {@code Resources}, by logical id, in template order.
     *
     * @return an immutable map from logical id to the resource's definition ({@code Type}, {@code Properties}, …)
     */
    public Map<String, Object> resources() {
        return asMap(root.get("Resources"), "Resources");
    }

    /**
     * The template's {@code Conditions}, by name; empty when it has none.
     *
     * @return an immutable map from condition name to its (unevaluated) definition
     */
    public Map<String, Object> conditions() {
        return optionalMap(root, "Conditions", "template").orElse(Map.of());
    }

    /**
     * The logical ids of the template's {@code AWS::DynamoDB::Table} resources, in template order.
     *
     * @return the table resources' logical ids
     */
    public List<String> tableLogicalIds() {
        return resources().entrySet().stream()
                .filter(e -> TABLE_TYPE.equals(typeOf(e.getValue())))
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * A {@code CreateTable} request for one of the template's tables under the given name: attribute
     * definitions, key schema, global and local secondary indexes, billing mode (with provisioned throughput
     * when not on demand) and stream. Properties that do not shape the table's data (encryption,
     * point-in-time recovery, tags, deletion protection, the {@code TableName} itself) are left out, so that
     * the request suits a local engine as well as a real account.
     *
     * @param logicalId the table's logical id in the template
     * @param tableName the name to create it under
     * @return the request
     * @throws IllegalArgumentException if there is no such table, or a property needed here is missing or is
     *                                  an intrinsic function that would need a deployment to resolve
     */
    public CreateTableRequest createTableRequest(String logicalId, String tableName) {
        Objects.requireNonNull(tableName, "tableName");
        Map<String, Object> properties = tableProperties(logicalId);
        String where = logicalId + ".Properties";

        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(asList(required(properties, "AttributeDefinitions", where),
                        where + ".AttributeDefinitions").stream()
                        .map(definition -> {
                            Map<String, Object> d = asMap(definition, where + ".AttributeDefinitions[]");
                            return AttributeDefinition.builder()
                                    .attributeName(string(d, "AttributeName", where + ".AttributeDefinitions[]"))
                                    .attributeType(string(d, "AttributeType", where + ".AttributeDefinitions[]"))
                                    .build();
                        })
                        .toList())
                .keySchema(keySchema(required(properties, "KeySchema", where), where + ".KeySchema"));

        boolean onDemand = "PAY_PER_REQUEST".equals(optionalString(properties, "BillingMode", where).orElse(null));
        if (onDemand) {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            // CloudFormation's default billing mode is PROVISIONED, which needs throughput.
            request.billingMode(BillingMode.PROVISIONED)
                    .provisionedThroughput(throughput(required(properties, "ProvisionedThroughput", where),
                            where + ".ProvisionedThroughput"));
        }

        Object globalIndexes = properties.get("GlobalSecondaryIndexes");
        if (globalIndexes != null) {
            String indexesWhere = where + ".GlobalSecondaryIndexes";
            request.globalSecondaryIndexes(asList(globalIndexes, indexesWhere).stream()
                    .map(index -> {
                        Map<String, Object> i = asMap(index, indexesWhere + "[]");
                        String indexWhere = indexesWhere + "." + string(i, "IndexName", indexesWhere + "[]");
                        GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                                .indexName(string(i, "IndexName", indexWhere))
                                .keySchema(keySchema(required(i, "KeySchema", indexWhere), indexWhere + ".KeySchema"))
                                .projection(projection(required(i, "Projection", indexWhere), indexWhere + ".Projection"));
                        if (!onDemand) {
                            gsi.provisionedThroughput(throughput(required(i, "ProvisionedThroughput", indexWhere),
                                    indexWhere + ".ProvisionedThroughput"));
                        }
                        return gsi.build();
                    })
                    .toList());
        }

        Object localIndexes = properties.get("LocalSecondaryIndexes");
        if (localIndexes != null) {
            String indexesWhere = where + ".LocalSecondaryIndexes";
            request.localSecondaryIndexes(asList(localIndexes, indexesWhere).stream()
                    .map(index -> {
                        Map<String, Object> i = asMap(index, indexesWhere + "[]");
                        String indexWhere = indexesWhere + "." + string(i, "IndexName", indexesWhere + "[]");
                        return LocalSecondaryIndex.builder()
                                .indexName(string(i, "IndexName", indexWhere))
                                .keySchema(keySchema(required(i, "KeySchema", indexWhere), indexWhere + ".KeySchema"))
                                .projection(projection(required(i, "Projection", indexWhere), indexWhere + ".Projection"))
                                .build();
                    })
                    .toList());
        }

        Object stream = properties.get("StreamSpecification");
        if (stream != null) {
            String streamWhere = where + ".StreamSpecification";
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(string(asMap(stream, streamWhere), "StreamViewType", streamWhere))
                    .build());
        }
        return request.build();
    }

    /**
     * The attribute that holds a table's expiry time, when its {@code TimeToLiveSpecification} is enabled.
     *
     * @param logicalId the table's logical id in the template
     * @return the TTL attribute's name, or empty when the table has no enabled TTL
     * @throws IllegalArgumentException if there is no such table
     */
    public Optional<String> timeToLiveAttribute(String logicalId) {
        Map<String, Object> properties = tableProperties(logicalId);
        Object ttl = properties.get("TimeToLiveSpecification");
        if (ttl == null) {
            return Optional.empty();
        }
        String where = logicalId + ".Properties.TimeToLiveSpecification";
        Map<String, Object> specification = asMap(ttl, where);
        if (!bool(required(specification, "Enabled", where), where + ".Enabled")) {
            return Optional.empty();
        }
        return Optional.of(string(specification, "AttributeName", where));
    }

    /**
     * The template's {@code AWS::Serverless::Function} resources, by logical id, in template order.
     * {@code Handler}, {@code CodeUri}, {@code Timeout}, {@code MemorySize} and the environment variables fall
     * back to {@code Globals.Function}; {@code Timeout} and {@code MemorySize} then to Lambda's defaults
     * ({@value FunctionDefinition#DEFAULT_TIMEOUT_SECONDS} s, {@value FunctionDefinition#DEFAULT_MEMORY_MB} MB).
     *
     * @return the functions
     * @throws IllegalArgumentException if a function has no handler or code location, or one that is not a
     *                                  plain string, or a {@code Timeout} or {@code MemorySize} that is not a
     *                                  whole number
     */
    public Map<String, FunctionDefinition> functions() {
        Map<String, Object> globals = optionalMap(root, "Globals", "template")
                .flatMap(g -> optionalMap(g, "Function", "Globals"))
                .orElse(Map.of());
        Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
        resources().forEach((logicalId, resource) -> {
            if (FUNCTION_TYPE.equals(typeOf(resource))) {
                functions.put(logicalId, function(logicalId, asMap(resource, logicalId), globals));
            }
        });
        return Collections.unmodifiableMap(functions);
    }

    private FunctionDefinition function(String logicalId, Map<String, Object> resource, Map<String, Object> globals) {
        String where = logicalId + ".Properties";
        Map<String, Object> properties = optionalMap(resource, "Properties", logicalId).orElse(Map.of());

        Map<String, Object> environment = new LinkedHashMap<>(variables(globals, "Globals.Function"));
        environment.putAll(variables(properties, where));

        List<HttpRoute> routes = new ArrayList<>();
        for (FunctionEvent event : events(properties, where)) {
            if (HTTP_API_EVENT_TYPE.equals(event.type())) {
                String eventWhere = where + ".Events." + event.id();
                Map<String, Object> p = event.properties();
                // An HttpApi event without Method and Path is SAM's catch-all route.
                routes.add(new HttpRoute(
                        optionalString(p, "Method", eventWhere).map(m -> m.toUpperCase(Locale.ROOT))
                                .orElse(HttpRoute.ANY_METHOD),
                        optionalString(p, "Path", eventWhere).orElse(HttpRoute.DEFAULT_ROUTE)));
            }
        }

        return new FunctionDefinition(logicalId,
                inherited(properties, globals, "Handler", where),
                inherited(properties, globals, "CodeUri", where),
                Collections.unmodifiableMap(environment),
                List.copyOf(routes),
                wholeNumber(properties, globals, "Timeout", where, FunctionDefinition.DEFAULT_TIMEOUT_SECONDS),
                wholeNumber(properties, globals, "MemorySize", where, FunctionDefinition.DEFAULT_MEMORY_MB));
    }

    /**
     * A function's event sources ({@code Properties.Events}), in template order: what starts it besides a direct
     * invoke (HTTP API routes, rules, schedules, streams).
     *
     * @param logicalId the function's logical id
     * @return its events; empty when it has none
     * @throws IllegalArgumentException if there is no such function, or an event is not a mapping
     */
    public List<FunctionEvent> events(String logicalId) {
        Object resource = resources().get(logicalId);
        if (resource == null || !FUNCTION_TYPE.equals(typeOf(resource))) {
            throw new IllegalArgumentException("template.yaml has no function " + logicalId);
        }
        return events(optionalMap(asMap(resource, logicalId), "Properties", logicalId).orElse(Map.of()),
                logicalId + ".Properties");
    }

    private List<FunctionEvent> events(Map<String, Object> properties, String where) {
        List<FunctionEvent> events = new ArrayList<>();
        optionalMap(properties, "Events", where).orElse(Map.of()).forEach((eventId, event) -> {
            String eventWhere = where + ".Events." + eventId;
            Map<String, Object> e = asMap(event, eventWhere);
            events.add(new FunctionEvent(eventId, String.valueOf(e.get("Type")),
                    optionalMap(e, "Properties", eventWhere).orElse(Map.of())));
        });
        return List.copyOf(events);
    }

    /**
     * The {@code Default} of one of the template's parameters, as CloudFormation passes it (numbers and booleans
     * as their text).
     *
     * @param name the parameter's logical id
     * @return the default, or empty when there is no such parameter or it has no default
     * @throws IllegalArgumentException if the default is not a literal value
     */
    public Optional<String> parameterDefault(String name) {
        return optionalMap(root, "Parameters", "template")
                .flatMap(parameters -> optionalMap(parameters, name, "Parameters"))
                .flatMap(parameter -> optionalString(parameter, "Default", "Parameters." + name));
    }

    private static String inherited(Map<String, Object> properties, Map<String, Object> globals, String key,
                                    String where) {
        return optionalString(properties, key, where)
                .or(() -> optionalString(globals, key, "Globals.Function"))
                .orElseThrow(() -> new IllegalArgumentException(
                        where + "." + key + " is missing (and Globals.Function has none)"));
    }

    /** The function's value, else {@code Globals.Function}'s, else {@code lambdaDefault}. */
    private static int wholeNumber(Map<String, Object> properties, Map<String, Object> globals, String key,
                                   String where, int lambdaDefault) {
        return optionalString(properties, key, where).map(value -> parseWholeNumber(value, where + "." + key))
                .or(() -> optionalString(globals, key, "Globals.Function")
                        .map(value -> parseWholeNumber(value, "Globals.Function." + key)))
                .orElse(lambdaDefault);
    }

    private static int parseWholeNumber(String value, String where) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a whole number, not " + value, e);
        }
    }

    private static Map<String, Object> variables(Map<String, Object> properties, String where) {
        return optionalMap(properties, "Environment", where)
                .flatMap(e -> optionalMap(e, "Variables", where + ".Environment"))
                .orElse(Map.of());
    }

    private Map<String, Object> tableProperties(String logicalId) {
        Object resource = resources().get(logicalId);
        if (resource == null || !TABLE_TYPE.equals(typeOf(resource))) {
            throw new IllegalArgumentException("Template " + source + " has no " + TABLE_TYPE + " named " + logicalId);
        }
        return asMap(required(asMap(resource, logicalId), "Properties", logicalId), logicalId + ".Properties");
    }

    private static List<KeySchemaElement> keySchema(Object value, String where) {
        return asList(value, where).stream()
                .map(element -> {
                    Map<String, Object> e = asMap(element, where + "[]");
                    return KeySchemaElement.builder()
                            .attributeName(string(e, "AttributeName", where + "[]"))
                            .keyType(string(e, "KeyType", where + "[]"))
                            .build();
                })
                .toList();
    }

    private static Projection projection(Object value, String where) {
        Map<String, Object> p = asMap(value, where);
        Projection.Builder projection = Projection.builder().projectionType(string(p, "ProjectionType", where));
        Object nonKey = p.get("NonKeyAttributes");
        if (nonKey != null) {
            projection.nonKeyAttributes(asList(nonKey, where + ".NonKeyAttributes").stream()
                    .map(a -> literal(a, where + ".NonKeyAttributes[]"))
                    .toList());
        }
        return projection.build();
    }

    private static ProvisionedThroughput throughput(Object value, String where) {
        Map<String, Object> t = asMap(value, where);
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(string(t, "ReadCapacityUnits", where)))
                .writeCapacityUnits(Long.parseLong(string(t, "WriteCapacityUnits", where)))
                .build();
    }

    private static Object typeOf(Object resource) {
        return resource instanceof Map<?, ?> map ? map.get("Type") : null;
    }

    private static Object required(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException(where + "." + key + " is missing");
        }
        return value;
    }

    private static String string(Map<String, Object> map, String key, String where) {
        return literal(required(map, key, where), where + "." + key);
    }

    private static Optional<String> optionalString(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        return value == null ? Optional.empty() : Optional.of(literal(value, where + "." + key));
    }

    private static Optional<Map<String, Object>> optionalMap(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        return value == null ? Optional.empty() : Optional.of(asMap(value, where + "." + key));
    }

    /** A scalar as CloudFormation sees it (numbers and booleans as their text); intrinsic functions rejected. */
    private static String literal(Object value, String where) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException(where + " must be a literal value, not " + value);
    }

    private static boolean bool(Object value, String where) {
        return switch (literal(value, where).toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(where + " must be true or false, not " + value);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(where + " must be a mapping, not " + value);
    }

    private static List<?> asList(Object value, String where) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(where + " must be a list, not " + value);
    }

    private static Map<String, Object> freezeMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), freeze(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            return freezeMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(freeze(element)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        // CloudFormation rejects a template that names a key twice; so do we, instead of keeping the last one.
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(100);
        options.setCodePointLimit(CODE_POINT_LIMIT);
        return new Yaml(new IntrinsicFunctionConstructor(options));
    }

    /**
     * A SnakeYAML constructor that accepts only plain YAML plus CloudFormation's short-form tags, and turns
     * each tag into its long form.
     */
    private static final class IntrinsicFunctionConstructor extends SafeConstructor {
        IntrinsicFunctionConstructor(LoaderOptions options) {
            super(options);
            // CloudFormation has no timestamp type: an unquoted date such as a template format version is text.
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            register("!Ref", "Ref");
            register("!Condition", "Condition");
            for (String function : List.of("Sub", "Join", "Select", "Split", "If", "Equals", "Not", "And", "Or",
                    "FindInMap", "ImportValue", "Base64", "Cidr", "GetAZs")) {
                register("!" + function, "Fn::" + function);
            }
            yamlConstructors.put(new Tag("!GetAtt"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    if (node instanceof ScalarNode scalar) {
                        // "Resource.Attribute"; attribute names may themselves contain dots (Endpoint.Address).
                        String value = constructScalar(scalar);
                        int dot = value.indexOf('.');
                        if (dot <= 0 || dot == value.length() - 1) {
                            throw new YAMLException("!GetAtt " + value + " is not of the form Resource.Attribute"
                                    + node.getStartMark());
                        }
                        return Map.of("Fn::GetAtt", List.of(value.substring(0, dot), value.substring(dot + 1)));
                    }
                    return Map.of("Fn::GetAtt", constructValue(node));
                }
            });
        }

        private void register(String tag, String longForm) {
            yamlConstructors.put(new Tag(tag), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return Collections.singletonMap(longForm, constructValue(node));
                }
            });
        }

        private Object constructValue(Node node) {
            return switch (node) {
                case ScalarNode scalar -> constructScalar(scalar);
                case SequenceNode sequence -> constructSequence(sequence);
                case MappingNode mapping -> constructMapping(mapping);
                default -> throw new YAMLException("Unexpected node " + node.getNodeId() + node.getStartMark());
            };
        }
    }

    /**
     * One {@code AWS::Serverless::Function} of the template.
     *
     * @param logicalId      the resource's logical id
     * @param handler        {@code Handler}, e.g. {@code dev.invoices.functions.ListInvoicesHandler::handleRequest}
     * @param codeUri        {@code CodeUri}, relative to the template's folder
     * @param environment    the environment variables, the function's over {@code Globals.Function}'s; values as
     *                       written (a {@code !Ref} stays {@code {"Ref": …}})
     * @param routes         the routes of its {@code HttpApi} events, in template order
     * @param timeoutSeconds {@code Timeout} in seconds: how long an invocation may run
     * @param memoryMb       {@code MemorySize} in MB
     */
    public record FunctionDefinition(String logicalId, String handler, String codeUri,
                                     Map<String, Object> environment, List<HttpRoute> routes, int timeoutSeconds,
                                     int memoryMb) {
        /** Lambda's {@code Timeout} when neither the function nor {@code Globals.Function} sets one. */
        public static final int DEFAULT_TIMEOUT_SECONDS = 3;
        /** Lambda's {@code MemorySize} when neither the function nor {@code Globals.Function} sets one. */
        public static final int DEFAULT_MEMORY_MB = 128;
    }

    /**
     * One event source of a function.
     *
     * @param id         the event's key under {@code Events}
     * @param type       its {@code Type} ({@code HttpApi}, {@code EventBridgeRule}, {@code Schedule},
     *                   {@code DynamoDB}, …)
     * @param properties its {@code Properties}, as written (intrinsic functions in their {@code Fn::} form)
     */
    public record FunctionEvent(String id, String type, Map<String, Object> properties) {
    }

    /**
     * The route of one {@code HttpApi} event.
     *
     * @param method the HTTP method, upper case; {@value #ANY_METHOD} when the event names none
     * @param path   the path template, e.g. {@code /v1/customers/{customer_id}/invoices};
     *               {@value #DEFAULT_ROUTE} when the event names none
     */
    public record HttpRoute(String method, String path) {
        /** The method of an event that names none: every method. */
        public static final String ANY_METHOD = "ANY";
        /** The path of an event that names none: API Gateway's catch-all route. */
        public static final String DEFAULT_ROUTE = "$default";
    }
}
