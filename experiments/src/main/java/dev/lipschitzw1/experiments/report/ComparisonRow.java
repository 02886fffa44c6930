package dev.lipschitzw1.experiments.report;

import dev.lipschitzw1.critic.estimate.GradientNorms;
import dev.lipschitzw1.critic.estimate.SeedEstimate;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import java.util.Objects;

/**
 * One critic's line of a comparison: its name ({@code bcop}, {@code rko}, …) and its estimate over the seeds.
 * {@link #gradientNorms} summarises the seeds' diagnostics: means averaged over seeds, minima and maxima taken over
 * seeds; null when no seed has them.
 */
public record ComparisonRow(String critic, W1Estimate estimate) {
    public ComparisonRow {
        Objects.requireNonNull(critic, "critic");
        Objects.requireNonNull(estimate, "estimate");
    }

    /** The seeds' gradient-norm diagnostics pooled (each seed measures the same numbers of images). */
    public GradientNorms gradientNorms() {
        int n = 0;
        double heldMean = 0;
        double heldMin = Double.POSITIVE_INFINITY;
        double heldMax = Double.NEGATIVE_INFINITY;
        double betweenMean = 0;
        double betweenMin = Double.POSITIVE_INFINITY;
        double betweenMax = Double.NEGATIVE_INFINITY;
        int heldSamples = 0;
        int betweenSamples = 0;
        for (SeedEstimate s : estimate.perSeed()) {
            GradientNorms g = s.gradientNorms();
            if (g == null) {
                continue;
            }
            n++;
            heldMean += g.heldOutMean();
            heldMin = Math.min(heldMin, g.heldOutMin());
            heldMax = Math.max(heldMax, g.heldOutMax());
            betweenMean += g.interpolatesMean();
            betweenMin = Math.min(betweenMin, g.interpolatesMin());
            betweenMax = Math.max(betweenMax, g.interpolatesMax());
            heldSamples += g.heldOutSamples();
            betweenSamples += g.interpolateSamples();
        }
        return n == 0 ? null : new GradientNorms(heldSamples, heldMean / n, heldMin, heldMax, betweenSamples,
                betweenMean / n, betweenMin, betweenMax);
    }
}
