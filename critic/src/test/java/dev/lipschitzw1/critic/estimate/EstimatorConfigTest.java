package dev.lipschitzw1.critic.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.GradientPenalty;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import org.junit.jupiter.api.Test;

class EstimatorConfigTest {
    @Test
    void json_roundTripsToAnEqualConfig() {
        for (EstimatorConfig c : new EstimatorConfig[] {EstimatorConfig.quick(new ImageShape(1, 28, 28)),
            EstimatorConfig.paper(new ImageShape(3, 32, 32))}) {
            assertEquals(c, EstimatorConfig.fromJson(c.toJson()));
        }
    }

    /**
     * A fixed schedule writes no {@code untilConverged} key, so configs (and checkpoints) written before it read and
     * compare equal; a rule round-trips; the judge of a fixed schedule is the default rule capped at the schedule.
     */
    @Test
    void untilConverged_absentWhenNull_roundTripsWhenSet_andSetsTheEpochCap() {
        EstimatorConfig quick = EstimatorConfig.quick(new ImageShape(1, 28, 28));
        assertFalse(quick.toJson().contains("untilConverged"), quick.toJson());
        assertEquals(ConvergenceRule.defaults(1500), quick.convergence());
        assertEquals(10, quick.maxEpochs());
        EstimatorConfig until = quick.withUntilConverged(new ConvergenceRule(4, 0.005, 7250));
        assertEquals(until, EstimatorConfig.fromJson(until.toJson()));
        assertEquals(48, until.maxEpochs(), "⌊7250 / 150⌋ whole epochs");
        assertEquals(48 * 150, until.totalSteps());
        assertEquals(new ConvergenceRule(4, 0.005, 7250), until.convergence());
    }

    /** The limit is a·(1 + 1e-4): 2·(1 + 1e-4) for the paper critic's ×2 upsampling, 1 + 1e-4 without. */
    @Test
    void certifiedLimit_isTheArchitecturalFactorTimesTheTolerance() {
        assertEquals(EstimatorConfig.CERTIFIED_LIMIT, EstimatorConfig.quick(new ImageShape(1, 28, 28))
                .certifiedLimit(), 0.0);
        assertEquals(2 * EstimatorConfig.CERTIFIED_LIMIT, EstimatorConfig.paper(new ImageShape(1, 28, 28))
                .certifiedLimit(), 0.0);
    }

    @Test
    void penalty_roundTripsThroughJson_andDefaultsByVariant() {
        EstimatorConfig quick = EstimatorConfig.quick(new ImageShape(1, 28, 28));
        assertEquals(GradientPenalty.NONE, quick.penalty(), "BCOP: no penalty");
        EstimatorConfig gp = quick.withCritic(quick.critic().withVariant(CriticConfig.Variant.GP));
        assertEquals(GradientPenalty.WGAN_GP, gp.penalty(), "GP critic: WGAN-GP, λ = 10");
        assertEquals(10.0, gp.penalty().lambda());
        EstimatorConfig lp = gp.withPenalty(GradientPenalty.oneSided(2.5));
        for (EstimatorConfig c : new EstimatorConfig[] {gp, lp, gp.withPenalty(GradientPenalty.NONE)}) {
            assertEquals(c, EstimatorConfig.fromJson(c.toJson()), c.penalty().toString());
        }
        assertEquals(lp.penalty(), lp.withCritic(lp.critic().withSize(8, 3)).penalty(), "same variant: kept");
        assertEquals(GradientPenalty.NONE, lp.withCritic(quick.critic()).penalty(), "back to BCOP: none");
        String withoutPenalty = gp.toJson().replaceAll(",\\s*\"penalty\"\\s*:\\s*\\{[^}]*\\}", "");
        assertFalse(withoutPenalty.contains("penalty"), withoutPenalty);
        assertEquals(gp, EstimatorConfig.fromJson(withoutPenalty), "absent penalty = the variant's default");
        assertEquals("penalty.kind", assertThrows(InvalidConfigException.class,
                () -> quick.withPenalty(GradientPenalty.WGAN_GP)).key(), "a penalty needs the GP critic");
    }

    @Test
    void badValues_nameTheirKey() {
        EstimatorConfig c = EstimatorConfig.quick(new ImageShape(1, 28, 28));
        assertEquals("batchSize", assertThrows(InvalidConfigException.class, () -> c.withSamples(0, 10, 10)).key());
        assertEquals("seeds", assertThrows(InvalidConfigException.class, () -> c.withSeeds(0, 1)).key());
        assertEquals("seed", assertThrows(InvalidConfigException.class, () -> c.withSeeds(1, -5)).key());
        assertEquals("estimator config", assertThrows(InvalidConfigException.class,
                () -> EstimatorConfig.fromJson("{\"preset\":\"x\",\"bogus\":1}")).key());
    }

    /** Oracle: the tabulated Student quantile t(0.975, 4) = 2.776445. */
    @Test
    void studentT_matchesTabulatedQuantile() {
        Interval i = Interval.studentT(new double[] {1, 2, 3, 4, 5}, 0.95);
        double half = 2.776445105 * Math.sqrt(2.5) / Math.sqrt(5);
        assertEquals(3 - half, i.low(), 1e-8);
        assertEquals(3 + half, i.high(), 1e-8);
        assertTrue(i.exists(), "two or more values: an interval");
    }

    /** Oracle: t_{·, n−1} does not exist for n = 1, so there is no interval, and NONE contains nothing. */
    @Test
    void studentT_oneValue_isNone_whichContainsNothing() {
        Interval one = Interval.studentT(new double[] {2}, 0.95);
        assertEquals(Interval.NONE, one, "one seed: no interval");
        assertTrue(Double.isNaN(one.low()) && Double.isNaN(one.high()), "bounds NaN: " + one);
        assertFalse(one.exists(), "NONE does not exist");
        assertFalse(one.contains(2), "NONE contains nothing, not even the value");
        assertFalse(new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY).exists(),
                "the (−∞, ∞) of estimates stored before NONE is no interval either");
    }
}
