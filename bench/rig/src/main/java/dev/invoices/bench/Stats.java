package dev.invoices.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Order statistics of a sample, as the report prints them: median with p10–p90 (or p99) and min–max. */
record Stats(double[] sorted) {
    static Stats of(List<Double> values) {
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(array);
        return new Stats(array);
    }

    static Stats ofNanos(long[] nanos) {
        double[] array = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray();
        Arrays.sort(array);
        return new Stats(array);
    }

    int count() {
        return sorted.length;
    }

    /** Nearest-rank percentile, p in [0, 100]. */
    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double median() {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** "412 (p10–p90 398–450)" */
    String medianSpread(String format) {
        return fmt(format, median()) + " (" + fmt(format, percentile(10)) + "–" + fmt(format, percentile(90)) + ")";
    }

    static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
