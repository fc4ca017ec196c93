package dev.invoices.bench;

import dev.invoices.config.Dependencies;
import dev.invoices.refresh.DraftRefresher;
import dev.invoices.refresh.RefreshReport;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Runs in its own JVM (the regenerate function's jar on the classpath, configured from the environment as in
 * Lambda): the scheduled draft refresh, once over stale drafts and once more with nothing stale, printing the rate
 * and the heap's peak use during each pass.
 */
public final class SchedulePass {
    private SchedulePass() {
    }

    public static void main(String[] args) {
        DraftRefresher refresher = new DraftRefresher(Dependencies.fromEnvironment());
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        for (String pass : new String[] {"stale", "steady"}) {
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            RefreshReport report = refresher.refresh(() -> Long.MAX_VALUE);
            long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            System.gc();
            long live = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
            System.out.printf("SCHEDULE %s %d %d %d %d %d %d%n", pass, report.scanned(), report.elapsedMillis(),
                    report.pages(), report.writes(), peak, live);
        }
    }
}
