package dev.invoices.local;

import dev.invoices.config.Dependencies;
import dev.invoices.config.ServiceConfig;
import dev.invoices.template.CloudFormationTemplate;
import dev.invoices.template.CloudFormationTemplate.FunctionDefinition;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the template's functions for local use: each function's environment is resolved as CloudFormation
 * would resolve it, but to local values ({@code !Ref} of a table → the local table's name, a Secrets Manager
 * dynamic reference → the local secret), and its handler class is instantiated through its
 * {@code public XHandler(Dependencies)} constructor around the local DynamoDB client, or, for a function that
 * sends to EventBridge rather than using DynamoDB (the publisher), its
 * {@code public XHandler(Map<String, String> environment, EventBridgeClient)} constructor around a client of the
 * local event bus.
 */
final class LocalFunctions {
    private static final Pattern DYNAMIC_SECRET = Pattern.compile("\\{\\{resolve:secretsmanager:.*?}}");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private static final Map<String, String> PSEUDO_PARAMETERS = Map.of(
            "AWS::Region", LocalStore.REGION,
            "AWS::AccountId", LocalStore.ACCOUNT_ID,
            "AWS::Partition", "aws",
            "AWS::URLSuffix", "amazonaws.com",
            "AWS::StackName", "invoices-local",
            "AWS::StackId", "arn:aws:cloudformation:" + LocalStore.REGION + ":" + LocalStore.ACCOUNT_ID
                    + ":stack/invoices-local/local",
            "AWS::NoValue", "");
    /** What {@code resolve} returns for {@code AWS::NoValue}: the variable is not declared at all. */
    private static final String NO_VALUE = null;

    /** The handlers' switch for checking the JWT authorizer's claims (ServiceConfig.AUTHORIZATION). */
    static final String AUTHORIZATION = "AUTHORIZATION";

    private final CloudFormationTemplate template;
    private final LocalStore store;
    private final boolean authorization;
    private final Optional<LocalEvents> events;

    /**
     * @param authorization whether the handlers enforce authorization ({@code AUTHORIZATION=required}, with
     *                      {@code serve --auth-secret}); otherwise {@code AUTHORIZATION=off}, whatever the template says
     * @param events        the local event bus, for the functions that send to EventBridge
     */
    LocalFunctions(CloudFormationTemplate template, LocalStore store, boolean authorization,
                   Optional<LocalEvents> events) {
        this.template = template;
        this.store = store;
        this.authorization = authorization;
        this.events = events;
    }

    /**
     * Every function of the template, in template order.
     *
     * @throws LocalFailure naming every function whose handler cannot be built, one per line
     */
    List<LocalFunction> all() {
        List<LocalFunction> functions = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String logicalId : template.functions().keySet()) {
            try {
                functions.add(build(logicalId));
            } catch (LocalFailure failure) {
                failures.add(failure.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new LocalFailure(String.join(System.lineSeparator() + "error: ", failures));
        }
        return functions;
    }

    /** The function with this logical id. */
    LocalFunction build(String logicalId) {
        FunctionDefinition definition = template.functions().get(logicalId);
        if (definition == null) {
            throw new LocalFailure("the template has no function " + logicalId + "; it has "
                    + String.join(", ", template.functions().keySet()));
        }
        return instantiate(definition, environment(definition));
    }

    /** The function's variables with local values, plus what Lambda itself sets. */
    Map<String, String> environment(FunctionDefinition definition) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", LocalStore.REGION);
        env.put("AWS_DEFAULT_REGION", LocalStore.REGION);
        env.put("AWS_LAMBDA_FUNCTION_NAME", definition.logicalId());
        definition.environment().forEach((name, value) -> {
            String resolved = resolve(value, definition.logicalId() + " variable " + name, name);
            if (resolved != NO_VALUE) {
                env.put(name, resolved);
            }
        });
        env.put(AUTHORIZATION, authorization ? "required" : "off");
        return env;
    }

    private LocalFunction instantiate(FunctionDefinition definition, Map<String, String> environment) {
        String logicalId = definition.logicalId();
        String handler = definition.handler();
        int separator = handler.indexOf("::");
        String className = separator < 0 ? handler : handler.substring(0, separator);
        String methodName = separator < 0 ? "handleRequest" : handler.substring(separator + 2);

        Class<?> type;
        try {
            type = Class.forName(className, true, LocalFunctions.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new LocalFailure(logicalId + ": handler class " + className + " is not on the classpath"
                    + " (add its function module as a dependency of local/server/pom.xml)");
        }
        Method method;
        try {
            method = type.getMethod(methodName, LocalFunction.streamHandlerParameters());
        } catch (NoSuchMethodException e) {
            throw new LocalFailure(logicalId + ": " + className + " has no public " + methodName
                    + "(InputStream, OutputStream, Context); the local runtime runs stream handlers");
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new LocalFailure(logicalId + ": " + className + " is abstract");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(Dependencies.class);
        } catch (NoSuchMethodException e) {
            return withEventBridge(definition, environment, type, method);
        }
        ServiceConfig config;
        try {
            config = ServiceConfig.from(environment);
        } catch (RuntimeException e) {
            throw new LocalFailure(logicalId + ": its environment is incomplete: " + e.getMessage(), e);
        }
        try {
            Object instance = constructor.newInstance(new Dependencies(config, store.client(), Clock.systemUTC()));
            return new LocalFunction(logicalId, handler, definition.routes(), definition.timeoutSeconds(),
                    definition.memoryMb(), instance, method);
        } catch (InvocationTargetException e) {
            throw new LocalFailure(logicalId + ": " + className + " failed to start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new LocalFailure(logicalId + ": cannot create " + className + ": " + e, e);
        }
    }

    /** A handler built from its environment and an EventBridge client: the local bus's. */
    private LocalFunction withEventBridge(FunctionDefinition definition, Map<String, String> environment, Class<?> type,
                                          Method method) {
        String logicalId = definition.logicalId();
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(Map.class, EventBridgeClient.class);
        } catch (NoSuchMethodException e) {
            throw new LocalFailure(logicalId + ": " + type.getName() + " has no public constructor taking "
                    + Dependencies.class.getName() + ", nor one taking its environment and an EventBridgeClient");
        }
        LocalEvents bus = events.orElseThrow(() -> new LocalFailure(logicalId + " sends to EventBridge, and no local"
                + " event bus runs here"));
        try {
            Object instance = constructor.newInstance(Map.copyOf(environment), bus.client());
            return new LocalFunction(logicalId, definition.handler(), definition.routes(), definition.timeoutSeconds(),
                    definition.memoryMb(), instance, method);
        } catch (InvocationTargetException e) {
            throw new LocalFailure(logicalId + ": " + type.getName() + " failed to start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new LocalFailure(logicalId + ": cannot create " + type.getName() + ": " + e, e);
        }
    }

    /**
     * One environment value, as CloudFormation would resolve it, but to local values (parameters take their
     * defaults); {@link #NO_VALUE} for {@code AWS::NoValue}.
     */
    private String resolve(Object value, String where, String variable) {
        if (value instanceof String text) {
            return DYNAMIC_SECRET.matcher(text).find() ? secret(text, variable) : text;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> function = map.entrySet().iterator().next();
            Object argument = function.getValue();
            switch (String.valueOf(function.getKey())) {
                case "Ref" -> {
                    return "AWS::NoValue".equals(argument) ? NO_VALUE : ref(String.valueOf(argument), where);
                }
                case "Fn::If" -> {
                    if (argument instanceof List<?> choice && choice.size() == 3) {
                        return resolve(condition(String.valueOf(choice.get(0)), where) ? choice.get(1) : choice.get(2),
                                where, variable);
                    }
                }
                case "Fn::GetAtt" -> {
                    if (argument instanceof List<?> parts && parts.size() == 2) {
                        return getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
                    }
                }
                case "Fn::Sub" -> {
                    if (argument instanceof String text) {
                        return sub(text, where, variable);
                    }
                }
                default -> {
                    // reported below
                }
            }
        }
        throw new LocalFailure(where + ": the local runtime cannot resolve " + value);
    }

    /** A named condition of the template, evaluated with the parameters' defaults. */
    private boolean condition(String name, String where) {
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new LocalFailure(where + ": no condition named " + name);
        }
        return holds(definition, where);
    }

    private boolean holds(Object definition, String where) {
        if (definition instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> function = map.entrySet().iterator().next();
            List<?> arguments = function.getValue() instanceof List<?> list ? list : List.of(function.getValue());
            switch (String.valueOf(function.getKey())) {
                case "Fn::Not" -> {
                    return !holds(arguments.getFirst(), where);
                }
                case "Fn::And" -> {
                    return arguments.stream().allMatch(argument -> holds(argument, where));
                }
                case "Fn::Or" -> {
                    return arguments.stream().anyMatch(argument -> holds(argument, where));
                }
                case "Fn::Equals" -> {
                    if (arguments.size() == 2) {
                        return Objects.equals(resolve(arguments.get(0), where, null),
                                resolve(arguments.get(1), where, null));
                    }
                }
                case "Condition" -> {
                    return condition(String.valueOf(function.getValue()), where);
                }
                default -> {
                    // reported below
                }
            }
        }
        throw new LocalFailure(where + ": the local runtime cannot evaluate the condition " + definition);
    }

    private String sub(String text, String where, String variable) {
        if (DYNAMIC_SECRET.matcher(text).find()) {
            return secret(text, variable);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            int dot = name.indexOf('.');
            String replacement = dot > 0 && !name.startsWith("AWS::")
                    ? getAtt(name.substring(0, dot), name.substring(dot + 1))
                    : ref(name, where);
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A dynamic reference to a secret stands for the whole value: the local secret of that variable. */
    private String secret(String text, String variable) {
        String whole = DYNAMIC_SECRET.matcher(text).replaceAll("");
        if (!whole.isEmpty()) {
            throw new LocalFailure(variable + ": the local runtime resolves a secret reference only as the whole"
                    + " value, not inside " + text);
        }
        return store.secret(variable);
    }

    private String ref(String name, String where) {
        String pseudo = PSEUDO_PARAMETERS.get(name);
        if (pseudo != null) {
            return pseudo;
        }
        return store.tableName(name)
                .or(() -> template.parameterDefault(name))
                .orElseGet(() -> {
                    if (template.resources().containsKey(name)) {
                        return name; // the physical id of a resource the local runtime does not emulate
                    }
                    throw new LocalFailure(where + ": !Ref " + name + " names no resource, and no parameter"
                            + " with a Default");
                });
    }

    private String getAtt(String resource, String attribute) {
        String table = store.tableName(resource).orElse(null);
        if (table != null && attribute.equals("Arn")) {
            return "arn:aws:dynamodb:" + LocalStore.REGION + ":" + LocalStore.ACCOUNT_ID + ":table/" + table;
        }
        return "arn:aws:local:" + LocalStore.REGION + ":" + LocalStore.ACCOUNT_ID + ":" + resource + "/" + attribute;
    }
}
