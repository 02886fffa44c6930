package dev.lipschitzw1.critic.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Convergence in the estimator: every run's verdict is {@link ConvergenceRule#judge} of its own learning curve; with
 * {@code untilConverged} a run stops after the first epoch at which the rule holds, or at its step cap. Oracle: the
 * rule applied by hand to the recorded curve and to each of its prefixes.
 */
class UntilConvergedTest {
    private static final ImageSet P = EstimatorTestData.randomImages("p", 200, 0, 1);
    private static final ImageSet Q = EstimatorTestData.randomImages("q", 200, 40, 2);

    private static double[] validation(SeedEstimate s) {
        return s.curve().stream().mapToDouble(EpochRecord::validationObjective).toArray();
    }

    @Test
    void fixedSchedule_recordsTheDefaultRulesVerdictOnItsCurve() {
        EstimatorConfig config = EstimatorTestData.tiny(EstimatorTestData.SMALL, 4, 3, 1);
        W1Estimate e = new DualW1Estimator(config).estimate(P, Q);
        SeedEstimate s = e.perSeed().get(0);
        assertEquals(ConvergenceRule.defaults(12).judge(validation(s)), s.convergence());
        assertEquals(4, s.convergence().epochs(), "the whole schedule ran");
        assertEquals(s.convergence().converged(), e.notConverged().isEmpty());
        assertEquals(s.convergence().converged(), e.convergenceWarning().isEmpty(), e.convergenceWarning());
    }

    @Test
    void untilConverged_stopsAtTheFirstEpochTheRuleHolds() {
        ConvergenceRule rule = new ConvergenceRule(1, 0.1, 3 * 40);
        EstimatorConfig config = EstimatorTestData.tiny(EstimatorTestData.SMALL, 2, 3, 1).withUntilConverged(rule);
        W1Estimate e = new DualW1Estimator(config).estimate(P, Q);
        SeedEstimate s = e.perSeed().get(0);
        double[] v = validation(s);
        assertTrue(v.length < 40, "converged before the cap: " + Arrays.toString(v));
        assertTrue(rule.judge(v).converged(), "converged at the last epoch: " + Arrays.toString(v));
        for (int m = 1; m < v.length; m++) {
            assertFalse(rule.judge(Arrays.copyOf(v, m)).converged(), "not yet after " + m + " epochs");
        }
        assertEquals(rule.judge(v), s.convergence());
        assertTrue(e.convergenceWarning().isEmpty(), e.convergenceWarning());
    }

    /** A rule that cannot hold (patience beyond the cap): the run ends at ⌊maxSteps / itersPerEpoch⌋ whole epochs. */
    @Test
    void untilConverged_neverConverging_stopsAtTheStepCapInWholeEpochs() {
        EstimatorConfig config = EstimatorTestData.tiny(EstimatorTestData.SMALL, 9, 3, 1)
                .withUntilConverged(new ConvergenceRule(50, 0.01, 8));
        assertEquals(2, config.maxEpochs(), "⌊8 / 3⌋");
        W1Estimate e = new DualW1Estimator(config).estimate(P, Q);
        SeedEstimate s = e.perSeed().get(0);
        assertEquals(2, s.curve().size(), "2 epochs of 3 steps: 6 ≤ 8 steps, not epochs = 9");
        assertFalse(s.convergence().converged());
        assertTrue(e.convergenceWarning().startsWith("NOT converged: seed 1 (2 epochs, too few"),
                e.convergenceWarning());
        assertTrue(e.summary().contains("NOT converged"), e.summary());
        assertEquals("convergence.maxSteps", assertThrows(InvalidConfigException.class,
                () -> config.withUntilConverged(new ConvergenceRule(1, 0.01, 2))).key(), "cap below one epoch");
    }

    /** Oracle: an uninterrupted run. Killed after its second epoch and resumed, it stops at the same epoch. */
    @Test
    void untilConverged_killAndResume_endsBitIdentical(@TempDir Path dir) {
        EstimatorConfig config = EstimatorTestData.tiny(EstimatorTestData.SMALL, 2, 3, 2)
                .withUntilConverged(new ConvergenceRule(1, 0.1, 3 * 40));
        W1Estimate straight = new DualW1Estimator(config).estimate(P, Q);
        ProgressListener killer = EstimatorTestData.killerAt("seed 2", 1);
        assertThrows(IllegalStateException.class, () -> new DualW1Estimator(config).withCheckpoints(dir)
                .withProgress(killer).estimate(P, Q));
        W1Estimate resumed = new DualW1Estimator(config).withCheckpoints(dir).estimate(P, Q);
        for (int s = 0; s < 2; s++) {
            SeedEstimate a = straight.perSeed().get(s);
            SeedEstimate b = resumed.perSeed().get(s);
            assertEquals(a.curve(), b.curve(), "seed " + s + " curve, so the same stopping epoch");
            assertEquals(a.estimate(), b.estimate(), 0.0, "seed " + s + " estimate");
            assertEquals(a.convergence(), b.convergence(), "seed " + s + " convergence");
        }
        assertEquals(straight.value(), resumed.value(), 0.0);
        assertEquals(List.of(), resumed.notConverged());
    }
}
