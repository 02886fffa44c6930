package dev.lipschitzw1.critic.estimate;

import dev.lipschitzw1.provenance.Provenance;
import java.util.List;
import java.util.Locale;

/**
 * The estimator's result. {@code value} is the mean over seeds of the held-out estimate
 * <pre>  Ŵ = mean f(x_P, test) − mean f(x_Q, test)  </pre>
 * which, for a certified 1-Lipschitz f, is an unbiased estimate of a lower bound on W1(P, Q) (L2 distance between
 * flattened images with pixels in [0, 1]). {@code ci95} is the 95 % t-interval over seeds (seed-to-seed spread
 * only), {@link Interval#NONE} for one seed (no interval: reports print {@link #NO_INTERVAL});
 * {@code sameDistributionFloor} is the estimate between two disjoint halves of P (what the protocol reports when
 * there is nothing to find), NaN when not computed.
 *
 * @param certifiedLipschitz the largest certified bound L over the seeds' selected critics
 * @param certified whether every seed's L ≤ 1 + 1e-4 (otherwise this is a baseline report: see {@code lowerBound})
 * @param lowerBound the mean over seeds of estimate / max(1, L): valid whatever L is
 */
public record W1Estimate(double value, double std, Interval ci95, List<SeedEstimate> perSeed,
                         double certifiedLipschitz, boolean certified, double lowerBound,
                         double sameDistributionFloor, SampleCounts samples, String preset, String pName,
                         String qName, double wallSeconds, Provenance provenance) {
    /** What every report prints in place of the interval of a one-seed estimate. */
    public static final String NO_INTERVAL = "one seed: no interval; run --seeds ≥ 2";

    public W1Estimate {
        perSeed = List.copyOf(perSeed);
    }

    /** {@code [low, high]} with {@code decimals} decimals, or {@link #NO_INTERVAL} when there is no interval. */
    public String ci95Text(int decimals) {
        if (!ci95.exists()) {
            return NO_INTERVAL;
        }
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, "[" + f + ", " + f + "]", ci95.low(), ci95.high());
    }

    /** How many images each part held (training: -1 when drawn fresh from a sampleable model). */
    public record SampleCounts(long trainP, long trainQ, int validationP, int validationQ, int testP, int testQ) { }

    /** One line for a terminal. */
    public String summary() {
        String interval = ci95.exists() ? "95% CI " + ci95Text(4) + " over " + perSeed.size() + " seeds"
                : NO_INTERVAL;
        String floor = Double.isFinite(sameDistributionFloor) ? String.format("%.4f", sameDistributionFloor)
                : "not computed";
        return String.format("W1(%s, %s) ≥ %.4f  (%s; certified L = %.6f%s; same-distribution floor %s; "
                        + "preset %s)", pName, qName, value, interval, certifiedLipschitz,
                certified ? "" : ", NOT certified: lower bound " + lowerBound, floor, preset);
    }
}
