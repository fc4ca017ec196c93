package dev.invoices.testing;

import dev.invoices.model.Invoice;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The full fixture sets every field of every part, so that the round-trip tests (JSON, DynamoDB item, every
 * dialect) lose a field the moment one of its mappings forgets it. A field added to a model record without a
 * value here fails this test first, by name.
 */
class InvoiceFixturesTest {

    @Test
    void theFullFixture_setsEveryFieldOfEveryPart() {
        // given
        Invoice full = InvoiceFixtures.full();

        // when: a part that repeats (items, tiers, adjustments) counts a field as set when one of them sets it,
        // since some fields exclude others (a tiered item has no unit price)
        List<String> unset = new ArrayList<>();
        unset.addAll(unsetInAll("invoice", List.of(full)));
        unset.addAll(unsetInAll("sub_line_items", full.subLineItems()));
        unset.addAll(unsetInAll("tiers", full.subLineItems().stream().flatMap(item -> item.tiers().stream()).toList()));
        unset.addAll(unsetInAll("invoice_adjustments", full.invoiceAdjustments()));

        // then
        assertEquals(List.of(), unset);
    }

    /** The fields that none of {@code parts} sets (null, or an empty list or map). */
    private static List<String> unsetInAll(String where, List<? extends Record> parts) {
        List<String> unset = new ArrayList<>();
        if (parts.isEmpty()) {
            return List.of(where + " (none)");
        }
        for (RecordComponent component : parts.getFirst().getClass().getRecordComponents()) {
            boolean set = parts.stream().anyMatch(part -> !isEmpty(value(component, part)));
            if (!set) {
                unset.add(where + "." + component.getName());
            }
        }
        return unset;
    }

    private static Object value(RecordComponent component, Record part) {
        try {
            return component.getAccessor().invoke(part);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isEmpty(Object field) {
        return field == null || (field instanceof Collection<?> c && c.isEmpty())
                || (field instanceof Map<?, ?> m && m.isEmpty());
    }
}
