package dev.invoices.priming;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A restore replaces the generator, so that copies of one snapshot do not share its state. */
class FreshRandomTest {

    @Test
    void afterARestore_theGeneratorIsANewOne_andStaysTheSameUntilTheNext() {
        // given
        SecureRandom before = FreshRandom.get();

        // when: what SnapStart's afterRestore hook runs
        FreshRandom.reseed();

        // then
        SecureRandom after = FreshRandom.get();
        assertNotSame(before, after);
        assertSame(after, FreshRandom.get());
    }
}
