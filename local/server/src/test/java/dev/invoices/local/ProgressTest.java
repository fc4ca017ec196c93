package dev.invoices.local;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Unit test of import progress: the rate and the time left, on a clock the test moves. */
class ProgressTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private List<String> lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aLongPhase_printsEveryTwoSeconds_itsRateAndTimeLeft_thenItsSummary() {
        // given
        Progress progress = new Progress(err, now::get, "invoices");

        // when: 1,000 invoices a second, of 10,000
        for (int second = 1; second <= 10; second++) {
            now.addAndGet(1_000_000_000L);
            long done = second * 1_000L;
            progress.report(done, done / 10_000.0, () -> "written " + done + " of 10000 invoices");
        }
        progress.finish(10_000, "written 10000 invoices");

        // then
        assertEquals(List.of(
                "written 2000 of 10000 invoices, 1000 invoices/s, about 8 s left",
                "written 4000 of 10000 invoices, 1000 invoices/s, about 6 s left",
                "written 6000 of 10000 invoices, 1000 invoices/s, about 4 s left",
                "written 8000 of 10000 invoices, 1000 invoices/s, about 2 s left",
                "written 10000 of 10000 invoices, 1000 invoices/s, about 0 s left",
                "written 10000 invoices in 10 s, 1000 invoices/s"), lines());
    }

    @Test
    void aShortPhase_ofFewLines_printsNothing() {
        Progress progress = new Progress(err, now::get, "lines");

        now.addAndGet(500_000_000L);
        progress.report(30, 1.0, () -> "checked 30 lines");
        progress.finish(30, "checked 30 lines");

        assertEquals(List.of(), lines());
    }
}
