package dev.invoices.local;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Unit test of the local JWT check's time claims: exact comparisons, and no wrap-around of huge numbers. */
class JwtVerifierTest {
    private static final String SECRET = "unit-test-secret";
    private static final long NOW = 1_767_225_600L; // 2026-01-01T00:00:00Z
    private static final JwtVerifier VERIFIER = new JwtVerifier(SECRET,
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    static Stream<Object[]> timeClaims() {
        BigDecimal twoTo63 = new BigDecimal("9223372036854775808");
        BigDecimal nowPlusTwoTo64 = BigDecimal.valueOf(NOW).add(new BigDecimal("18446744073709551616"));
        return Stream.of(
                new Object[]{"nbf", twoTo63, false},
                new Object[]{"nbf", nowPlusTwoTo64, false},
                new Object[]{"nbf", BigDecimal.valueOf(NOW + 1), false},
                new Object[]{"nbf", new BigDecimal(NOW + ".5"), false},
                new Object[]{"nbf", BigDecimal.valueOf(NOW), true},
                new Object[]{"nbf", new BigDecimal((NOW - 1) + ".5"), true},
                new Object[]{"nbf", BigDecimal.valueOf(-1), false},
                new Object[]{"exp", twoTo63, false},
                new Object[]{"exp", new BigDecimal("-9223372036854775809"), false},
                new Object[]{"exp", BigDecimal.valueOf(NOW), false},
                new Object[]{"exp", new BigDecimal(NOW + ".5"), true},
                new Object[]{"exp", BigDecimal.valueOf(253_402_300_799L), true},
                new Object[]{"exp", BigDecimal.valueOf(253_402_300_800L), false});
    }

    @ParameterizedTest(name = "{0} = {1}: accepted {2}")
    @MethodSource("timeClaims")
    void aTimeClaim_isComparedExactly_andOneOutOfRange_makesTheTokenInvalid(String claim, BigDecimal value,
                                                                          boolean accepted) {
        // given
        String token = JwtVerifier.sign(SECRET, Map.of("sub", "u1", claim, value));

        // when / then
        assertEquals(accepted, VERIFIER.verify("Bearer " + token).isPresent());
    }
}
