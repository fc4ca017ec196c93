package dev.invoices.local;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The invoice ids of an import file, each with the line it is on and what the import does with it, in memory
 * that does not depend on the invoices' size: an open-addressing table of 128-bit hashes (the first half of
 * SHA-256), never the ids themselves. Two different ids share a hash with a probability of about n²/2¹²⁹,
 * about 10⁻²⁷ for a million ids, so a shared hash is taken as the same id.
 *
 * <p>Each slot costs 21 bytes, and the table doubles when half full, so a million ids take 44 MB (2²¹ slots),
 * and 66 MB for a moment while the table grows. Not thread-safe: the thread that reads the file uses it.
 */
final class ImportedIds {
    /** What the import does with an invoice, decided by comparing it with the table. */
    enum Plan {
        UNDECIDED, CREATE, UNCHANGED, REPLACE
    }

    private static final Plan[] PLANS = Plan.values();
    private static final int FIRST_CAPACITY = 1 << 14;

    private final MessageDigest sha256;
    private long[] high = new long[FIRST_CAPACITY];
    private long[] low = new long[FIRST_CAPACITY];
    /** The 1-based line of each slot's id; 0 marks an empty slot. */
    private int[] lines = new int[FIRST_CAPACITY];
    private byte[] plans = new byte[FIRST_CAPACITY];
    private int size;

    ImportedIds() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException required) {
            throw new IllegalStateException("every JDK has SHA-256", required);
        }
    }

    int size() {
        return size;
    }

    /** Adds the id, found on {@code line} (1-based); the line it was first found on if it is already there, else 0. */
    int addIfAbsent(String id, int line) {
        if (line <= 0) {
            throw new IllegalArgumentException("lines are numbered from 1");
        }
        if (size + 1 > lines.length / 2) {
            grow();
        }
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest(id.getBytes(UTF_8)));
        long h = hash.getLong();
        long l = hash.getLong();
        int slot = slotOf(h, l, high, low, lines);
        if (lines[slot] != 0) {
            return lines[slot];
        }
        high[slot] = h;
        low[slot] = l;
        lines[slot] = line;
        size++;
        return 0;
    }

    boolean contains(String id) {
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest(id.getBytes(UTF_8)));
        return lines[slotOf(hash.getLong(), hash.getLong(), high, low, lines)] != 0;
    }

    void plan(String id, Plan plan) {
        plans[existingSlot(id)] = (byte) plan.ordinal();
    }

    Plan planOf(String id) {
        return PLANS[plans[existingSlot(id)]];
    }

    private int existingSlot(String id) {
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest(id.getBytes(UTF_8)));
        int slot = slotOf(hash.getLong(), hash.getLong(), high, low, lines);
        if (lines[slot] == 0) {
            throw new IllegalStateException("id " + id + " was not added");
        }
        return slot;
    }

    /** The slot holding this hash, or the empty slot where it goes (linear probing; the table is never full). */
    private static int slotOf(long h, long l, long[] high, long[] low, int[] lines) {
        int mask = lines.length - 1;
        // SHA-256 bits are uniform, so the low bits of one half are as good an index as any.
        int slot = (int) l & mask;
        while (lines[slot] != 0 && (high[slot] != h || low[slot] != l)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int capacity = lines.length * 2;
        long[] newHigh = new long[capacity];
        long[] newLow = new long[capacity];
        int[] newLines = new int[capacity];
        byte[] newPlans = new byte[capacity];
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] != 0) {
                int slot = slotOf(high[i], low[i], newHigh, newLow, newLines);
                newHigh[slot] = high[i];
                newLow[slot] = low[i];
                newLines[slot] = lines[i];
                newPlans[slot] = plans[i];
            }
        }
        high = newHigh;
        low = newLow;
        lines = newLines;
        plans = newPlans;
    }
}
