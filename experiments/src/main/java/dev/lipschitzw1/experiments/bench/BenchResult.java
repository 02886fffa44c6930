package dev.lipschitzw1.experiments.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Timings of one case: every timed repetition in seconds, the set-up (graph build, first use) time, and the process's
 * resident memory after the case ({@code VmRSS}) and its peak so far ({@code VmHWM}, process-wide: run one case per
 * process for a per-case peak).
 */
public record BenchResult(String name, String description, String reference, int warmup, List<Double> seconds,
                          double setupSeconds, long rssMiB, long peakRssMiB, double loadAverage) {

    public double median() {
        double[] s = sorted();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public double min() {
        return sorted()[0];
    }

    public double max() {
        double[] s = sorted();
        return s[s.length - 1];
    }

    private double[] sorted() {
        double[] s = seconds.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s;
    }
}
