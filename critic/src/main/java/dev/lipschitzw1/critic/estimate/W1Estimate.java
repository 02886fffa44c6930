package dev.lipschitzw1.critic.estimate;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.provenance.Provenance;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The estimator's result. {@code value} is the mean over seeds of the held-out estimate in native pixels
 * <pre>  Ŵ = (mean f(x_P, test) − mean f(x_Q, test)) / a  </pre>
 * with a the critic's architectural factor ({@code architecturalFactor}: its nearest upsampling ×a, 1 for none), which
 * for a certified critic (L ≤ a·(1 + 1e-4), so f / a is 1-Lipschitz) is an unbiased estimate of a lower bound on
 * W1(P, Q) (L2 distance between flattened images with pixels in [0, 1]). For a &gt; 1 the raw objective a·Ŵ
 * ({@link #upsampledValue()}) is the same bound on W1 of the ×a upsampled images, whose distances are a × the native
 * ones. {@code ci95} is the 95 % t-interval over seeds (seed-to-seed spread only), {@link Interval#NONE} for one seed
 * (no interval: reports print {@link #NO_INTERVAL}); {@code sameDistributionFloor} is the estimate between two disjoint
 * halves of P (what the protocol reports when there is nothing to find), in native pixels, NaN when not computed.
 *
 * @param certifiedLipschitz  the largest certified bound L over the seeds' selected critics, in native pixels
 * @param architecturalFactor a ≥ 1, the exact Lipschitz constant of the critic's fixed layers
 *                            ({@code CriticConfig.architecturalFactor()}); value, std, ci95 and the floor are the raw
 *                            numbers divided by it
 * @param certified           whether every seed's L ≤ a·(1 + 1e-4) (otherwise a baseline report: see
 *                            {@code lowerBound})
 * @param lowerBound          the mean over seeds of raw / max(1, L): valid in native pixels whatever L is
 */
public record W1Estimate(double value, double std, Interval ci95, List<SeedEstimate> perSeed,
                         double certifiedLipschitz, double architecturalFactor, boolean certified, double lowerBound,
                         double sameDistributionFloor, SampleCounts samples, String preset, String pName,
                         String qName, double wallSeconds, Provenance provenance) {
    /** What every report prints in place of the interval of a one-seed estimate. */
    public static final String NO_INTERVAL = "one seed: no interval; run --seeds ≥ 2";

    /** @throws InvalidConfigException if architecturalFactor &lt; 1 (an estimate written before it was recorded) */
    public W1Estimate {
        perSeed = List.copyOf(perSeed);
        InvalidConfigException.require(architecturalFactor >= 1, "architecturalFactor", architecturalFactor, "≥ 1");
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

    /** a·value: the mean raw estimate, a lower bound on W1 of the ×a upsampled images (= value when a = 1). */
    public double upsampledValue() {
        return architecturalFactor * value;
    }

    /** Seed {@code s}'s estimate in native pixels: its raw estimate / a. */
    public double nativeEstimate(SeedEstimate s) {
        return s.estimate() / architecturalFactor;
    }

    /** Whether the critic upsamples (a &gt; 1), so that reports label the native and the upsampled numbers. */
    public boolean upsampled() {
        return architecturalFactor > 1;
    }

    /** The seeds whose validation objective had not converged (seeds without a recorded convergence are left out). */
    public List<SeedEstimate> notConverged() {
        return perSeed.stream().filter(s -> s.convergence() != null && !s.convergence().converged()).toList();
    }

    /**
     * The warning reports print when a seed had not converged, e.g. "NOT converged: seeds 1, 3 (best validation +2.10 %
     * over the last 3 epochs (&gt; 1.00 %)); …"; empty when every seed converged. The reason is the first such seed's
     * (all seeds share one rule).
     */
    public String convergenceWarning() {
        List<SeedEstimate> open = notConverged();
        if (open.isEmpty()) {
            return "";
        }
        String which = open.stream().map(s -> Integer.toString(s.seedIndex() + 1)).collect(Collectors.joining(", "));
        return "NOT converged: seed" + (open.size() == 1 ? " " : "s ") + which + " (" + open.get(0).convergence()
                .reason() + "); the estimate is a lower bound that more training would raise: train longer "
                + "(--epochs, --steps-per-epoch) or use --until-converged";
    }

    /** One line for a terminal. */
    public String summary() {
        String interval = ci95.exists() ? "95% CI " + ci95Text(4) + " over " + perSeed.size() + " seeds"
                : NO_INTERVAL;
        String floor = Double.isFinite(sameDistributionFloor) ? String.format("%.4f", sameDistributionFloor)
                : "not computed";
        String space = upsampled() ? String.format(Locale.ROOT, " in native pixels (raw / %s; ≥ %.4f in the ×%s "
                + "upsampled space)", factorText(), upsampledValue(), factorText()) : "";
        String converged = convergenceWarning().isEmpty() ? "" : "; " + convergenceWarning();
        return String.format("W1(%s, %s) ≥ %.4f%s  (%s; certified L = %.6f%s; same-distribution floor %s; "
                        + "preset %s)%s", pName, qName, value, space, interval, certifiedLipschitz,
                certified ? (upsampled() ? " ≤ " + factorText() + "·(1 + 1e-4)" : "")
                        : ", NOT certified: lower bound " + lowerBound, floor, preset, converged);
    }

    /** a as text: "2" for 2.0. */
    public String factorText() {
        return architecturalFactor == Math.rint(architecturalFactor) ? Long.toString((long) architecturalFactor)
                : Double.toString(architecturalFactor);
    }
}
