package dev.lipschitzw1.critic.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.CriticTrainer;
import dev.lipschitzw1.critic.network.OptimiserConfig;
import dev.lipschitzw1.critic.ot.ExactW1;
import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.CheckpointMismatchException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.NotCertifiedException;
import dev.lipschitzw1.errors.NumericalFailureException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import dev.lipschitzw1.files.ContainerManifest;
import dev.lipschitzw1.provenance.SourceDigest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DualW1EstimatorTest {
    private static final ImageSet P = EstimatorTestData.randomImages("p", 200, 0, 1);
    private static final ImageSet Q = EstimatorTestData.randomImages("q", 200, 40, 2);

    /**
     * Oracle: exact optimal transport. A critic with certified bound L, scored on the very sets it was trained on,
     * gives mean f(P) − mean f(Q) ≤ L·W1(P, Q) (Kantorovich–Rubinstein), whatever the training did.
     */
    @Test
    void certifiedCritic_onItsTrainingSets_staysBelowExactW1() {
        ImageSet p = P.head(48);
        ImageSet q = Q.head(48);
        Critic critic = Critic.create(CriticConfig.quick(EstimatorTestData.SMALL).withSize(4, 2));
        CriticTrainer trainer = new CriticTrainer(critic, OptimiserConfig.rmsprop(1e-2));
        INDArray x = p.range(0, 48);
        INDArray y = q.range(0, 48);
        for (int i = 0; i < 40; i++) {
            trainer.step(x, y);
        }
        double gap = DualW1Estimator.objective(critic, x, y);
        double exact = ExactW1.between(p, q).value();
        double bound = critic.certify().networkBound();
        assertTrue(bound <= 1 + 1e-4, "BCOP critic certified at " + bound);
        assertTrue(gap > 0.3 * exact, "training found a useful critic: " + gap + " of exact " + exact);
        assertTrue(gap <= bound * exact + 1e-6, "dual gap " + gap + " ≤ L·W1 = " + bound * exact);
    }

    @Test
    void estimate_carriesPerSeedValuesIntervalCertificateAndFloor() {
        W1Estimate e = new DualW1Estimator(EstimatorTestData.tiny(EstimatorTestData.SMALL, 2, 4, 2)).estimate(P, Q);
        assertEquals(2, e.perSeed().size());
        double mean = (e.perSeed().get(0).estimate() + e.perSeed().get(1).estimate()) / 2;
        assertEquals(mean, e.value(), 1e-15, "value is the mean over seeds");
        assertTrue(e.ci95().contains(e.value()), "the t-interval holds the mean");
        assertTrue(e.certified() && e.certifiedLipschitz() <= 1 + 1e-4, "certified L " + e.certifiedLipschitz());
        assertTrue(Double.isFinite(e.sameDistributionFloor()), "floor computed");
        assertEquals(40, e.samples().testP());
        assertEquals(200 - 80, e.samples().trainP(), "train part = size − validation − test");
        assertEquals(2, e.perSeed().get(0).curve().size(), "one record per epoch");
        assertTrue(e.provenance().configJson().contains("\"preset\" : \"test\""), e.provenance().configJson());
    }

    /**
     * Oracle: the run's own per-seed certificates and estimates. Each saved selected critic certifies to exactly the
     * layer bounds recorded for its seed, and scores the test samples to exactly the recorded estimate.
     */
    @Test
    void selectedCritics_savedPerSeed_certifyAndScoreAsRecorded(@TempDir Path dir) {
        EstimatorConfig config = EstimatorTestData.tiny(EstimatorTestData.SMALL, 2, 3, 2);
        W1Estimate e = new DualW1Estimator(config).withSelectedCritics(dir).estimate(P, Q);
        for (SeedEstimate s : e.perSeed()) {
            Critic critic = Critic.load(dir.resolve("seed-" + (s.seedIndex() + 1) + ".zip"));
            assertEquals(s.layers(), critic.certify().layers(), "seed " + s.seedIndex() + " layer certificates");
            assertEquals(s.certifiedLipschitz(), critic.certify().networkBound(), 0.0, "network bound");
            SampleSplits ps = new DualW1Estimator(config).splits(P, DualW1Estimator.P_SIDE, s.seedIndex());
            SampleSplits qs = new DualW1Estimator(config).splits(Q, DualW1Estimator.Q_SIDE, s.seedIndex());
            assertEquals(s.estimate(), DualW1Estimator.objective(critic, ps.test(), qs.test()), 0.0,
                    "seed " + s.seedIndex() + ": the saved critic is the one that gave the estimate");
        }
        assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("floor.zip")), "floor critic saved");
    }

    /** Oracle: an uninterrupted run with the same seed. A run stopped mid-way and resumed must equal it exactly. */
    @Test
    void killAndResume_endsBitIdenticalToUninterruptedRun(@TempDir Path dir) {
        EstimatorConfig config = EstimatorTestData.tiny(EstimatorTestData.SMALL, 3, 3, 2);
        W1Estimate straight = new DualW1Estimator(config).withCheckpoints(dir.resolve("a")).estimate(P, Q);
        ProgressListener killer = EstimatorTestData.killerAt("seed 2", 1);
        DualW1Estimator interrupted = new DualW1Estimator(config).withCheckpoints(dir.resolve("b")).withProgress(killer);
        assertThrows(IllegalStateException.class, () -> interrupted.estimate(P, Q));
        W1Estimate resumed = new DualW1Estimator(config).withCheckpoints(dir.resolve("b")).estimate(P, Q);
        for (int s = 0; s < 2; s++) {
            SeedEstimate a = straight.perSeed().get(s);
            SeedEstimate b = resumed.perSeed().get(s);
            assertEquals(a.estimate(), b.estimate(), 0.0, "seed " + s + " estimate");
            assertEquals(a.curve(), b.curve(), "seed " + s + " learning curve");
            assertEquals(a.bestEpoch(), b.bestEpoch());
        }
        assertEquals(straight.sameDistributionFloor(), resumed.sameDistributionFloor(), 0.0, "floor");
        assertEquals(straight.value(), resumed.value(), 0.0, "estimate");
    }

    /**
     * Provenance: result and checkpoint name the data by SHA-256 (recomputed here from the images), and a checkpoint
     * resumed against other images under the same name is refused before any training, naming the source.
     */
    @Test
    void checkpointRecordsTheDataAndRefusesChangedImages(@TempDir Path dir) throws Exception {
        EstimatorConfig config = EstimatorTestData.tiny(EstimatorTestData.SMALL, 1, 3, 2);
        W1Estimate e = new DualW1Estimator(config).withCheckpoints(dir).estimate(P, Q);
        assertEquals(List.of(SourceDigest.of(P), SourceDigest.of(Q)), e.provenance().sources());
        ContainerManifest m = ContainerManifest.parse(java.nio.file.Files.readAllBytes(
                dir.resolve(ContainerManifest.ENTRY)), dir);
        assertEquals(e.provenance().sources(), m.sources());
        ImageSet changed = EstimatorTestData.randomImages("q", 200, 41, 2);
        CheckpointMismatchException refused = assertThrows(CheckpointMismatchException.class,
                () -> new DualW1Estimator(config).withCheckpoints(dir).estimate(P, changed));
        assertTrue(refused.getMessage().contains("source q"), refused.getMessage());
        assertEquals("q", refused.source());
    }

    /**
     * Oracle: the sequential run on the same per-operation thread count. Seeds and the floor trained on two workers at
     * once must give the same numbers, value for value, as trained one after another.
     */
    @Test
    void twoWorkers_giveTheSequentialNumbersExactly() {
        EstimatorConfig config = EstimatorTestData.tiny(EstimatorTestData.SMALL, 2, 3, 3);
        W1Estimate sequential = new DualW1Estimator(config).withParallelism(new Parallelism(1, 1)).estimate(P, Q);
        W1Estimate parallel = new DualW1Estimator(config).withParallelism(new Parallelism(2, 1)).estimate(P, Q);
        assertEquals(3, parallel.perSeed().size());
        for (int s = 0; s < 3; s++) {
            SeedEstimate a = sequential.perSeed().get(s);
            SeedEstimate b = parallel.perSeed().get(s);
            assertEquals(s, b.seedIndex(), "seeds in order");
            assertEquals(a.estimate(), b.estimate(), 0.0, "seed " + s + " estimate");
            assertEquals(a.curve(), b.curve(), "seed " + s + " learning curve");
            assertEquals(a.certifiedLipschitz(), b.certifiedLipschitz(), 0.0, "seed " + s + " certificate");
        }
        assertEquals(sequential.sameDistributionFloor(), parallel.sameDistributionFloor(), 0.0, "floor");
        assertEquals(sequential.value(), parallel.value(), 0.0, "estimate");
        assertEquals(2, parallel.provenance().workers());
        assertEquals(1, parallel.provenance().threads());
    }

    /**
     * Oracle: each estimate alone on one single-threaded worker. Two estimates (a BCOP and an RKO critic, 3 seeds and
     * the floor each) whose runs share two workers give the same numbers, value for value, each reported once, as
     * soon as it is complete; a failure in the second is reported as the second's and rethrown, one thrown by the
     * outcome itself as no estimate's.
     */
    @Test
    void estimatesTogether_giveEachEstimateAlone_andNameTheFailingOne() {
        EstimatorConfig bcop = EstimatorTestData.tiny(EstimatorTestData.SMALL, 2, 3, 3);
        EstimatorConfig rko = bcop.withCritic(bcop.critic().withVariant(CriticConfig.Variant.RKO));
        List<W1Estimate> alone = List.of(
                new DualW1Estimator(bcop).withParallelism(new Parallelism(1, 1)).estimate(P, Q),
                new DualW1Estimator(rko).withParallelism(new Parallelism(1, 1)).estimate(P, Q));
        W1Estimate[] together = new W1Estimate[2];
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        DualW1Estimator.estimateTogether(List.of(new DualW1Estimator(bcop), new DualW1Estimator(rko)), P, Q,
                new Parallelism(2, 1), ProgressListener.NONE, (index, estimate) -> {
                    order.add(index);
                    together[index] = estimate;
                });
        assertEquals(2, order.size(), "each estimate reported once: " + order);
        for (int i = 0; i < 2; i++) {
            for (int s = 0; s < 3; s++) {
                SeedEstimate a = alone.get(i).perSeed().get(s);
                SeedEstimate b = together[i].perSeed().get(s);
                assertEquals(a.estimate(), b.estimate(), 0.0, "estimate " + i + " seed " + s);
                assertEquals(a.curve(), b.curve(), "estimate " + i + " seed " + s + " curve");
            }
            assertEquals(alone.get(i).sameDistributionFloor(), together[i].sameDistributionFloor(), 0.0, "floor " + i);
            assertEquals(2, together[i].provenance().workers());
        }
        List<Integer> failed = new ArrayList<>();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                DualW1Estimator.estimateTogether(List.of(new DualW1Estimator(bcop),
                        new DualW1Estimator(rko).withProgress(EstimatorTestData.killerAt("seed 1", 0))), P, Q,
                        new Parallelism(2, 1), ProgressListener.NONE, new DualW1Estimator.Outcome() {
                            @Override
                            public void finished(int index, W1Estimate estimate) {
                            }

                            @Override
                            public void failed(int index) {
                                failed.add(index);
                            }
                        }));
        assertEquals("killed", thrown.getMessage());
        assertEquals(List.of(1), failed, "the failing estimate named");
        failed.clear();
        IllegalStateException fromOutcome = assertThrows(IllegalStateException.class, () ->
                DualW1Estimator.estimateTogether(List.of(new DualW1Estimator(bcop)), P, Q, new Parallelism(2, 1),
                        ProgressListener.NONE, new DualW1Estimator.Outcome() {
                            @Override
                            public void finished(int index, W1Estimate estimate) {
                                throw new IllegalStateException("cannot save");
                            }

                            @Override
                            public void failed(int index) {
                                failed.add(index);
                            }
                        }));
        assertEquals("cannot save", fromOutcome.getMessage());
        assertEquals(List.of(), failed, "a failure of the caller's own outcome is no run's failure");
    }

    /**
     * Oracle: an uninterrupted sequential run. One of two workers fails mid-way (the other is stopped at its next step);
     * resumed on two workers, every run continues from its own checkpoint and the estimate equals the straight one.
     */
    @Test
    void twoWorkers_killedAndResumed_endBitIdenticalToSequentialRun(@TempDir Path dir) {
        EstimatorConfig config = EstimatorTestData.tiny(EstimatorTestData.SMALL, 3, 3, 3);
        W1Estimate straight = new DualW1Estimator(config).withParallelism(new Parallelism(1, 1)).estimate(P, Q);
        ProgressListener killer = EstimatorTestData.killerAt("seed 2", 1);
        DualW1Estimator interrupted = new DualW1Estimator(config).withCheckpoints(dir)
                .withParallelism(new Parallelism(2, 1)).withProgress(killer);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> interrupted.estimate(P, Q));
        assertEquals("killed", thrown.getMessage(), "the failure itself is rethrown, not the stop of the other run");
        assertTrue(java.nio.file.Files.isDirectory(dir.resolve("run-1")), "seed 2's checkpoint kept");
        W1Estimate resumed = new DualW1Estimator(config).withCheckpoints(dir)
                .withParallelism(new Parallelism(2, 1)).estimate(P, Q);
        for (int s = 0; s < 3; s++) {
            assertEquals(straight.perSeed().get(s).estimate(), resumed.perSeed().get(s).estimate(), 0.0, "seed " + s);
            assertEquals(straight.perSeed().get(s).curve(), resumed.perSeed().get(s).curve(), "curve " + s);
        }
        assertEquals(straight.sameDistributionFloor(), resumed.sameDistributionFloor(), 0.0, "floor");
        assertFalse(java.nio.file.Files.exists(dir.resolve("run-1")), "finished runs leave no run directory");
    }

    @Test
    void nanInTraining_stopsWithNumericalFailureAndNoEstimate() {
        ImageDistribution poisoned = new ImageDistribution() {
            @Override
            public ImageShape shape() {
                return EstimatorTestData.SMALL;
            }

            @Override
            public INDArray sample(int n, SplittableRandom rng) {
                return Nd4j.valueArrayOf(EstimatorTestData.SMALL.batchShape(n), Double.NaN, DataType.FLOAT);
            }

            @Override
            public String name() {
                return "nan-images";
            }
        };
        NumericalFailureException e = assertThrows(NumericalFailureException.class,
                () -> new DualW1Estimator(EstimatorTestData.tiny(EstimatorTestData.SMALL, 1, 2, 1)).estimate(P,
                        poisoned));
        assertEquals(1, e.step(), "stopped at the first step");
    }

    /**
     * An OSSN critic trained at a high learning rate ends above 1 (its power iteration lags the weights): the estimate
     * is refused; as a baseline report it carries L and raw / L.
     */
    @Test
    void ossnAtHighLearningRate_isRefused_andReportedAsBaselineWithItsBound() {
        EstimatorConfig ossn = EstimatorTestData.tiny(EstimatorTestData.SMALL, 2, 15, 1)
                .withCritic(CriticConfig.quick(EstimatorTestData.SMALL).withSize(4, 2)
                        .withVariant(CriticConfig.Variant.OSSN))
                .withOptimiser(OptimiserConfig.rmsprop(1.0)).withFlags(true, false, false);
        NotCertifiedException refused = assertThrows(NotCertifiedException.class,
                () -> new DualW1Estimator(ossn).estimate(P, Q));
        assertTrue(refused.bound() > 1 + 1e-4, "bound " + refused.bound());
        W1Estimate baseline = new DualW1Estimator(ossn.withFlags(true, false, true)).estimate(P, Q);
        assertFalse(baseline.certified());
        SeedEstimate s = baseline.perSeed().get(0);
        assertEquals(refused.bound(), s.certifiedLipschitz(), 0.0, "same run, same certified bound");
        assertEquals(s.estimate() / s.certifiedLipschitz(), s.lowerBound(), 1e-12, "lower bound raw / L");
    }

    @Test
    void shapesThatDiffer_areRefusedBeforeTraining() {
        ImageSet other = EstimatorTestData.randomImages("p", 10, 0, 1).withName("x");
        ImageShape big = new ImageShape(1, 16, 16);
        EstimatorConfig config = EstimatorTestData.tiny(big, 1, 1, 1);
        assertThrows(ShapeMismatchException.class, () -> new DualW1Estimator(config).estimate(other, other));
    }
}
