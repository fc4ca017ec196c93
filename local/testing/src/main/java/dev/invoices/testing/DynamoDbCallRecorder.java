package dev.invoices.testing;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Records, for every DynamoDB request a function's handler makes in the tests, the IAM authorisations it needs
 * ({@link DynamoDbCall}), so that a test can hold each function's role to them. DynamoDB authorises a
 * {@code TransactWriteItems} item by item, as {@code PutItem}, {@code UpdateItem}, {@code DeleteItem} or
 * {@code ConditionCheckItem} on that item's table, and a {@code TransactGetItems} as {@code GetItem}; batches as
 * {@code BatchGetItem} or {@code BatchWriteItem} on each table.
 *
 * <p>Whose request it is comes from the stack: from the innermost frame outwards, the first frame of a
 * {@code dev.invoices.functions.*Handler} names the function (through the template's {@code Handler}); a frame
 * of test code met first (a class from {@code test-classes}, or of this package) makes it the test's own
 * set-up, seeding or racing writer, which is not recorded. So is a request with no handler on the stack.
 *
 * <p>A JVM's first recorded call starts {@value #FILE} afresh; each distinct call is then appended once, as it
 * happens (a JVM that dies leaves what it had). So the file holds what the module's last test run needed, never
 * what an older run did: a stale call could hide a grant that is no longer needed.
 */
public final class DynamoDbCallRecorder implements ExecutionInterceptor {
    /** Where the calls go, relative to the module. */
    public static final String FILE = "target/dynamodb-calls.tsv";
    private static final String HANDLER_PACKAGE = "dev.invoices.functions.";
    private static final String TESTING_PACKAGE = DynamoDbCallRecorder.class.getPackageName() + ".";
    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final ClassValue<Boolean> TEST_CODE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (type.getName().startsWith(TESTING_PACKAGE)) {
                return true;
            }
            CodeSource source = type.getProtectionDomain().getCodeSource();
            return source != null && source.getLocation() != null
                    && source.getLocation().getPath().contains("/test-classes/");
        }
    };

    private final Map<String, String> functionsByHandlerClass;
    private final Function<String, Optional<String>> tableLogicalId;
    private final Function<String, String> partitionKey;
    private final Path file;
    private final Set<DynamoDbCall> recorded = new HashSet<>();
    private boolean started;

    /**
     * @param functionsByHandlerClass the template's functions' logical ids by handler class name
     * @param tableLogicalId          the logical id of a table the tests created, by its name
     * @param partitionKey            the partition key attribute of a table, by its logical id
     * @param file                    where to write, truncated on the first call
     */
    public DynamoDbCallRecorder(Map<String, String> functionsByHandlerClass,
                                Function<String, Optional<String>> tableLogicalId,
                                Function<String, String> partitionKey, Path file) {
        this.functionsByHandlerClass = Map.copyOf(functionsByHandlerClass);
        this.tableLogicalId = tableLogicalId;
        this.partitionKey = partitionKey;
        this.file = file;
    }

    /** The file of the module the tests run in (Maven's {@code basedir}, else the working directory). */
    public static Path moduleFile() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve(FILE);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Optional<String> function = function();
        if (function.isEmpty()) {
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        List<DynamoDbCall> calls = new ArrayList<>();
        authorisations(context.request(), operation).forEach(need -> calls.add(new DynamoDbCall(function.get(),
                operation, "dynamodb:" + need.action, table(need.tableName), need.index, need.keyPrefix)));
        record(calls);
    }

    /** One authorisation, before the table's name is mapped to its logical id. */
    private record Need(String action, String tableName, String index, String keyPrefix) {
    }

    private List<Need> authorisations(SdkRequest request, String operation) {
        List<Need> needs = new ArrayList<>();
        switch (request) {
            case GetItemRequest get -> needs.add(item("GetItem", get.tableName(), get.key()));
            case PutItemRequest put -> needs.add(item("PutItem", put.tableName(), put.item()));
            case UpdateItemRequest update -> needs.add(item("UpdateItem", update.tableName(), update.key()));
            case DeleteItemRequest delete -> needs.add(item("DeleteItem", delete.tableName(), delete.key()));
            case QueryRequest query -> needs.add(new Need("Query", query.tableName(), index(query.indexName()),
                    DynamoDbCall.NONE));
            case ScanRequest scan -> needs.add(new Need("Scan", scan.tableName(), index(scan.indexName()),
                    DynamoDbCall.NONE));
            case TransactGetItemsRequest transaction -> {
                for (TransactGetItem item : transaction.transactItems()) {
                    needs.add(item("GetItem", item.get().tableName(), item.get().key()));
                }
            }
            case TransactWriteItemsRequest transaction -> {
                for (TransactWriteItem item : transaction.transactItems()) {
                    needs.add(transactWrite(item));
                }
            }
            case BatchGetItemRequest batch -> batch.requestItems().forEach((table, keys) ->
                    keys.keys().forEach(key -> needs.add(item("BatchGetItem", table, key))));
            case BatchWriteItemRequest batch -> batch.requestItems().forEach((table, writes) -> {
                for (WriteRequest write : writes) {
                    needs.add(item("BatchWriteItem", table,
                            write.putRequest() != null ? write.putRequest().item() : write.deleteRequest().key()));
                }
            });
            // Anything else is recorded as its operation on no known table, which no statement allows: a test
            // of the roles then fails on it instead of passing it by.
            default -> needs.add(new Need(operation, null, DynamoDbCall.NONE, DynamoDbCall.NONE));
        }
        return needs;
    }

    private Need transactWrite(TransactWriteItem item) {
        if (item.put() != null) {
            return item("PutItem", item.put().tableName(), item.put().item());
        }
        if (item.update() != null) {
            return item("UpdateItem", item.update().tableName(), item.update().key());
        }
        if (item.delete() != null) {
            return item("DeleteItem", item.delete().tableName(), item.delete().key());
        }
        return item("ConditionCheckItem", item.conditionCheck().tableName(), item.conditionCheck().key());
    }

    private Need item(String action, String tableName, Map<String, AttributeValue> key) {
        String prefix = tableLogicalId.apply(tableName)
                .map(partitionKey)
                .map(key::get)
                .map(AttributeValue::s)
                .map(DynamoDbCallRecorder::prefix)
                .orElse("?");
        return new Need(action, tableName, DynamoDbCall.NONE, prefix);
    }

    private static String prefix(String value) {
        int separator = value.indexOf('#');
        return separator < 0 ? value : value.substring(0, separator + 1);
    }

    private static String index(String indexName) {
        return indexName == null ? DynamoDbCall.NONE : indexName;
    }

    private String table(String tableName) {
        if (tableName == null) {
            return "?";
        }
        return tableLogicalId.apply(tableName).orElse("?" + tableName);
    }

    /** The function whose handler is on the stack, unless test code stands between it and the request. */
    private Optional<String> function() {
        return STACK.walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(type -> type != DynamoDbCallRecorder.class)
                .filter(type -> isHandler(type) || TEST_CODE.get(type))
                .findFirst()
                .filter(DynamoDbCallRecorder::isHandler)
                .map(this::functionOf));
    }

    private static boolean isHandler(Class<?> type) {
        String name = topLevelName(type);
        return name.startsWith(HANDLER_PACKAGE) && name.endsWith("Handler") && !TEST_CODE.get(type);
    }

    private String functionOf(Class<?> handler) {
        String name = topLevelName(handler);
        // A handler the template does not name is recorded as such, and fails the test of the roles.
        return functionsByHandlerClass.getOrDefault(name, "?" + name);
    }

    private static String topLevelName(Class<?> type) {
        String name = type.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    /**
     * Records calls that another recorder of the same JVM worked out (the stream reads Lambda's event source mapping
     * makes with a function's role, the function's EventBridge calls), into the same file.
     */
    public void recordAll(List<DynamoDbCall> calls) {
        record(calls);
    }

    private synchronized void record(List<DynamoDbCall> calls) {
        try {
            if (!started) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, DynamoDbCall.HEADER + "\n", StandardCharsets.UTF_8);
                started = true;
            }
            StringBuilder lines = new StringBuilder();
            for (DynamoDbCall call : calls) {
                if (recorded.add(call)) {
                    lines.append(call.line()).append('\n');
                }
            }
            if (!lines.isEmpty()) {
                Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record DynamoDB calls in " + file, e);
        }
    }
}
