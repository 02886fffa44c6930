package dev.lipschitzw1.critic.estimate;

import dev.lipschitzw1.provenance.Provenance;
import java.util.List;

/**
 * The estimator's result. {@code value} is the mean over seeds of the held-out estimate
 * <pre>  Ŵ = mean f(x_P, test) − mean f(x_Q, test)  </pre>
 * which, for a certified 1-Lipschitz f, is an unbiased estimate of a lower bound on W1(P, Q) (L2 distance between
 * flattened images with pixels in [0, 1]). {@code ci95} is the 95 % t-interval over seeds (seed-to-seed spread
 * only); {@code sameDistributionFloor} is the estimate between two disjoint halves of P (what the protocol reports when
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
    public W1Estimate {
        perSeed = List.copyOf(perSeed);
    }

    /** How many images each part held (training: -1 when drawn fresh from a sampleable model). */
    public record SampleCounts(long trainP, long trainQ, int validationP, int validationQ, int testP, int testQ) { }

    /** One line for a terminal. */
    public String summary() {
        return String.format("W1(%s, %s) ≥ %.4f  (95%% CI [%.4f, %.4f] over %d seeds; certified L = %.6f%s; "
                        + "same-distribution floor %.4f; preset %s)", pName, qName, value, ci95.low(), ci95.high(),
                perSeed.size(), certifiedLipschitz, certified ? "" : ", NOT certified: lower bound " + lowerBound,
                sameDistributionFloor, preset);
    }
}
