package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link DualStep#of} picks the step the trainers define. Oracle: the trainer it stands for, run on an identical
 * critic with the same batches and draws — the losses and every parameter after three steps must be equal bit for
 * bit (the same arithmetic in the same order), and the draws must be consumed exactly when the step is penalised.
 */
class DualStepTest {

    private static final CriticConfig CONFIG = GradientPenaltyTrainerTest.zeroPadded(0.25);

    private static INDArray images(long seed, double offset) {
        return CriticTestData.images(seed, CONFIG.input(), 4, offset).castTo(CONFIG.precision().dataType());
    }

    private static CriticTrainer fresh() {
        return new CriticTrainer(Critic.create(CONFIG), OptimiserConfig.rmsprop(1e-3));
    }

    private static void assertSameParameters(LayerNetwork a, LayerNetwork b) {
        Map<String, INDArray> pa = a.parameters();
        Map<String, INDArray> pb = b.parameters();
        assertEquals(pa.keySet(), pb.keySet());
        pa.forEach((name, v) -> assertArrayEquals(v.dup('c').data().asDouble(), pb.get(name).dup('c').data().asDouble(), 0.0,
                name));
    }

    /** NONE: the loss of CriticTrainer.step, no draws taken from the generator, penalty 0, gradient norm NaN. */
    @Test
    void none_isTheCriticTrainersStep_andDrawsNothing() {
        CriticTrainer viaDual = fresh();
        CriticTrainer direct = fresh();
        DualStep step = DualStep.of(viaDual, GradientPenalty.NONE);
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 3; i++) {
            INDArray real = images(10 + i, 0.3);
            INDArray fake = images(20 + i, -0.3);
            GradientPenaltyTrainer.Step s = step.step(real, fake, rng);
            assertEquals(direct.step(real, fake), s.loss(), 0.0);
            assertEquals(0.0, s.penalty(), 0.0);
            assertTrue(Double.isNaN(s.meanGradientNorm()));
        }
        assertSameParameters(viaDual.network(), direct.network());
        assertEquals(new SplittableRandom(7).nextLong(), rng.nextLong(), "a plain step must not draw");
    }

    /** GP: the GradientPenaltyTrainer's step with the same draws, bit for bit. */
    @Test
    void gp_isTheGradientPenaltyTrainersStep() {
        GradientPenalty gp = new GradientPenalty(GradientPenalty.Kind.GP, 10);
        CriticTrainer viaDual = fresh();
        CriticTrainer direct = fresh();
        DualStep step = DualStep.of(viaDual, gp);
        GradientPenaltyTrainer reference = new GradientPenaltyTrainer(direct, gp);
        SplittableRandom rngA = new SplittableRandom(7);
        SplittableRandom rngB = new SplittableRandom(7);
        for (int i = 0; i < 3; i++) {
            INDArray real = images(10 + i, 0.3);
            INDArray fake = images(20 + i, -0.3);
            assertEquals(reference.step(real, fake, rngB), step.step(real, fake, rngA));
        }
        assertSameParameters(viaDual.network(), direct.network());
        assertEquals(rngB.nextLong(), rngA.nextLong());
    }
}
