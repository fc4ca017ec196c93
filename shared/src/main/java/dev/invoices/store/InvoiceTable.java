package dev.invoices.store;

import dev.invoices.model.InvoiceStatus;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The DynamoDB key design: one table, keyed by invoice id, with two customer indexes for listing. The table
 * itself is defined once, in {@code template.yaml}; this class names its attributes and builds its keys.
 *
 * <table>
 *   <caption>Access patterns</caption>
 *   <tr><th>pattern</th><th>operation</th></tr>
 *   <tr><td>invoice by id (and by customer + id)</td><td>GetItem {@code pk = INVOICE#id}; the customer is
 *       compared after the read</td></tr>
 *   <tr><td>a customer's invoices by period start, either order, optional date range</td><td>Query
 *       {@value #BY_CUSTOMER_INDEX}: {@code customer_id = :c AND period_key BETWEEN …}</td></tr>
 *   <tr><td>the same, one status</td><td>Query {@value #BY_CUSTOMER_STATUS_INDEX}:
 *       {@code customer_status = :c#STATUS AND period_key …}</td></tr>
 *   <tr><td>the same, several statuses</td><td>one Query per status on {@value #BY_CUSTOMER_STATUS_INDEX},
 *       merged in order</td></tr>
 *   <tr><td>how many invoices a customer has</td><td>GetItem {@code pk = CUSTOMER#id}, attribute
 *       {@value #INVOICE_COUNT}</td></tr>
 *   <tr><td>how many of a customer's invoices a filter matches</td><td>Query {@code Select=COUNT} on the index
 *       and key range the list would read</td></tr>
 *   <tr><td>every draft, for the scheduled refresh</td><td>Query {@value #DRAFTS_INDEX} once per shard:
 *       {@code draft_shard = DRAFT#n}</td></tr>
 * </table>
 */
public final class InvoiceTable {
    /** Partition key of the table: {@code INVOICE#<id>}, so that invoice ids are unique across the store. */
    public static final String PK = "pk";
    /** What kind of item this is; {@value #ENTITY_INVOICE} for invoices. */
    public static final String ENTITY = "entity";
    public static final String ENTITY_INVOICE = "INVOICE";

    /** Partition key of {@value #BY_CUSTOMER_INDEX}: the invoice's customer id, as is. */
    public static final String CUSTOMER_ID = "customer_id";
    /** Partition key of {@value #BY_CUSTOMER_STATUS_INDEX}: {@code <customer_id>#<STATUS>}. */
    public static final String CUSTOMER_STATUS = "customer_status";
    /**
     * Sort key of both indexes: the period start as a fixed-width UTC instant, then {@code #}, then the
     * invoice id. Fixed width makes string order chronological; the id breaks ties and makes each key unique.
     */
    public static final String PERIOD_KEY = "period_key";

    public static final String BY_CUSTOMER_INDEX = "ByCustomer";
    public static final String BY_CUSTOMER_STATUS_INDEX = "ByCustomerStatus";

    /**
     * Partition key of {@value #DRAFTS_INDEX}, present only on drafts: {@code DRAFT#<n>}, with n one of
     * {@value #DRAFT_SHARDS} shards by a hash of the id, so that writes of many drafts spread over partitions.
     */
    public static final String DRAFT_SHARD = "draft_shard";
    public static final String DRAFTS_INDEX = "Drafts";
    public static final int DRAFT_SHARDS = 8;

    /** Expiry, in epoch seconds, of items that DynamoDB's TTL deletes (idempotency records). */
    public static final String EXPIRES_AT = "expires_at";

    /**
     * The customer's counter item, {@code CUSTOMER#<id>}: how many invoices the customer has, kept by every
     * write that creates an invoice, in the same transaction. It carries no index keys, so no index sees it.
     */
    public static final String INVOICE_COUNT = "invoice_count";
    /**
     * On the same item, one attribute per billing month ({@code invoice_count#2024-01}: the invoices whose period
     * starts in that UTC month), kept in the same transactions as {@link #INVOICE_COUNT}, so that a count over a
     * date range costs one read plus at most two edge months' Queries, however many invoices it spans.
     */
    public static final String MONTH_COUNT_PREFIX = INVOICE_COUNT + "#";

    private static final String INVOICE_PREFIX = "INVOICE#";
    private static final String CUSTOMER_PREFIX = "CUSTOMER#";
    private static final char SEPARATOR = '#';
    private static final DateTimeFormatter FIXED_WIDTH_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private InvoiceTable() {
    }

    public static String invoicePk(String invoiceId) {
        return INVOICE_PREFIX + invoiceId;
    }

    /** The counter item's attribute for the billing month in which {@code periodStart} falls (UTC). */
    public static String monthCount(Instant periodStart) {
        return MONTH_COUNT_PREFIX + YearMonth.from(periodStart.atOffset(ZoneOffset.UTC));
    }

    /** The partition key of the customer's counter item. */
    public static String customerPk(String customerId) {
        return CUSTOMER_PREFIX + customerId;
    }

    public static String customerStatus(String customerId, InvoiceStatus status) {
        return customerId + SEPARATOR + status.name();
    }

    public static String periodKey(Instant periodStart, String invoiceId) {
        return periodPrefix(periodStart) + SEPARATOR + invoiceId;
    }

    /**
     * The sort-key prefix every invoice starting at {@code instant} shares. Because every key continues with
     * {@code #id}, the prefix is below all of them: {@code period_key >= prefix(a)} means "starts at or after
     * a" and {@code period_key <= prefix(b)} means "starts before b".
     */
    public static String periodPrefix(Instant instant) {
        return FIXED_WIDTH_INSTANT.format(instant);
    }

    /** The {@link #DRAFT_SHARD} of a draft: stable for an id, spread evenly over the shards. */
    public static String draftShard(String invoiceId) {
        return draftShardName(Math.floorMod(invoiceId.hashCode(), DRAFT_SHARDS));
    }

    public static String draftShardName(int shard) {
        return "DRAFT#" + shard;
    }

    /** The invoice id at the end of a {@link #PERIOD_KEY} value. */
    public static String invoiceIdOf(String periodKey) {
        return periodKey.substring(periodKey.lastIndexOf(SEPARATOR) + 1);
    }
}
