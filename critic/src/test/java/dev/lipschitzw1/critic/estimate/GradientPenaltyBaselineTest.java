package dev.lipschitzw1.critic.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.CriticTrainer;
import dev.lipschitzw1.critic.network.GradientPenalty;
import dev.lipschitzw1.critic.network.GradientPenaltyTrainer;
import dev.lipschitzw1.critic.ot.ExactW1;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The gradient-penalty baseline inside the estimator: penalised steps, refusal, baseline report, resume. */
class GradientPenaltyBaselineTest {
    private static final ImageSet P = EstimatorTestData.randomImages("p", 200, 0, 1);
    private static final ImageSet Q = EstimatorTestData.randomImages("q", 200, 40, 2);

    /** A tiny GP critic (width 4, depth 2, LeakyReLU 0.2, zero padding) with its default penalty, no floor. */
    private static EstimatorConfig gp(int epochs, int iters) {
        return EstimatorTestData.tiny(EstimatorTestData.SMALL, epochs, iters, 1)
                .withCritic(CriticConfig.quick(EstimatorTestData.SMALL).withSize(4, 2)
                        .withVariant(CriticConfig.Variant.GP))
                .withFlags(true, false, false);
    }

    /**
     * Oracle: the estimator's first epoch re-run by hand — same critic seed, same per-epoch stream, batches then t
     * drawn from it, {@link GradientPenaltyTrainer} steps — gives the same validation objective, bit for bit.
     */
    @Test
    void penalisedEpoch_equalsHandRolledGradientPenaltyTrainerSteps() {
        EstimatorConfig config = gp(1, 3).withPenalty(GradientPenalty.oneSided(5)).withFlags(true, false, true);
        W1Estimate e = new DualW1Estimator(config).estimate(P, Q);
        SampleSplits ps = new DualW1Estimator(config).splits(P, DualW1Estimator.P_SIDE, 0);
        SampleSplits qs = new DualW1Estimator(config).splits(Q, DualW1Estimator.Q_SIDE, 0);
        Critic critic = Critic.create(config.critic().withSeed(DualW1Estimator.mix(config.seed(), 0)));
        GradientPenaltyTrainer t = new GradientPenaltyTrainer(new CriticTrainer(critic, config.optimiser()),
                config.penalty());
        SplittableRandom rng = new SplittableRandom(DualW1Estimator.mix(DualW1Estimator.mix(config.seed(), 0), 0));
        for (int it = 0; it < config.itersPerEpoch(); it++) {
            INDArray real = ps.train().sample(config.batchSize(), rng);
            INDArray fake = qs.train().sample(config.batchSize(), rng);
            t.step(real, fake, rng);
        }
        double validation = DualW1Estimator.objective(critic, ps.validation(), qs.validation());
        assertEquals(validation, e.perSeed().get(0).curve().get(0).validationObjective(), 0.0,
                "estimator epoch = hand-rolled penalised steps");
    }

    /**
     * The GP critic (default WGAN-GP, λ = 10) certifies far above 1: without a baseline report it is refused before
     * training (CertifiedAcceptanceTest); with one, the run carries its bound L and raw / L. Oracle for the report:
     * f / L is 1-Lipschitz, so on the test samples raw / L ≤ exact W1 between those samples (Kantorovich–Rubinstein),
     * + 1e-6.
     */
    @Test
    void gpBaseline_certifiesAboveOne_andReportsLAndRawOverLBelowExactW1OfTestSets() {
        EstimatorConfig config = gp(2, 10);
        assertEquals(GradientPenalty.WGAN_GP, config.penalty(), "GP critic's default penalty");
        assertThrows(InvalidConfigException.class, () -> new DualW1Estimator(config).estimate(P, Q));
        W1Estimate baseline = new DualW1Estimator(config.withFlags(true, false, true)).estimate(P, Q);
        SeedEstimate s = baseline.perSeed().get(0);
        assertFalse(baseline.certified());
        assertTrue(s.certifiedLipschitz() > 1 + 1e-4, "bound " + s.certifiedLipschitz());
        assertEquals(s.estimate() / s.certifiedLipschitz(), s.lowerBound(), 1e-12, "lower bound = raw / L");
        assertEquals(s.lowerBound(), baseline.lowerBound(), 0.0);
        SampleSplits ps = new DualW1Estimator(config).splits(P, DualW1Estimator.P_SIDE, 0);
        SampleSplits qs = new DualW1Estimator(config).splits(Q, DualW1Estimator.Q_SIDE, 0);
        double exact = ExactW1.between(rows(ps.test()), rows(qs.test())).value();
        System.out.printf("GP baseline (WGAN-GP λ = 10, %d steps) on %s vs %s: raw %.4f, certified L %.4g, "
                        + "raw / L %.3g, exact W1 of the %d + %d test images %.4f%n", config.totalSteps(), P.name(),
                Q.name(), s.estimate(), s.certifiedLipschitz(), s.lowerBound(), ps.test().size(0),
                qs.test().size(0), exact);
        assertTrue(s.lowerBound() <= exact + 1e-6, "raw / L = " + s.lowerBound() + " ≤ exact W1 " + exact);
        assertTrue(baseline.summary().contains("NOT certified: lower bound"), baseline.summary());
    }

    /** Oracle: an uninterrupted penalised run with the same seed; the t draws come from the per-epoch streams. */
    @Test
    void penalisedRun_killAndResume_endsBitIdentical(@TempDir Path dir) {
        EstimatorConfig config = gp(3, 2).withFlags(true, false, true);
        W1Estimate straight = new DualW1Estimator(config).withCheckpoints(dir.resolve("a")).estimate(P, Q);
        assertThrows(IllegalStateException.class, () -> new DualW1Estimator(config).withCheckpoints(dir.resolve("b"))
                .withProgress(EstimatorTestData.killerAt("", 1)).estimate(P, Q));
        W1Estimate resumed = new DualW1Estimator(config).withCheckpoints(dir.resolve("b")).estimate(P, Q);
        assertEquals(straight.perSeed().get(0).curve(), resumed.perSeed().get(0).curve(), "learning curve");
        assertEquals(straight.value(), resumed.value(), 0.0, "estimate");
        assertEquals(straight.certifiedLipschitz(), resumed.certifiedLipschitz(), 0.0, "certified L");
    }

    private static double[][] rows(INDArray batch) {
        int n = (int) batch.size(0);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = batch.slice(i).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }
        return x;
    }
}
