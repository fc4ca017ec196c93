package dev.invoices.bench;

import dev.invoices.config.Dependencies;
import dev.invoices.functions.ListInvoicesHandler;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceTable;
import dev.invoices.testing.InvoiceFixtures;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * How listing scales with a customer's history: a customer with 20,000 invoices (three in four FINALIZED, the rest
 * DRAFT), the first page and the page 10,000 invoices deep (its cursor found by walking), timed through the list
 * handler, with the DynamoDB requests and read capacity each page costs.
 */
final class Depth {
    static final String CUSTOMER = "deep-corp";
    static final int INVOICES = 20_000;
    static final int DEPTH = 10_000;
    static final int PAGE = 25;

    record Result(String sort, String status, Stats first, Stats deep, int firstRequests, int deepRequests,
                  double firstCapacity, double deepCapacity, int deepIndex, Stats rawFirst, Stats rawDeep) {
        double ratio() {
            return deep.median() / first.median();
        }
    }

    private final Dependencies dependencies;
    private final Meter meter;
    private final Seed seed;
    private final String listTemplate;
    private final int iterations;

    Depth(Dependencies dependencies, Meter meter, Seed seed, String listTemplate, int iterations) {
        this.dependencies = dependencies;
        this.meter = meter;
        this.seed = seed;
        this.listTemplate = listTemplate;
        this.iterations = iterations;
    }

    /** Fills the table: 20,000 invoices an hour apart. */
    void seed() {
        Instant start = Instant.parse("2000-01-01T00:00:00Z");
        seed.putAll(dependencies.config().tableName(), INVOICES, i -> InvoiceFixtures.simple(
                "inv_d_%05d".formatted(i), CUSTOMER, i % 4 == 0 ? InvoiceStatus.DRAFT : InvoiceStatus.FINALIZED,
                start.plus(i, ChronoUnit.HOURS)));
    }

    List<Result> run() {
        Invoker list = new Invoker(new ListInvoicesHandler(dependencies));
        List<Result> results = new ArrayList<>();
        for (String status : new String[] {null, "finalized", "draft,finalized"}) {
            for (String sort : new String[] {"date_asc", "date_desc"}) {
                results.add(measure(list, sort, status));
            }
        }
        return results;
    }

    private Result measure(Invoker list, String sort, String status) {
        String deepCursor = walk(list, sort, status);
        byte[] first = event(sort, status, PAGE, null);
        byte[] deep = event(sort, status, PAGE, deepCursor);
        for (int i = 0; i < 50; i++) {
            list.invoke(first);
            list.invoke(deep);
        }
        long[] firstTimes = new long[iterations];
        long[] deepTimes = new long[iterations];
        int firstRequests = 0;
        int deepRequests = 0;
        double firstCapacity = 0;
        double deepCapacity = 0;
        for (int i = 0; i < iterations; i++) {
            meter.reset();
            list.invoke(first);
            firstTimes[i] = list.lastNanos();
            firstRequests = meter.requests();
            firstCapacity = meter.capacity();
            meter.reset();
            list.invoke(deep);
            deepTimes[i] = list.lastNanos();
            deepRequests = meter.requests();
            deepCapacity = meter.capacity();
        }
        Stats[] raw = status != null && status.contains(",") ? new Stats[2] : raw(sort, status);
        return new Result(sort, status == null ? "none" : status, Stats.ofNanos(firstTimes), Stats.ofNanos(deepTimes),
                firstRequests, deepRequests, firstCapacity, deepCapacity, DEPTH + 1, raw[0], raw[1]);
    }

    /** The bare Query at the first position and 10,000 deep (its start key found by walking), timed alternately. */
    private Stats[] raw(String sort, String status) {
        DynamoDbClient dynamoDb = dependencies.dynamoDb();
        String table = dependencies.config().tableName();
        String index = status == null ? InvoiceTable.BY_CUSTOMER_INDEX : InvoiceTable.BY_CUSTOMER_STATUS_INDEX;
        String attribute = status == null ? InvoiceTable.CUSTOMER_ID : InvoiceTable.CUSTOMER_STATUS;
        String value = status == null ? CUSTOMER
                : InvoiceTable.customerStatus(CUSTOMER, InvoiceStatus.valueOf(status.toUpperCase(Locale.ROOT)));
        boolean forward = sort.equals("date_asc");
        BiFunction<Map<String, AttributeValue>, Integer, QueryResponse> query = (start, limit) ->
                dynamoDb.query(q -> q.tableName(table).indexName(index).keyConditionExpression("#p = :p")
                        .expressionAttributeNames(Map.of("#p", attribute))
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(value)))
                        .scanIndexForward(forward).exclusiveStartKey(start).limit(limit));
        Map<String, AttributeValue> deepKey = null;
        for (int seen = 0; seen < DEPTH; seen += 100) {
            deepKey = query.apply(deepKey, 100).lastEvaluatedKey();
        }
        Map<String, AttributeValue> start = deepKey;
        for (int i = 0; i < 50; i++) {
            query.apply(null, PAGE + 1);
            query.apply(start, PAGE + 1);
        }
        long[] first = new long[iterations];
        long[] deep = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            query.apply(null, PAGE + 1);
            long t1 = System.nanoTime();
            query.apply(start, PAGE + 1);
            deep[i] = System.nanoTime() - t1;
            first[i] = t1 - t0;
        }
        return new Stats[] {Stats.ofNanos(first), Stats.ofNanos(deep)};
    }

    /** The cursor after the first 10,000 matching invoices, walked in pages of 100. */
    private String walk(Invoker list, String sort, String status) {
        String cursor = null;
        for (int seen = 0; seen < DEPTH; seen += 100) {
            cursor = Invoker.nextPage(list.invoke(event(sort, status, 100, cursor)));
            if (cursor == null) {
                throw new IllegalStateException("fewer than " + DEPTH + " invoices match " + status);
            }
        }
        return cursor;
    }

    private byte[] event(String sort, String status, int limit, String cursor) {
        Map<String, String> query = Warm.linked("limit", Integer.toString(limit), "sort", sort);
        if (status != null) {
            query.put("status", status);
        }
        if (cursor != null) {
            query.put("next_page", cursor);
        }
        return Events.bytes(Events.listEvent(listTemplate, CUSTOMER, query));
    }
}
