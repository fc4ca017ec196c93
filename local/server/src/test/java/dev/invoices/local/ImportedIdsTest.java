package dev.invoices.local;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit test of the import's id set: duplicates found with their first line, across the table's growth. */
class ImportedIdsTest {
    @Test
    void anIdAddedTwice_answersTheLineItWasFirstOn_acrossGrowth() {
        // given: far more ids than the first capacity, so that the table doubles several times
        ImportedIds ids = new ImportedIds();
        for (int line = 1; line <= 200_000; line++) {
            assertEquals(0, ids.addIfAbsent("inv_" + line, line));
        }

        // when / then
        assertEquals(200_000, ids.size());
        assertEquals(1, ids.addIfAbsent("inv_1", 200_001));
        assertEquals(123_456, ids.addIfAbsent("inv_123456", 200_002));
        assertEquals(200_000, ids.size());
        assertTrue(ids.contains("inv_200000"));
        assertFalse(ids.contains("inv_200001"));
        assertFalse(ids.contains("INV_1"), "ids are case-sensitive");
    }

    @Test
    void aPlan_isKeptPerId_andAnUnknownIdHasNone() {
        ImportedIds ids = new ImportedIds();
        ids.addIfAbsent("a", 1);
        ids.addIfAbsent("b", 2);

        ids.plan("a", ImportedIds.Plan.REPLACE);

        assertEquals(ImportedIds.Plan.REPLACE, ids.planOf("a"));
        assertEquals(ImportedIds.Plan.UNDECIDED, ids.planOf("b"));
        assertThrows(IllegalStateException.class, () -> ids.planOf("c"));
        assertThrows(IllegalArgumentException.class, () -> ids.addIfAbsent("d", 0));
    }
}
