package dev.lipschitzw1.critic.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.errors.InvalidConfigException;
import org.junit.jupiter.api.Test;

/**
 * {@link ConvergenceRule#judge} against validation histories computed by hand: B_m is the best of the first m values,
 * g = (B_n − B_{n−k}) / |B_{n−k}|, converged ⇔ n &gt; k and g ≤ tolerance. Every expected gain is the same double
 * expression the rule evaluates, so the comparisons are exact.
 */
class ConvergenceRuleTest {
    @Test
    void judge_smallGainOverWindow_convergedAtOnePercent_notAtHalfPercent() {
        double[] v = {1.0, 2.0, 2.5, 2.52, 2.51};
        // B_5 = 2.52 (epoch 4), B_3 = 2.5 (epoch 3): g = 0.02 / 2.5 ≈ 0.008.
        Convergence at1 = new ConvergenceRule(2, 0.01, 100).judge(v);
        assertEquals(new Convergence(true, (2.52 - 2.5) / 2.5, 2, 0.01, 5), at1);
        Convergence atHalf = new ConvergenceRule(2, 0.005, 100).judge(v);
        assertFalse(atHalf.converged(), atHalf.describe());
        assertEquals((2.52 - 2.5) / 2.5, atHalf.relativeGain(), 0.0, "same gain, stricter tolerance");
        assertEquals("converged: best validation +0.80 % over the last 2 epochs (≤ 1.00 %)", at1.describe());
        assertEquals("NOT converged: best validation +0.80 % over the last 2 epochs (> 0.50 %)", atHalf.describe());
    }

    @Test
    void judge_stillRising_notConverged() {
        // B_4 = 1.5, B_2 = 1.2: g = 0.3 / 1.2 = 0.25.
        Convergence c = new ConvergenceRule(2, 0.01, 100).judge(1.0, 1.2, 1.4, 1.5);
        assertEquals(new Convergence(false, (1.5 - 1.2) / 1.2, 2, 0.01, 4), c);
    }

    /** The best so far, not the last value: a fall after the best is "stopped improving" (g = 0), never a gain. */
    @Test
    void judge_noNewBestInWindow_gainZero_converged() {
        assertEquals(new Convergence(true, 0.0, 2, 0.0, 4), new ConvergenceRule(2, 0.0, 100).judge(0.5, 0.4, 0.3, 0.2));
        assertEquals(new Convergence(true, 0.0, 1, 0.0, 3), new ConvergenceRule(1, 0.0, 100).judge(-2.0, -1.0, -1.5));
    }

    @Test
    void judge_negativeBest_gainRelativeToItsMagnitude() {
        // B_2 = −1, B_1 = −2: g = (−1 − (−2)) / |−2| = 0.5.
        assertEquals(new Convergence(false, 0.5, 1, 0.1, 2), new ConvergenceRule(1, 0.1, 100).judge(-2.0, -1.0));
    }

    @Test
    void judge_gainEqualToTolerance_converged() {
        // B_2 = 1.5, B_1 = 1: g = 0.5 exactly.
        assertTrue(new ConvergenceRule(1, 0.5, 100).judge(1.0, 1.5).converged(), "g = tolerance counts as converged");
    }

    @Test
    void judge_tooFewEpochs_orRiseFromZero_notConverged_gainNaN() {
        Convergence few = new ConvergenceRule(2, 1.0, 100).judge(1.0, 1.0);
        assertFalse(few.converged());
        assertTrue(Double.isNaN(few.relativeGain()), "n ≤ k: no gain " + few);
        assertEquals("NOT converged: 2 epochs, too few to judge a gain over the last 2", few.describe());
        Convergence fromZero = new ConvergenceRule(1, 1e9, 100).judge(0.0, 0.3);
        assertFalse(fromZero.converged(), "no finite relative gain from B = 0");
        assertTrue(Double.isNaN(fromZero.relativeGain()), fromZero.toString());
        assertTrue(fromZero.describe().contains("rose from 0"), fromZero.describe());
    }

    @Test
    void badValues_nameTheirKey() {
        assertEquals("convergence.patienceEpochs", assertThrows(InvalidConfigException.class,
                () -> new ConvergenceRule(0, 0.01, 10)).key());
        assertEquals("convergence.relativeTolerance", assertThrows(InvalidConfigException.class,
                () -> new ConvergenceRule(3, -0.01, 10)).key());
        assertEquals("convergence.relativeTolerance", assertThrows(InvalidConfigException.class,
                () -> new ConvergenceRule(3, Double.NaN, 10)).key());
        assertEquals("convergence.maxSteps", assertThrows(InvalidConfigException.class,
                () -> new ConvergenceRule(3, 0.01, 0)).key());
    }
}
