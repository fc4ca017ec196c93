package dev.invoices.priming;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.security.SecureRandom;

/**
 * The one {@link SecureRandom} a function container draws nonces and ids from, replaced by a newly seeded one
 * after every SnapStart restore. Restored copies of one snapshot would otherwise start from the same generator
 * state; the default Linux algorithm mixes in fresh system entropy on every call, but a generator that is simply
 * new on each copy does not depend on that. Callers ask {@link #get()} at each use and never keep the instance.
 */
public final class FreshRandom implements Resource {
    private static final FreshRandom HOOK = new FreshRandom();
    private static volatile SecureRandom current = new SecureRandom();

    static {
        // org.crac holds resources weakly: HOOK is a strong reference for the life of the class.
        Core.getGlobalContext().register(HOOK);
    }

    private FreshRandom() {
    }

    public static SecureRandom get() {
        return current;
    }

    /** What {@code afterRestore} does, for tests: a new generator, seeded from the system's entropy now. */
    static void reseed() {
        SecureRandom fresh = new SecureRandom();
        fresh.nextBytes(new byte[16]); // seeds it here, on this copy, not lazily on first use
        current = fresh;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        reseed();
    }
}
