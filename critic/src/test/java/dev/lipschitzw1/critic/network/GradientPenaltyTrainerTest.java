package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.GradientCheck;
import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.conv.ossn.OssnConfig;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradient-penalty step. Oracles: central finite differences of the forward pass for the input gradient; central
 * finite differences of the penalty (five-point stencil, float64) for its parameter gradient, the second-order
 * quantity; closed forms for the loss value and the interpolates.
 */
class GradientPenaltyTrainerTest {

    /** 1×6×6 zero-padded to 8×8, two stages (4, 8 channels), k = 2, zero padding, float64. */
    static CriticConfig zeroPadded(double slope) {
        return new CriticConfig(CriticConfig.Variant.GP, CriticConfig.Activation.LEAKY_RELU, new ImageShape(1, 6, 6), 8,
                1, 4, 2, 0, 0, 2, true, Padding.ZERO, BjorckConfig.TRAINING, OssnConfig.DEFAULT, slope,
                CriticConfig.Precision.FLOAT64, 3);
    }

    /** 2×4×4 nearest-upsampled ×2, two stages with k = 3 and circular padding, no bias, float64. */
    static CriticConfig upsampledCircular() {
        return new CriticConfig(CriticConfig.Variant.GP, CriticConfig.Activation.LEAKY_RELU, new ImageShape(2, 4, 4), 0,
                2, 4, 2, 0, 0, 3, false, Padding.CIRCULAR, BjorckConfig.TRAINING, OssnConfig.DEFAULT, 0.25,
                CriticConfig.Precision.FLOAT64, 4);
    }

    private static GradientPenaltyTrainer trainer(Critic critic, GradientPenalty penalty) {
        return new GradientPenaltyTrainer(new CriticTrainer(critic, OptimiserConfig.rmsprop(1e-3)), penalty);
    }

    private static INDArray images(long seed, CriticConfig c, int n, double offset) {
        return CriticTestData.images(seed, c.input(), n, offset).castTo(c.precision().dataType());
    }

    /** The critic with every parameter multiplied by {@code factor} (to move ‖∇ₓf‖ across 1). */
    private static Critic scaled(CriticConfig config, double factor) {
        Critic critic = Critic.create(config);
        Map<String, INDArray> p = critic.parameters();
        p.replaceAll((k, v) -> v.mul(factor));
        critic.setParameters(p);
        return critic;
    }

    private static double relMax(INDArray got, INDArray want) {
        return got.sub(want).amaxNumber().doubleValue() / want.amaxNumber().doubleValue();
    }

    /**
     * ∇ₓf from the layers' backward passes ({@link Critic#inputGradient}) vs five-point central differences of f per
     * pixel (h = 1e-5), relative to the largest entry: ≤ 1e-8, for LeakyReLU slopes 0.25 and 0.2, zero and circular
     * padding, upsampling.
     */
    @Test
    void inputGradient_equalsFiniteDifferences_float64() {
        List<String> report = new ArrayList<>();
        for (CriticConfig config : List.of(zeroPadded(0.25), zeroPadded(0.2), upsampledCircular())) {
            Critic critic = Critic.create(config);
            INDArray x = images(5, config, 2, 0);
            INDArray explicit = critic.inputGradient(x);
            INDArray fd = Nd4j.zerosLike(x);
            double h = 1e-5;
            INDArray flat = x.reshape(x.length());
            for (long i = 0; i < x.length(); i++) {
                int sample = (int) (i / (x.length() / x.size(0)));
                double original = flat.getDouble(i);
                double[] f = new double[4];
                double[] offsets = {2 * h, h, -h, -2 * h};
                for (int s = 0; s < 4; s++) {
                    flat.putScalar(i, original + offsets[s]);
                    f[s] = critic.forward(x).getDouble(sample);
                }
                flat.putScalar(i, original);
                fd.reshape(fd.length()).putScalar(i, (-f[0] + 8 * f[1] - 8 * f[2] + f[3]) / (12 * h));
            }
            double vsFd = relMax(explicit, fd);
            report.add(String.format("α=%.2f %s: vs FD %.1e", config.leakySlope(), config.convPadding(), vsFd));
            assertTrue(vsFd <= 1e-8, config + ": input gradient vs finite differences " + vsFd);
        }
        System.out.println("input gradient: " + report);
    }

    /**
     * Oracle for the value: penalty = mean over the interpolate rows of pen(‖g‖) with g from the critic's input
     * gradient; the real and fake rows (penalty weight 0) do not count. Tolerance 1e-12 (ε = 1e-12 in the norm
     * changes it by ~1e-12 at most).
     */
    @Test
    void penaltyValue_equalsMeanPenaltyOfInputGradientNorms_gpAndLp() {
        CriticConfig config = zeroPadded(0.25);
        for (GradientPenalty penalty : List.of(GradientPenalty.twoSided(10), GradientPenalty.oneSided(10))) {
            Critic critic = scaled(config, 2.8);
            INDArray real = images(6, config, 5, 0);
            INDArray fake = images(7, config, 5, 0.3);
            INDArray xHat = GradientPenaltyTrainer.interpolates(real, fake, new SplittableRandom(9));
            double[] norms = GradientNormDiagnostics.measure(critic, xHat).norms();
            double want = 0;
            for (double g : norms) {
                double excess = penalty.kind() == GradientPenalty.Kind.LP ? Math.max(0, g - 1) : g - 1;
                want += excess * excess / norms.length;
            }
            GradientPenaltyTrainer.Step step = trainer(critic, penalty).step(real, fake, new SplittableRandom(9));
            assertEquals(want, step.penalty(), 1e-12, penalty + ": penalty value");
            assertEquals(java.util.Arrays.stream(norms).average().orElseThrow(), step.meanGradientNorm(), 1e-12);
        }
    }

    /**
     * The penalty's parameter gradient vs five-point central differences (h = 1e-4) in float64 of the penalty value
     * λ·mean φ(‖∇ₓf(x̂)‖), every parameter tensor (10 entries each, chosen by seed), GP and LP. Parameters ×2.8 put
     * the interpolates' gradient norms on both sides of 1 (checked), so LP's max(0, ·) is active on some rows and not
     * on others. Tolerance: relative error ≤ 1e-5, the denominator floored at 1e-6 so that entries that are zero
     * (biases do not move ∇ₓf) are compared absolutely against the stencil's rounding error (≈ 1.5·ε·|loss|/h).
     */
    @Test
    void penaltyParameterGradient_matchesFiniteDifferences_float64_gpAndLp() {
        CriticConfig config = zeroPadded(0.25);
        List<String> report = new ArrayList<>();
        for (GradientPenalty penalty : List.of(GradientPenalty.twoSided(10), GradientPenalty.oneSided(10))) {
            Critic critic = scaled(config, 2.8);
            GradientPenaltyTrainer t = trainer(critic, penalty);
            int n = 4;
            INDArray real = images(6, config, n, 0);
            INDArray fake = images(7, config, n, 0.3);
            INDArray xHat = GradientPenaltyTrainer.interpolates(real, fake, new SplittableRandom(9));
            double[] norms = GradientNormDiagnostics.measure(critic, xHat).norms();
            assertTrue(java.util.Arrays.stream(norms).anyMatch(g -> g > 1.01)
                    && java.util.Arrays.stream(norms).anyMatch(g -> g < 0.99)
                    && java.util.Arrays.stream(norms).allMatch(g -> Math.abs(g - 1) > 1e-3),
                    "test precondition: norms on both sides of 1, away from it: " + java.util.Arrays.toString(norms));
            t.penaltyGradient(xHat);
            for (dev.lipschitzw1.critic.layers.Parameter param : critic.network().parameterList()) {
                INDArray analytic = param.grad().dup();
                GradientCheck.Result r = GradientCheck.check(param.value(), () -> t.penaltyValue(xHat), analytic, 10,
                        11, GradientCheck.DEFAULT_STEP, 1e-6);
                report.add(String.format("%s %s %.1e", penalty.kind(), param.name(), r.maxRelError()));
                assertTrue(r.maxRelError() <= 1e-5, penalty + " " + param.name() + ": " + r);
            }
        }
        System.out.println("penalty parameter gradient vs finite differences: " + report);
    }

    /**
     * The penalty on a certified critic (BCOP + MaxMin + BjorckLinear, as LP on gradient-norm-preserving critics):
     * every layer's Jacobian–vector product and bilinear term, through Björck's and the BCOP kernel's backward passes,
     * against five-point central differences (h = 1e-6) of the penalty in float64 (relative error ≤ 1e-5 with a floor
     * of 1e-3 on the scale: absolute errors up to 1e-8 pass, above the stencil's rounding ε·|R|/h, measured up to
     * 1.5e-9 at entries whose derivative is 0 — with a floor of 1e-4 the test failed on that noise alone). The
     * activation is LeakyReLU(0.25) so that the penalty is not zero (with MaxMin the critic is gradient-norm
     * preserving, ‖∇ₓf‖ = 1, and the penalty and its gradient vanish). Without and with a hidden dense head (one
     * 4-wide BjorckLinear + LeakyReLU after the flatten).
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void penaltyParameterGradient_bcopCritic_matchesFiniteDifferences_float64(int headLayers) {
        CriticConfig config = CriticConfig.quick(new ImageShape(1, 8, 8)).withSize(4, 2)
                .withPrecision(CriticConfig.Precision.FLOAT64).withBjorck(BjorckConfig.TRAINING.withIterations(3))
                .withActivation(CriticConfig.Activation.LEAKY_RELU).withHead(headLayers, 4 * headLayers);
        Critic critic = Critic.create(config);
        GradientPenaltyTrainer t = trainer(critic, GradientPenalty.twoSided(10));
        INDArray real = images(6, config, 3, 0);
        INDArray fake = images(7, config, 3, 0.3);
        INDArray xHat = GradientPenaltyTrainer.interpolates(real, fake, new SplittableRandom(9));
        assertTrue(t.penaltyValue(xHat) > 1e-6, "test precondition: a non-zero penalty " + t.penaltyValue(xHat));
        t.penaltyGradient(xHat);
        List<String> report = new ArrayList<>();
        for (dev.lipschitzw1.critic.layers.Parameter param : critic.network().parameterList()) {
            INDArray analytic = param.grad().dup();
            // h = 1e-6: a step of 1e-4 moved one pre-activation across a LeakyReLU kink (a jump in the penalty).
            GradientCheck.Result r = GradientCheck.check(param.value(), () -> t.penaltyValue(xHat), analytic, 10, 12,
                    1e-6, 1e-3);
            report.add(String.format("%s %.1e", param.name(), r.maxRelError()));
            assertTrue(r.maxRelError() <= 1e-5, param.name() + ": " + r);
        }
        System.out.println("BCOP critic penalty gradient vs finite differences: " + report);
    }

    /** Oracle: the loss a step returns is mean f(fake) − mean f(real) of the critic before the update. */
    @Test
    void step_returnsDualLossBeforeUpdate_andMovesTheParameters() {
        CriticConfig config = zeroPadded(0.25);
        Critic critic = Critic.create(config);
        INDArray real = images(1, config, 6, 0);
        INDArray fake = images(2, config, 6, 0.5);
        double want = critic.forward(fake).meanNumber().doubleValue() - critic.forward(real).meanNumber().doubleValue();
        Map<String, INDArray> before = critic.parameters();
        GradientPenaltyTrainer t = trainer(critic, GradientPenalty.WGAN_GP);
        GradientPenaltyTrainer.Step step = t.step(real, fake, new SplittableRandom(3));
        assertEquals(want, step.loss(), 1e-12, "loss = mean f(fake) − mean f(real)");
        assertEquals(1, t.trainer().steps(), "the wrapped trainer counts the step");
        assertNotEquals(before.get("head/W"), critic.parameters().get("head/W"), "parameters updated");
    }

    /** Same seed, same batches → bit-identical parameters; the penalty changes the trajectory of a plain step. */
    @Test
    void step_isBitIdenticalForASeed_andDiffersFromUnpenalisedStep() {
        CriticConfig config = zeroPadded(0.25).withPrecision(CriticConfig.Precision.FLOAT32);
        List<Map<String, INDArray>> results = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Critic critic = Critic.create(config);
            GradientPenaltyTrainer t = trainer(critic, GradientPenalty.WGAN_GP);
            SplittableRandom rng = new SplittableRandom(42);
            for (int i = 0; i < 3; i++) {
                t.step(images(10 + i, config, 8, 0), images(20 + i, config, 8, 0.4), rng);
            }
            results.add(critic.parameters());
        }
        Critic plain = Critic.create(config);
        CriticTrainer pt = new CriticTrainer(plain, OptimiserConfig.rmsprop(1e-3));
        for (int i = 0; i < 3; i++) {
            pt.step(images(10 + i, config, 8, 0), images(20 + i, config, 8, 0.4));
        }
        for (String name : results.get(0).keySet()) {
            assertArrayEquals(results.get(0).get(name).reshape(-1).toFloatVector(),
                    results.get(1).get(name).reshape(-1).toFloatVector(), 0f,
                    name + " after 3 penalised steps, same seed");
        }
        assertNotEquals(results.get(0).get("stage1.conv/W"), plain.parameters().get("stage1.conv/W"),
                "the penalty changes the update");
    }

    /** Training with λ = 10 pulls ‖∇ₓf‖ at the interpolates towards 1 from 2 (a behaviour check, not an oracle). */
    @Test
    void penalisedTraining_pullsGradientNormsTowardsOne() {
        CriticConfig config = zeroPadded(0.2).withPrecision(CriticConfig.Precision.FLOAT32);
        Critic critic = scaled(config, 3.5);
        GradientPenaltyTrainer t = new GradientPenaltyTrainer(new CriticTrainer(critic, OptimiserConfig.adam(1e-2)),
                GradientPenalty.WGAN_GP);
        SplittableRandom rng = new SplittableRandom(5);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int i = 0; i < 25; i++) {
            GradientPenaltyTrainer.Step s = t.step(images(100 + i, config, 8, 0), images(200 + i, config, 8, 0.2), rng);
            first = i == 0 ? s.meanGradientNorm() : first;
            last = s.meanGradientNorm();
        }
        System.out.println("penalised training, mean ‖∇f‖ at the interpolates: " + first + " → " + last);
        assertTrue(first > 1.8, "start: mean ‖∇f‖ " + first);
        assertTrue(Math.abs(last - 1) < 0.3 * Math.abs(first - 1), "after 25 steps: " + first + " → " + last);
    }

    /** Oracle: x̂_i = t_i·real_i + (1 − t_i)·fake_i with t_i the generator's next doubles, in order. */
    @Test
    void interpolates_useOneUniformTPerSampleFromTheCallersGenerator() {
        CriticConfig config = zeroPadded(0.25);
        INDArray real = images(1, config, 3, 0);
        INDArray fake = images(2, config, 3, 0.5);
        INDArray xHat = GradientPenaltyTrainer.interpolates(real, fake, new SplittableRandom(77));
        SplittableRandom rng = new SplittableRandom(77);
        for (int i = 0; i < 3; i++) {
            double t = rng.nextDouble();
            INDArray want = real.slice(i).mul(t).add(fake.slice(i).mul(1 - t));
            assertEquals(0, xHat.slice(i).sub(want).amaxNumber().doubleValue(), 1e-15, "sample " + i);
        }
    }

    @Test
    void misuse_isRefusedWithTypedErrors() {
        CriticConfig config = zeroPadded(0.25);
        Critic critic = Critic.create(config);
        CriticTrainer plain = new CriticTrainer(critic, OptimiserConfig.rmsprop(1e-3));
        assertEquals("penalty.kind", assertThrows(InvalidConfigException.class,
                () -> new GradientPenaltyTrainer(plain, GradientPenalty.NONE)).key());
        GradientPenaltyTrainer gp = trainer(critic, GradientPenalty.WGAN_GP);
        ShapeMismatchException sizes = assertThrows(ShapeMismatchException.class,
                () -> gp.step(images(1, config, 4, 0), images(2, config, 3, 0), new SplittableRandom(1)));
        assertArrayEquals(new int[] {3}, sizes.found());
        assertEquals("penalty.lambda", assertThrows(InvalidConfigException.class,
                () -> GradientPenalty.twoSided(0)).key());
        assertEquals("penalty.lambda", assertThrows(InvalidConfigException.class,
                () -> new GradientPenalty(GradientPenalty.Kind.NONE, 1)).key());
    }
}
