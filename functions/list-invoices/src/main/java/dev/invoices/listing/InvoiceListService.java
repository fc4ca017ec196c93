package dev.invoices.listing;

import dev.invoices.auth.Caller;
import dev.invoices.error.CustomerNotFoundException;
import dev.invoices.error.InvalidCursorException;
import dev.invoices.store.CustomerQuery;
import dev.invoices.store.InvoiceStore;
import dev.invoices.store.InvoiceTable;
import dev.invoices.store.StorePage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lists a customer's invoices page by page. The cursor carries the DynamoDB key of the page's last invoice
 * (the {@code LastEvaluatedKey} a Query with that page's limit would return), sealed by {@link CursorCodec}
 * and bound to the query, so it is opaque, tamper-evident and useless for any other customer or filter.
 */
public final class InvoiceListService {
    private final InvoiceStore store;
    private final CursorCodec cursors;

    public InvoiceListService(InvoiceStore store, CursorCodec cursors) {
        this.store = store;
        this.cursors = cursors;
    }

    /** A page of the query's customer's invoices, for a caller who may see that customer's invoices. */
    public InvoicePage list(Caller caller, ListQuery query) {
        return list(caller, query, 0);
    }

    /**
     * The page after the first {@code skip} invoices of the query (after the cursor's position, when there is
     * one): the offset of page-numbered dialects. DynamoDB has no offset, so the skipped invoices are read and
     * dropped, up to {@value ListQuery#MAX_LIMIT} a Query; the cost grows with {@code skip}, which callers
     * bound. A page past the end is empty.
     */
    public InvoicePage list(Caller caller, ListQuery query, int skip) {
        if (!caller.mayAccess(query.filter().customerId())) {
            throw new CustomerNotFoundException();
        }
        String binding = query.cursorBinding();
        Optional<String> after = query.cursor().map(token -> position(cursors.decode(token, binding), query.filter()));
        for (int remaining = skip; remaining > 0; ) {
            StorePage skipped = store.page(query.filter(), after, Math.min(remaining, ListQuery.MAX_LIMIT));
            if (skipped.lastPeriodKey().isEmpty()) {
                return new InvoicePage(List.of(), Optional.empty());
            }
            after = skipped.lastPeriodKey();
            remaining -= skipped.invoices().size();
        }
        StorePage page = store.page(query.filter(), after, query.limit());
        Optional<String> next = page.lastPeriodKey().map(periodKey -> cursors.encode(Map.of(
                InvoiceTable.PK, InvoiceTable.invoicePk(InvoiceTable.invoiceIdOf(periodKey)),
                InvoiceTable.PERIOD_KEY, periodKey), binding));
        return new InvoicePage(page.invoices(), next);
    }

    /**
     * How many of the customer's invoices the filter matches, exactly. Without a filter this is the
     * customer's counter item, one read whatever the count; with a status or date filter it is a
     * {@code Select=COUNT} Query over the matching key range, which DynamoDB charges like reading every
     * matching item.
     */
    public long count(Caller caller, CustomerQuery filter) {
        if (!caller.mayAccess(filter.customerId())) {
            throw new CustomerNotFoundException();
        }
        if (!filter.filtersStatus() && filter.startingOn() == null && filter.endingBefore() == null) {
            return store.invoiceCount(filter.customerId());
        }
        return store.count(filter);
    }

    /**
     * The sort key a decoded cursor resumes after. The codec has already proven the cursor is ours and bound to
     * this query; checking its shape again keeps a future codec or key-design change from resuming anywhere else.
     */
    private static String position(Map<String, String> key, CustomerQuery filter) {
        String periodKey = key.get(InvoiceTable.PERIOD_KEY);
        String pk = key.get(InvoiceTable.PK);
        if (key.size() != 2 || periodKey == null || pk == null
                || !pk.equals(InvoiceTable.invoicePk(InvoiceTable.invoiceIdOf(periodKey)))
                || (filter.startingOn() != null
                    && periodKey.compareTo(InvoiceTable.periodPrefix(filter.startingOn())) < 0)
                || (filter.endingBefore() != null
                    && periodKey.compareTo(InvoiceTable.periodPrefix(filter.endingBefore())) >= 0)) {
            throw new InvalidCursorException();
        }
        return periodKey;
    }
}
