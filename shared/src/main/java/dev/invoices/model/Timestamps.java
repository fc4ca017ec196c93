package dev.invoices.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 3339 date-times, the only timestamp form of the API.
 *
 * <p>{@link #parse} accepts exactly {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±hh:mm)}: upper-case {@code T} and
 * {@code Z}, seconds required, a fraction of at most nine digits (Java's resolution), and an instant whose
 * year is 0001–9999 both as written and in UTC, so that {@link #format} can always write it back as
 * RFC 3339. Leap seconds ({@code :60}) are rejected because {@link Instant} cannot hold them.
 */
public final class Timestamps {
    private static final Pattern RFC_3339 = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(?:(Z)|([+-])(\\d{2}):(\\d{2}))");
    private static final Instant MIN = Instant.ofEpochSecond(LocalDate.of(1, 1, 1).toEpochDay() * 86_400L);
    private static final Instant MAX =
            Instant.ofEpochSecond(LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400L).minusNanos(1);

    private Timestamps() {
    }

    /** The instant {@code text} names, converted to UTC; empty for anything that is not strict RFC 3339. */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = RFC_3339.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int hour = number(m, 4);
        int minute = number(m, 5);
        int second = number(m, 6);
        if (hour > 23 || minute > 59 || second > 59) {
            return Optional.empty();
        }
        int offsetSeconds = 0;
        if (m.group(8) == null) {
            int offsetHours = number(m, 10);
            int offsetMinutes = number(m, 11);
            if (offsetHours > 23 || offsetMinutes > 59) {
                return Optional.empty();
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (m.group(9).equals("-") ? -1 : 1);
        }
        LocalDate date;
        try {
            date = LocalDate.of(number(m, 1), number(m, 2), number(m, 3));
        } catch (DateTimeException notADate) {
            return Optional.empty();
        }
        if (date.getYear() < 1) {
            return Optional.empty();
        }
        long epochSecond = date.toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        Instant instant = Instant.ofEpochSecond(epochSecond, nanos(m.group(7)));
        return instant.isBefore(MIN) || instant.isAfter(MAX) ? Optional.empty() : Optional.of(instant);
    }

    /**
     * The instant as RFC 3339 in UTC, in {@link Instant#toString()} form ({@code 2025-01-31T12:00:00Z},
     * {@code 2025-01-31T12:00:00.250Z}).
     *
     * @throws IllegalArgumentException for an instant outside the years 0001–9999, which RFC 3339 cannot express
     */
    public static String format(Instant instant) {
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new IllegalArgumentException("instant outside the years 0001-9999");
        }
        return instant.toString();
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        int nanos = Integer.parseInt(fraction);
        for (int digits = fraction.length(); digits < 9; digits++) {
            nanos *= 10;
        }
        return nanos;
    }
}
