package dev.invoices.regeneration;

import dev.invoices.priming.FreshRandom;

import java.time.Clock;

/**
 * New invoice ids and statement numbers: 48 bits of milliseconds then 80 random bits, in Crockford base32
 * (the ULID layout), so ids sort by creation time, are unguessable, and fit the id pattern.
 */
public final class InvoiceIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final Clock clock;

    public InvoiceIds(Clock clock) {
        this.clock = clock;
    }

    /** {@code inv_} and 26 characters. */
    public String newInvoiceId() {
        return "inv_" + ulid();
    }

    /** {@code ST} and 26 characters: alphanumeric, as statement numbers are. */
    public String newStatementNumber() {
        return "ST" + ulid();
    }

    private String ulid() {
        long millis = clock.millis();
        byte[] entropy = new byte[10];
        FreshRandom.get().nextBytes(entropy);
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[9 - i] = ALPHABET[(int) (millis >>> (5 * i)) & 31];
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (entropy[i] & 0xFF);
            low = (low << 8) | (entropy[5 + i] & 0xFF);
        }
        for (int i = 0; i < 8; i++) {
            out[10 + i] = ALPHABET[(int) (high >>> (35 - 5 * i)) & 31];
            out[18 + i] = ALPHABET[(int) (low >>> (35 - 5 * i)) & 31];
        }
        return new String(out);
    }
}
