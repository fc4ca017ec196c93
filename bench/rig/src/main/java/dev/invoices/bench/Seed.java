package dev.invoices.bench;

import dev.invoices.devtools.LocalTables;
import dev.invoices.model.Invoice;
import dev.invoices.model.InvoiceCalculator;
import dev.invoices.model.SubLineItem;
import dev.invoices.model.InvoiceStatus;
import dev.invoices.store.InvoiceItemMapper;
import dev.invoices.template.CloudFormationTemplate;
import dev.invoices.testing.InvoiceFixtures;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Tables from template.yaml and the invoices the event files name, put back in the state each benchmark needs. */
final class Seed {
    /** The invoice that events/get-invoice.json, void-invoice.json and regenerate-invoice.json name. */
    static final String EVENT_INVOICE = "inv_2024_10_acme";
    static final String EVENT_CUSTOMER = "acme-corp";
    private static final Instant OCTOBER_2024 = Instant.parse("2024-10-01T00:00:00Z");

    private final DynamoDbClient dynamoDb;
    private final CloudFormationTemplate template;

    Seed(DynamoDbClient dynamoDb, CloudFormationTemplate template) {
        this.dynamoDb = dynamoDb;
        this.template = template;
    }

    String createTable(String name) {
        LocalTables.create(dynamoDb, template, "InvoicesTable", name);
        return name;
    }

    /** acme-corp with 60 monthly invoices (all statuses) besides the event's invoice. */
    void eventInvoices(String table) {
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        InvoiceStatus[] statuses = InvoiceStatus.values();
        putAll(table, 60, i -> InvoiceFixtures.simple("inv_acme_%03d".formatted(i), EVENT_CUSTOMER,
                statuses[i % statuses.length], start.atZone(ZoneOffset.UTC).plusMonths(i).toInstant()));
        forGet(table);
    }

    /** The event's invoice as events/get-invoice.json reads it: every field populated. */
    void forGet(String table) {
        put(table, InvoiceFixtures.withId(InvoiceFixtures.full(), EVENT_INVOICE, EVENT_CUSTOMER));
    }

    /**
     * The event's invoice with {@code items} priced sub line items, each with a description: what
     * events/get-invoice-pdf.json renders over many pages.
     */
    void forPdf(String table, int items) {
        List<SubLineItem> lines = new ArrayList<>();
        for (int i = 1; i <= items; i++) {
            lines.add(new SubLineItem("Item %03d".formatted(i), "Usage of meter %03d".formatted(i), null, null, null,
                    null, null, BigDecimal.valueOf(i), new BigDecimal("0.25"), BigDecimal.ZERO, null, null, null, null,
                    List.of(), Map.of(), null, null));
        }
        Invoice full = InvoiceFixtures.withId(InvoiceFixtures.full(), EVENT_INVOICE, EVENT_CUSTOMER);
        put(table, InvoiceCalculator.recompute(full.withAmounts(lines, full.invoiceAdjustments(), BigDecimal.ZERO,
                full.tax(), BigDecimal.ZERO)));
    }

    /** The event's invoice finalized and unpaid, so that events/void-invoice.json voids it. */
    void forVoid(String table) {
        put(table, InvoiceFixtures.simple(EVENT_INVOICE, EVENT_CUSTOMER, InvoiceStatus.FINALIZED, OCTOBER_2024));
    }

    /** The event's invoice voided and not replaced, so that events/regenerate-invoice.json replaces it. */
    void forRegenerate(String table) {
        put(table, InvoiceFixtures.simple(EVENT_INVOICE, EVENT_CUSTOMER, InvoiceStatus.VOID, OCTOBER_2024));
    }

    /**
     * Drafts of 50 customers, every tenth with its subtotal and total a cent high: what the schedule section
     * ({@code bash bench/run.sh --sections schedule}) refreshes.
     */
    void staleDrafts(String table, int drafts) {
        BigDecimal cent = new BigDecimal("0.01");
        putAll(table, drafts, i -> {
            Instant start = Instant.parse("2025-01-01T00:00:00Z").atZone(ZoneOffset.UTC).plusMonths(i % 12).toInstant();
            Invoice draft = InvoiceFixtures.simple("inv_b_%05d".formatted(i), "cus_%02d".formatted(i % 50),
                    InvoiceStatus.DRAFT, start);
            return i % 10 == 0 ? draft.withAmounts(draft.subLineItems(), draft.invoiceAdjustments(),
                    draft.subtotal().add(cent), draft.tax(), draft.total().add(cent)) : draft;
        });
    }

    void put(String table, Invoice invoice) {
        dynamoDb.putItem(put -> put.tableName(table).item(InvoiceItemMapper.toItem(invoice)));
    }

    void putAll(String table, int count, IntFunction<Invoice> invoice) {
        List<WriteRequest> batch = new ArrayList<>(25);
        for (int i = 0; i < count; i++) {
            batch.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(InvoiceItemMapper.toItem(invoice.apply(i))).build()).build());
            if (batch.size() == 25 || i == count - 1) {
                Map<String, List<WriteRequest>> pending = Map.of(table, List.copyOf(batch));
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    BatchWriteItemResponse response = dynamoDb.batchWriteItem(write -> write.requestItems(request));
                    pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                }
                batch.clear();
            }
        }
    }
}
