package dev.invoices.bench;

import dev.invoices.config.Dependencies;
import dev.invoices.functions.GetInvoiceHandler;
import dev.invoices.functions.InvoicePdfHandler;
import dev.invoices.functions.ListInvoicesHandler;
import dev.invoices.functions.RegenerateInvoiceHandler;
import dev.invoices.functions.VoidInvoiceHandler;
import dev.invoices.store.InvoiceTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Warm latency: every function through its real entry point, many times in one JVM (after a warm-up), and for
 * list and get the raw DynamoDB call that does the same work, interleaved call by call with the handler, so that
 * the difference is the handler's own overhead.
 */
final class Warm {
    /** A function's latency, and for the paired cases the raw call's and the per-pair difference. */
    record Result(String name, String what, Stats handler, Stats raw, Stats overhead, int requests) {
    }

    private final Dependencies dependencies;
    private final Dependencies fromMemory;
    private final ResponseRecorder recorder;
    private final Meter meter;
    private final Seed seed;
    private final Events events;
    private final int warmup;
    private final int iterations;

    /**
     * @param fromMemory the same configuration on a client whose HTTP client answers every call with the
     *                   response {@code recorder} kept last: the handler's own cost without the engine's noise
     */
    Warm(Dependencies dependencies, Dependencies fromMemory, ResponseRecorder recorder, Meter meter, Seed seed,
         Events events, int warmup, int iterations) {
        this.dependencies = dependencies;
        this.fromMemory = fromMemory;
        this.recorder = recorder;
        this.meter = meter;
        this.seed = seed;
        this.events = events;
        this.warmup = warmup;
        this.iterations = iterations;
    }

    List<Result> run() {
        String table = dependencies.config().tableName();
        DynamoDbClient dynamoDb = dependencies.dynamoDb();
        List<Result> results = new ArrayList<>();

        Invoker list = new Invoker(new ListInvoicesHandler(dependencies));
        byte[] listEvent = Events.bytes(events.read("list-invoices.json"));
        results.add(alone("list", "events/list-invoices.json (limit 10, date_desc)", list, () -> listEvent, () -> {
        }));

        byte[] list25 = Events.bytes(Events.listEvent(events.read("list-invoices.json"), Seed.EVENT_CUSTOMER,
                linked("limit", "25", "sort", "date_desc")));
        Map<String, AttributeValue> customer = Map.of(":p", AttributeValue.fromS(Seed.EVENT_CUSTOMER));
        results.add(paired("list", "limit 25, date_desc vs the raw Query (ByCustomer, Limit 26, descending)", list,
                list25, () -> dynamoDb.query(query -> query.tableName(table).indexName(InvoiceTable.BY_CUSTOMER_INDEX)
                        .keyConditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", InvoiceTable.CUSTOMER_ID))
                        .expressionAttributeValues(customer).scanIndexForward(false).limit(26))));

        if (recorder.last() == null) {
            throw new IllegalStateException("no recorded Query response");
        }
        Invoker listFromMemory = new Invoker(new ListInvoicesHandler(fromMemory));
        DynamoDbClient memory = fromMemory.dynamoDb();
        results.add(paired("list", "limit 25, date_desc vs the raw Query, both answered from memory (DynamoDB's "
                        + "recorded response to that Query)", listFromMemory, list25,
                () -> memory.query(query -> query.tableName(table).indexName(InvoiceTable.BY_CUSTOMER_INDEX)
                        .keyConditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", InvoiceTable.CUSTOMER_ID))
                        .expressionAttributeValues(customer).scanIndexForward(false).limit(26))));

        seed.forGet(table);
        Invoker get = new Invoker(new GetInvoiceHandler(dependencies));
        byte[] getEvent = Events.bytes(events.read("get-invoice.json"));
        Map<String, AttributeValue> key = Map.of(InvoiceTable.PK,
                AttributeValue.fromS(InvoiceTable.invoicePk(Seed.EVENT_INVOICE)));
        results.add(paired("get", "events/get-invoice.json vs the raw GetItem (strongly consistent)", get, getEvent,
                () -> dynamoDb.getItem(item -> item.tableName(table).key(key).consistentRead(true))));

        Invoker pdf = new Invoker(new InvoicePdfHandler(dependencies));
        byte[] pdfEvent = Events.bytes(events.read("get-invoice-pdf.json"));
        results.add(alone("pdf", "events/get-invoice-pdf.json: the event's invoice (3 items, 3 tiers, 2 adjustments)"
                + " rendered", pdf, () -> pdfEvent, () -> {
        }));
        seed.forPdf(table, 300);
        results.add(alone("pdf", "the same with 300 sub line items (13 pages) rendered", pdf, () -> pdfEvent,
                () -> {
                }));
        seed.forGet(table);

        Invoker voids = new Invoker(new VoidInvoiceHandler(dependencies));
        String voidEvent = events.read("void-invoice.json");
        results.add(alone("void", "events/void-invoice.json, a new Idempotency-Key each time (invoice reset untimed)",
                voids, () -> Events.bytes(Events.freshKey(voidEvent)), () -> seed.forVoid(table)));

        Invoker regenerate = new Invoker(new RegenerateInvoiceHandler(dependencies));
        String regenerateEvent = events.read("regenerate-invoice.json");
        results.add(alone("regenerate", "events/regenerate-invoice.json on a voided invoice, a new key each time "
                        + "(reset untimed)", regenerate, () -> Events.bytes(Events.freshKey(regenerateEvent)),
                () -> seed.forRegenerate(table)));
        return results;
    }

    private Result alone(String name, String what, Invoker invoker, Supplier<byte[]> event,
                         Runnable reset) {
        for (int i = 0; i < warmup; i++) {
            reset.run();
            invoker.invoke(event.get());
        }
        long[] times = new long[iterations];
        int requests = 0;
        for (int i = 0; i < iterations; i++) {
            reset.run();
            byte[] bytes = event.get();
            meter.reset();
            invoker.invoke(bytes);
            times[i] = invoker.lastNanos();
            requests = meter.requests();
        }
        return new Result(name, what, Stats.ofNanos(times), null, null, requests);
    }

    private Result paired(String name, String what, Invoker invoker, byte[] event, Runnable raw) {
        for (int i = 0; i < warmup; i++) {
            invoker.invoke(event);
            raw.run();
        }
        long[] handler = new long[iterations];
        long[] direct = new long[iterations];
        long[] difference = new long[iterations];
        int requests = 0;
        for (int i = 0; i < iterations; i++) {
            meter.reset();
            invoker.invoke(event);
            handler[i] = invoker.lastNanos();
            requests = meter.requests();
            long start = System.nanoTime();
            raw.run();
            direct[i] = System.nanoTime() - start;
            difference[i] = handler[i] - direct[i];
        }
        return new Result(name, what, Stats.ofNanos(handler), Stats.ofNanos(direct), Stats.ofNanos(difference),
                requests);
    }

    static Map<String, String> linked(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

}
