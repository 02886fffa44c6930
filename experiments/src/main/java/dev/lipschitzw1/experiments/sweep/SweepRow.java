package dev.lipschitzw1.experiments.sweep;

import dev.lipschitzw1.critic.estimate.Interval;
import java.util.List;

/**
 * One (pair, critic) line of a sweep's table, over the seeds whose task succeeded: with v_k each seed's estimate in
 * native pixels, L_k its certified bound and r_k = raw_k / max(1, L_k) ({@code SeedEstimate.lowerBound}),
 * <pre>  mean = Σ v_k / n,  std = √(Σ (v_k − mean)² / (n − 1)),  ci95 = mean ± t_{0.975, n−1} · std / √n,
 *   certifiedLipschitz = max_k L_k,  rawOverL = Σ r_k / n  </pre>
 * the same formulas ({@link Interval}) as {@code w1 estimate} applies to its seeds, so a complete row equals the
 * estimate of all its seeds. No interval for n &lt; 2 ({@link Interval#NONE}).
 *
 * @param pair               the pair
 * @param critic             the critic's name
 * @param penalised          a penalised baseline (gp, lp): its raw / L is what bounds W1
 * @param seeds              the seeds asked for
 * @param values             v_k of the seeds that succeeded, in seed order
 * @param failed             ids of the tasks that failed
 * @param mean               mean of values (NaN if none)
 * @param std                sample standard deviation (0 for one value)
 * @param ci95               95 % t-interval of the mean
 * @param certifiedLipschitz max_k L_k
 * @param certified          every succeeded seed's critic certified
 * @param rawOverL           mean of r_k
 * @param exactW1            the exact W1 between the spec's exactSamples images of P and of Q (NaN: not computed)
 */
public record SweepRow(SweepPair pair, String critic, boolean penalised, int seeds, List<Double> values,
                       List<String> failed, double mean, double std, Interval ci95, double certifiedLipschitz,
                       boolean certified, double rawOverL, double exactW1) {
    public SweepRow {
        values = List.copyOf(values);
        failed = List.copyOf(failed);
    }

    /** The row of {@code values}, {@code lipschitz} and {@code rawOverL} (per succeeded seed) by the formulas above. */
    static SweepRow of(SweepPair pair, String critic, boolean penalised, int seeds, double[] values,
                       double[] lipschitz, double[] rawOverL, boolean certified, List<String> failed,
                       double exactW1) {
        boolean any = values.length > 0;
        double maxL = Double.NaN;
        for (double l : lipschitz) {
            maxL = Double.isNaN(maxL) ? l : Math.max(maxL, l);
        }
        return new SweepRow(pair, critic, penalised, seeds, java.util.Arrays.stream(values).boxed().toList(), failed,
                any ? Interval.mean(values) : Double.NaN, any ? Interval.standardDeviation(values) : Double.NaN,
                Interval.studentT(values, 0.95), maxL, any && certified,
                any ? Interval.mean(rawOverL) : Double.NaN, exactW1);
    }
}
