package dev.invoices.local;

import dev.invoices.testing.DynamoDbCall;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DynamoDB and EventBridge access one IAM role's inline policies allow, read from the expanded template, and
 * whether it allows a recorded {@link DynamoDbCall}. Stream actions are read on {@code Fn::GetAtt [table, StreamArn]}
 * (and {@code dynamodb:ListStreams}, which has no resource-level permissions, on {@code '*'});
 * {@code events:PutEvents} on {@code Fn::GetAtt [bus, Arn]}. Small and exact for the statement shapes the template uses: Allow;
 * actions named in full; resources {@code {"Fn::GetAtt": [table, "Arn"]}} and
 * {@code {"Fn::Sub": "${table.Arn}/index/Name"}}; at most a {@code ForAllValues:StringLike}
 * {@code dynamodb:LeadingKeys} condition with {@code PREFIX*} patterns, on item actions on the table. Any other
 * shape throws rather than being guessed at.
 */
record DynamoDbGrants(String role, List<Grant> grants) {
    /** What a grant on every key of a table, with no LeadingKeys condition, shows as its keys. */
    static final String EVERY_KEY = "*";

    /** Actions on one item, which {@code dynamodb:LeadingKeys} governs. */
    static final Set<String> ITEM_ACTIONS = Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem");
    /** Actions on a table or index as a whole. */
    static final Set<String> COLLECTION_ACTIONS = Set.of("dynamodb:Query", "dynamodb:Scan");
    /** Actions on a table's stream ({@code Fn::GetAtt [table, StreamArn]}), recorded with index {@value #STREAM}. */
    static final Set<String> STREAM_ACTIONS = Set.of("dynamodb:DescribeStream", "dynamodb:GetShardIterator",
            "dynamodb:GetRecords");
    /** Has no resource-level permissions: granted on {@code '*'}, it allows every table's stream. */
    static final String LIST_STREAMS = "dynamodb:ListStreams";
    /** The index column of a call on a table's stream (FunctionCallRecorder.STREAM). */
    static final String STREAM = "stream";
    /** The one EventBridge action evaluated: on a bus of the template ({@code Fn::GetAtt [bus, Arn]}). */
    static final String PUT_EVENTS = "events:PutEvents";
    /** A grant's table when it is every table. */
    static final String EVERY_TABLE = "*";

    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "Resource", "Condition");
    private static final Pattern INDEX_ARN = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Arn}/index/([A-Za-z0-9_.-]+)");
    private static final Pattern PREFIX_PATTERN = Pattern.compile("[^*?]+\\*");

    /**
     * One action on one table or index, for the keys it allows.
     *
     * @param keys for an item action, {@value #EVERY_KEY} or one LeadingKeys pattern ({@code CUSTOMER#*}); for a
     *             Query or Scan, {@value DynamoDbCall#NONE}
     */
    record Grant(String action, String table, String index, String keys) {
        boolean allows(DynamoDbCall call) {
            if (!action.equals(call.action()) || !(table.equals(EVERY_TABLE) || table.equals(call.table()))
                    || !index.equals(call.index())) {
                return false;
            }
            if (keys.equals(EVERY_KEY) || keys.equals(DynamoDbCall.NONE)) {
                return true;
            }
            // A recorded prefix stands for every key that starts with it: all of them match PATTERN* exactly
            // when the prefix starts with PATTERN.
            return !call.keyPrefix().equals(DynamoDbCall.NONE)
                    && call.keyPrefix().startsWith(keys.substring(0, keys.length() - 1));
        }

        @Override
        public String toString() {
            return action + " on " + table + (index.equals(DynamoDbCall.NONE) ? "" : "/index/" + index)
                    + (keys.equals(DynamoDbCall.NONE) ? "" : keys.equals(EVERY_KEY) ? " (every key)"
                    : " (LeadingKeys " + keys + ")");
        }
    }

    /**
     * @param role      the role's logical id
     * @param resource  the role's resource in the expanded template
     * @param tables    the logical ids of the template's tables
     * @throws IllegalArgumentException on a role or statement this class does not understand
     */
    static DynamoDbGrants of(String role, Map<String, Object> resource, Set<String> tables) {
        return of(role, resource, tables, Set.of());
    }

    /** @param buses the logical ids of the template's event buses */
    static DynamoDbGrants of(String role, Map<String, Object> resource, Set<String> tables, Set<String> buses) {
        if (!"AWS::IAM::Role".equals(resource.get("Type"))) {
            throw new IllegalArgumentException(role + " is not an AWS::IAM::Role but " + resource.get("Type"));
        }
        Map<String, Object> properties = map(resource.get("Properties"), role);
        if (properties.containsKey("ManagedPolicyArns")) {
            throw new IllegalArgumentException(role + " has managed policies, which this test cannot read");
        }
        List<Grant> grants = new ArrayList<>();
        for (Object policy : list(properties.getOrDefault("Policies", List.of()), role + ".Policies")) {
            Map<String, Object> document = map(map(policy, role).get("PolicyDocument"), role + " PolicyDocument");
            for (Object statement : list(document.get("Statement"), role + " Statement")) {
                grants.addAll(grants(map(statement, role + " statement"), tables, buses, role));
            }
        }
        return new DynamoDbGrants(role, List.copyOf(grants));
    }

    boolean allows(DynamoDbCall call) {
        return grants.stream().anyMatch(grant -> grant.allows(call));
    }

    private static List<Grant> grants(Map<String, Object> statement, Set<String> tables, Set<String> buses,
                                      String role) {
        String where = role + " statement " + statement;
        if (!STATEMENT_KEYS.containsAll(statement.keySet())) {
            throw new IllegalArgumentException("not understood (NotAction, NotResource, Principal…): " + where);
        }
        if (!"Allow".equals(statement.get("Effect"))) {
            throw new IllegalArgumentException("only Allow statements are understood: " + where);
        }
        List<String> actions = new ArrayList<>();
        for (Object action : list(statement.get("Action"), where)) {
            if (!(action instanceof String name) || name.contains("*") || name.contains("?")) {
                throw new IllegalArgumentException("an action must be named in full: " + where);
            }
            actions.add(name);
        }
        if (actions.stream().anyMatch(action -> action.toLowerCase(Locale.ROOT).startsWith("events:"))) {
            return eventGrants(statement, actions, buses, where);
        }
        List<String> dynamoDb = actions.stream()
                .filter(action -> action.toLowerCase(Locale.ROOT).startsWith("dynamodb:"))
                .toList();
        if (dynamoDb.isEmpty()) {
            return List.of();
        }
        if (dynamoDb.stream().anyMatch(a -> STREAM_ACTIONS.contains(a) || a.equals(LIST_STREAMS))) {
            return streamGrants(statement, dynamoDb, actions, tables, where);
        }
        if (dynamoDb.size() != actions.size()) {
            throw new IllegalArgumentException("DynamoDB and other actions in one statement: " + where);
        }
        for (String action : dynamoDb) {
            if (!ITEM_ACTIONS.contains(action) && !COLLECTION_ACTIONS.contains(action)) {
                throw new IllegalArgumentException("a DynamoDB action this test does not evaluate, " + action + ": "
                        + where);
            }
        }
        List<String[]> resources = new ArrayList<>();
        for (Object resource : list(statement.get("Resource"), where)) {
            resources.add(tableOrIndex(resource, tables, where));
        }
        List<String> patterns = leadingKeys(statement.get("Condition"), where);
        List<Grant> grants = new ArrayList<>();
        for (String action : dynamoDb) {
            for (String[] resource : resources) {
                boolean item = ITEM_ACTIONS.contains(action);
                if (!patterns.isEmpty() && (!item || !resource[1].equals(DynamoDbCall.NONE))) {
                    // ForAllValues over a request with no leading key is true: such a grant would allow everything.
                    throw new IllegalArgumentException("LeadingKeys on " + action + " on " + resource[0] + "/"
                            + resource[1] + " is not understood: " + where);
                }
                if (!item) {
                    grants.add(new Grant(action, resource[0], resource[1], DynamoDbCall.NONE));
                } else if (patterns.isEmpty()) {
                    grants.add(new Grant(action, resource[0], resource[1], EVERY_KEY));
                } else {
                    patterns.forEach(p -> grants.add(new Grant(action, resource[0], resource[1], p)));
                }
            }
        }
        return grants;
    }

    /** Stream actions: on a table's {@code StreamArn}, and ListStreams alone on {@code '*'}. */
    private static List<Grant> streamGrants(Map<String, Object> statement, List<String> dynamoDb, List<String> actions,
                                            Set<String> tables, String where) {
        if (dynamoDb.size() != actions.size() || statement.containsKey("Condition")) {
            throw new IllegalArgumentException("stream actions with other actions, or a condition: " + where);
        }
        List<Grant> grants = new ArrayList<>();
        for (Object resource : list(statement.get("Resource"), where)) {
            for (String action : dynamoDb) {
                if (action.equals(LIST_STREAMS) && "*".equals(resource)) {
                    grants.add(new Grant(action, EVERY_TABLE, STREAM, DynamoDbCall.NONE));
                } else if (STREAM_ACTIONS.contains(action) && resource instanceof Map<?, ?> function
                        && function.size() == 1 && function.get("Fn::GetAtt") instanceof List<?> attribute
                        && attribute.size() == 2 && "StreamArn".equals(attribute.get(1))
                        && tables.contains(attribute.get(0))) {
                    grants.add(new Grant(action, (String) attribute.getFirst(), STREAM, DynamoDbCall.NONE));
                } else {
                    throw new IllegalArgumentException("a stream grant other than on a template table's StreamArn"
                            + " (ListStreams: '*'), " + action + " on " + resource + ": " + where);
                }
            }
        }
        return grants;
    }

    /** events:PutEvents on a bus of the template, and no other EventBridge action. */
    private static List<Grant> eventGrants(Map<String, Object> statement, List<String> actions, Set<String> buses,
                                           String where) {
        if (!actions.equals(List.of(PUT_EVENTS)) || statement.containsKey("Condition")) {
            throw new IllegalArgumentException("an EventBridge statement other than " + PUT_EVENTS + " alone: " + where);
        }
        List<Grant> grants = new ArrayList<>();
        for (Object resource : list(statement.get("Resource"), where)) {
            if (resource instanceof Map<?, ?> function && function.size() == 1
                    && function.get("Fn::GetAtt") instanceof List<?> attribute && attribute.size() == 2
                    && "Arn".equals(attribute.get(1)) && buses.contains(attribute.get(0))) {
                grants.add(new Grant(PUT_EVENTS, (String) attribute.getFirst(), DynamoDbCall.NONE, DynamoDbCall.NONE));
            } else {
                throw new IllegalArgumentException(PUT_EVENTS + " on something other than a template bus, " + resource
                        + ": " + where);
            }
        }
        return grants;
    }

    /** {table, index or NONE} of a resource. */
    private static String[] tableOrIndex(Object resource, Set<String> tables, String where) {
        if (resource instanceof Map<?, ?> function && function.size() == 1) {
            if (function.get("Fn::GetAtt") instanceof List<?> attribute && attribute.size() == 2
                    && "Arn".equals(attribute.get(1)) && tables.contains(attribute.get(0))) {
                return new String[] {(String) attribute.getFirst(), DynamoDbCall.NONE};
            }
            if (function.get("Fn::Sub") instanceof String sub) {
                Matcher index = INDEX_ARN.matcher(sub);
                if (index.matches() && tables.contains(index.group(1))) {
                    return new String[] {index.group(1), index.group(2)};
                }
            }
        }
        throw new IllegalArgumentException("a DynamoDB resource that is not a template table's or index's ARN, "
                + resource + ": " + where);
    }

    private static List<String> leadingKeys(Object condition, String where) {
        if (condition == null) {
            return List.of();
        }
        Map<String, Object> operators = map(condition, where);
        if (operators.size() == 1 && operators.get("ForAllValues:StringLike") instanceof Map<?, ?> keys
                && keys.size() == 1 && keys.containsKey("dynamodb:LeadingKeys")) {
            List<String> patterns = new ArrayList<>();
            for (Object pattern : list(keys.get("dynamodb:LeadingKeys"), where)) {
                if (!(pattern instanceof String text) || !PREFIX_PATTERN.matcher(text).matches()) {
                    throw new IllegalArgumentException("a LeadingKeys pattern other than PREFIX*: " + where);
                }
                patterns.add(text);
            }
            if (!patterns.isEmpty()) {
                return patterns;
            }
        }
        throw new IllegalArgumentException("a condition other than ForAllValues:StringLike dynamodb:LeadingKeys: "
                + where);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("expected an object at " + where + ", found " + value);
    }

    /** A list, or a single value as a list of one (as IAM takes Action, Resource and Statement). */
    private static List<?> list(Object value, String where) {
        if (value == null) {
            throw new IllegalArgumentException("missing at " + where);
        }
        return value instanceof List<?> list ? list : List.of(value);
    }
}
