package dev.lipschitzw1.critic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Timing of exact W1 on n uniform points in [0, 1)^784 per side, to run side by side with {@code anchor-bench/bench_ot.py}: X, Y =
 * {@code RandomState(0/1).rand(n, 784)} (the same points as the Python script), cost matrix and assignment timed
 * separately (and the network simplex on the same costs, the algorithm of POT's emd2), median of {@code ot.bench.iters} (default 3) after one warm-up. Sizes from {@code ot.bench.sizes}
 * (default 1000,2000,4096). Prints one JSON line per size and appends it to target/ot-bench.jsonl. Run:
 * {@code OMP_NUM_THREADS=2 mvn -B -o test -pl critic -am -Pslow -Dtest=ExactW1Benchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. Also checks W1 against the values POT's {@code emd2} gave for the same points ({@code POT_VALUES}).
 */
@Tag("slow")
class ExactW1Benchmark {
    /** W1 by POT emd2 for these points (computed once with the Python script), to 12 decimals. */
    private static final double[][] POT_VALUES = {{1000, 10.778718387373}, {2000, 10.740770335282},
        {4096, 10.694592684908}};

    @Test
    void exactW1_timing_uniform784() throws IOException {
        int[] sizes = Arrays.stream(System.getProperty("ot.bench.sizes", "1000,2000,4096").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int iters = Integer.getInteger("ot.bench.iters", 3);
        for (int n : sizes) {
            double[][] x = NumpyRandomState.rand(0, n, 784);
            double[][] y = NumpyRandomState.rand(1, n, 784);
            double[] ones = new double[n];
            Arrays.fill(ones, 1);
            CostMatrix cost = CostMatrix.euclidean(x, y);
            JonkerVolgenantAssignment.solve(cost);
            NetworkSimplexTransport.solve(cost, ones, ones);
            List<Double> costTimes = new ArrayList<>();
            List<Double> solveTimes = new ArrayList<>();
            List<Double> simplexTimes = new ArrayList<>();
            double value = 0;
            double simplexValue = 0;
            for (int it = 0; it < iters; it++) {
                long t0 = System.nanoTime();
                cost = CostMatrix.euclidean(x, y);
                long t1 = System.nanoTime();
                value = JonkerVolgenantAssignment.solve(cost).meanCost();
                long t2 = System.nanoTime();
                simplexValue = NetworkSimplexTransport.solve(cost, ones, ones).cost() / n;
                long t3 = System.nanoTime();
                costTimes.add(round((t1 - t0) * 1e-9));
                solveTimes.add(round((t2 - t1) * 1e-9));
                simplexTimes.add(round((t3 - t2) * 1e-9));
            }
            String line = String.format(Locale.ROOT, "{\"case\":\"ot_exact_java\",\"n\":%d,\"dim\":784,\"iters\":%d,"
                    + "\"cost_median_s\":%.4f,\"assignment_median_s\":%.4f,\"network_simplex_median_s\":%.4f,"
                    + "\"cost_all_s\":%s,\"assignment_all_s\":%s,\"network_simplex_all_s\":%s,\"w1\":%.12f,"
                    + "\"w1_network_simplex\":%.12f,\"omp_num_threads\":\"%s\",\"java\":\"%s\",\"load1\":%.2f}", n, iters,
                    median(costTimes), median(solveTimes), median(simplexTimes), costTimes, solveTimes, simplexTimes,
                    value, simplexValue, System.getenv("OMP_NUM_THREADS"), System.getProperty("java.version"),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.println(line);
            Files.writeString(Path.of("target", "ot-bench.jsonl"), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            for (double[] pot : POT_VALUES) {
                if (pot[0] == n) {
                    assertEquals(pot[1], value, 1e-9 * pot[1], "assignment W1 vs POT emd2, n = " + n);
                    assertEquals(pot[1], simplexValue, 1e-9 * pot[1], "simplex W1 vs POT emd2, n = " + n);
                }
            }
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1e4) / 1e4;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
