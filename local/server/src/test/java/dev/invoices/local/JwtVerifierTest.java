package dev.invoices.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Unit test of the local JWT check's time claims (no clock skew, and no wrap-around of huge numbers) and of its
 * settings.
 */
class JwtVerifierTest {
    private static final JwtVerifier.Settings SETTINGS = JwtVerifier.Settings.withDefaults(
            "unit-test-secret-of-thirty-two-bytes");
    private static final long NOW = 1_767_225_600L; // 2026-01-01T00:00:00Z
    private static final JwtVerifier VERIFIER = new JwtVerifier(SETTINGS,
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    static Stream<Object[]> timeClaims() {
        BigDecimal twoTo63 = new BigDecimal("9223372036854775808");
        BigDecimal nowPlusTwoTo64 = BigDecimal.valueOf(NOW).add(new BigDecimal("18446744073709551616"));
        return Stream.of(
                new Object[]{"nbf", twoTo63, false},
                new Object[]{"nbf", nowPlusTwoTo64, false},
                new Object[]{"nbf", BigDecimal.valueOf(NOW + 1), false},
                new Object[]{"nbf", BigDecimal.valueOf(NOW), false},
                new Object[]{"nbf", BigDecimal.valueOf(NOW - 1), true},
                new Object[]{"nbf", BigDecimal.valueOf(-1), false},
                new Object[]{"iat", BigDecimal.valueOf(NOW + 1), false},
                new Object[]{"iat", BigDecimal.valueOf(NOW), true},
                new Object[]{"exp", twoTo63, false},
                new Object[]{"exp", new BigDecimal("-9223372036854775809"), false},
                new Object[]{"exp", BigDecimal.valueOf(NOW), false},
                new Object[]{"exp", BigDecimal.valueOf(NOW + 1), true},
                new Object[]{"exp", BigDecimal.valueOf(253_402_300_799L), true},
                new Object[]{"exp", BigDecimal.valueOf(253_402_300_800L), false});
    }

    @ParameterizedTest(name = "{0} = {1}: accepted {2}")
    @MethodSource("timeClaims")
    void aTimeClaim_isComparedWithoutSkew_nbfMustBeBeforeNow_andOneOutOfRange_makesTheTokenInvalid(String claim, BigDecimal value,
                                                                              boolean accepted) {
        // given (exp is an hour after the token is signed, unless the case sets it)
        Map<String, Object> claims = new HashMap<>(Map.of("sub", "u1", "exp", NOW + 3600));
        claims.put(claim, value);
        String token = JwtVerifier.sign(SETTINGS, claims);

        // when / then
        assertEquals(accepted, VERIFIER.verify("Bearer " + token).isPresent());
    }

    @Test
    void aSecretShorterThanAnHs256Key_isRefusedAtStart() {
        LocalFailure failure = assertThrows(LocalFailure.class,
                () -> new JwtVerifier.Settings("short", "https://issuer.test", List.of("aud")));
        assertEquals("--auth-secret must be at least 32 bytes (an HS256 key, RFC 7518)", failure.getMessage());
    }
}
