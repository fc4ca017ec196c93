package dev.invoices.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Unit tests of the RFC 3339 parser and formatter. */
class TimestampsTest {

    @Test
    void aUtcTimestamp_isParsed() {
        // when
        Optional<Instant> parsed = Timestamps.parse("2025-01-31T12:34:56Z");

        // then
        assertEquals(Optional.of(Instant.ofEpochSecond(1_738_326_896L)), parsed);
    }

    @Test
    void aFractionOfOneToNineDigits_isKeptToTheNanosecond() {
        assertEquals(Optional.of(Instant.parse("2025-01-31T12:34:56.500Z")),
                Timestamps.parse("2025-01-31T12:34:56.5Z"));
        assertEquals(Optional.of(Instant.ofEpochSecond(1_738_326_896L, 123_456_789)),
                Timestamps.parse("2025-01-31T12:34:56.123456789Z"));
        assertEquals(Optional.of(Instant.ofEpochSecond(1_738_326_896L, 1)),
                Timestamps.parse("2025-01-31T12:34:56.000000001Z"));
    }

    @Test
    void anOffset_isConvertedToUtc() {
        assertEquals(Optional.of(Instant.parse("2025-01-31T12:00:00Z")), Timestamps.parse("2025-01-31T13:30:00+01:30"));
        assertEquals(Optional.of(Instant.parse("2025-02-01T04:59:00Z")), Timestamps.parse("2025-01-31T23:59:00-05:00"));
        assertEquals(Optional.of(Instant.parse("2025-01-31T12:00:00Z")), Timestamps.parse("2025-01-31T12:00:00-00:00"));
        assertEquals(Optional.of(Instant.parse("2025-01-30T13:00:00Z")), Timestamps.parse("2025-01-31T12:00:00+23:00"));
    }

    @Test
    void theFirstAndLastInstantsOfYears0001To9999_areAccepted() {
        assertEquals(Optional.of(Instant.parse("0001-01-01T00:00:00Z")), Timestamps.parse("0001-01-01T00:00:00Z"));
        assertEquals(Optional.of(Instant.parse("9999-12-31T23:59:59.999999999Z")),
                Timestamps.parse("9999-12-31T23:59:59.999999999Z"));
    }

    @Test
    void theTwentyNinthOfFebruary_isAcceptedInALeapYearOnly() {
        assertEquals(Optional.of(Instant.parse("2024-02-29T00:00:00Z")), Timestamps.parse("2024-02-29T00:00:00Z"));
        assertEquals(Optional.empty(), Timestamps.parse("2025-02-29T00:00:00Z"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "2025-01-31",                           // a date alone
            "2025-01-31T12:34Z",                    // no seconds
            "2025-01-31T12:34:56",                  // no offset
            "2025-01-31 12:34:56Z",                 // space instead of T
            "2025-01-31t12:34:56Z",                 // lower-case t
            "2025-01-31T12:34:56z",                 // lower-case z
            "2025-01-31T12:34:56.Z",                // empty fraction
            "2025-01-31T12:34:56.1234567891Z",      // ten fraction digits
            "2025-01-31T12:34:56,5Z",               // comma fraction
            "2025-01-31T12:34:56+0100",             // offset without colon
            "2025-01-31T12:34:56+01",               // offset without minutes
            "2025-01-31T24:00:00Z",                 // hour 24
            "2025-01-31T12:60:00Z",                 // minute 60
            "2025-12-31T23:59:60Z",                 // leap second
            "2025-01-31T12:00:00+24:00",            // offset hour 24
            "2025-01-31T12:00:00+01:60",            // offset minute 60
            "2025-02-30T00:00:00Z",                 // no such day
            "2025-13-01T00:00:00Z",                 // no such month
            "2025-00-01T00:00:00Z",                 // month 0
            "0000-01-01T00:00:00Z",                 // year 0
            "+10000-01-01T00:00:00Z",               // five-digit year
            "-0001-01-01T00:00:00Z",                // negative year
            "0001-01-01T00:00:00+00:01",            // year 0 once in UTC
            "9999-12-31T23:59:59-00:01",            // year 10000 once in UTC
            "25-01-31T12:34:56Z",                   // two-digit year
            "2025-1-31T12:34:56Z",                  // one-digit month
            "２０２５-01-31T12:34:56Z",              // non-ASCII digits
            " 2025-01-31T12:34:56Z",                // leading space
            "2025-01-31T12:34:56Z ",                // trailing space
            "2025-01-31T12:34:56Z[UTC]",            // zone id
            "1738326896",                           // epoch seconds
    })
    void anythingButStrictRfc3339_isEmpty(String text) {
        assertEquals(Optional.empty(), Timestamps.parse(text));
    }

    @Test
    void format_writesUtcInInstantToStringForm() {
        assertEquals("2025-01-31T12:34:56Z", Timestamps.format(Instant.parse("2025-01-31T12:34:56Z")));
        assertEquals("2025-01-31T12:34:56.250Z", Timestamps.format(Instant.parse("2025-01-31T12:34:56.25Z")));
        assertEquals("2025-01-31T12:34:56.000000001Z", Timestamps.format(Instant.ofEpochSecond(1_738_326_896L, 1)));
    }

    @Test
    void aFormattedInstant_parsesBackToItself() {
        // given
        Instant instant = Instant.ofEpochSecond(1_738_326_896L, 120_000_000);

        // when
        Optional<Instant> back = Timestamps.parse(Timestamps.format(instant));

        // then
        assertEquals(Optional.of(instant), back);
    }

    @Test
    void anInstantOutsideYears0001To9999_cannotBeFormatted() {
        assertThrows(IllegalArgumentException.class, () -> Timestamps.format(Instant.parse("+10000-01-01T00:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.format(Instant.parse("0000-12-31T23:59:59Z")));
    }
}
