package dev.lipschitzw1.generator.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.layers.ConvOps;
import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.Parameter;
import dev.lipschitzw1.critic.layers.PlainStridedConv;
import dev.lipschitzw1.critic.network.GradientPenaltyTrainer;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.generator.StreamSeeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Oracles for the discriminator on the training engine, in double on a small discriminator (1×8×8, channels 3 and 4,
 * hidden 5, slope 0.2): D(x) against a direct evaluation from the stored parameters (which checks the stored ↔ engine
 * layout), its initialisation against the per-tensor streams, its input gradient against central differences of D,
 * (48 entries, relative error ≤ 1e-7) and the penalty's parameter gradient (GP and LP, gradient norms on both sides of
 * 1; up to 16 entries of each tensor) against central differences of the penalty (relative error ≤ 1e-5, over the
 * checked entries).
 */
class WganGpDiscriminatorTest {
    private static final Logger LOG = LoggerFactory.getLogger(WganGpDiscriminatorTest.class);
    private static final DiscriminatorArchitecture SMALL = new DiscriminatorArchitecture(new ImageShape(1, 8, 8), 3, 4,
            5, 0.2);
    private static final double H = 1e-6;

    static INDArray uniform(SplittableRandom rng, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, rng.nextDouble());
        }
        return a;
    }

    /** D(x) of one image from the stored parameters, by direct summation in double. */
    private static double directScore(Map<String, INDArray> p, double[] x, double slope) {
        double[] h = leaky(conv(p, "conv1", new int[] {1, 8, 8}).forward(x), slope);
        h = leaky(conv(p, "conv2", new int[] {3, 4, 4}).forward(h), slope);
        h = leaky(dense(p, "fc1", h), slope);
        return dense(p, "fc2", h)[0];
    }

    private static PlainStridedConv conv(Map<String, INDArray> p, String name, int[] in) {
        return new PlainStridedConv(name, "test", ConvOps.yxioToOihw(p.get(name + ".W")),
                p.get(name + ".b").toDoubleVector(), in, 2);
    }

    /** y_j = b_j + Σ_i x_i W[i][j] with W stored [in, out]. */
    private static double[] dense(Map<String, INDArray> p, String name, double[] x) {
        double[][] w = p.get(name + ".W").toDoubleMatrix();
        double[] y = p.get(name + ".b").toDoubleVector();
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                y[j] += x[i] * w[i][j];
            }
        }
        return y;
    }

    private static double[] leaky(double[] v, double slope) {
        return Arrays.stream(v).map(t -> t > 0 ? t : slope * t).toArray();
    }

    @Test
    void scores_equalDirectEvaluationOfStoredParameters_andInitialisationFollowsItsStreams() {
        WganGpDiscriminator d = WganGpDiscriminator.initialise(SMALL, 7, DataType.DOUBLE);
        Map<String, INDArray> p = d.parameters();
        assertEquals(WganGpDiscriminator.parameterShapes(SMALL).keySet(), p.keySet(), "stored names");
        SplittableRandom rng = new SplittableRandom(StreamSeeds.of(7, "discriminator:fc1.W"));
        double bound = 1 / Math.sqrt(SMALL.flatSize());
        double[][] fc1 = p.get("fc1.W").toDoubleMatrix();
        for (int i = 0; i < fc1.length; i++) {
            for (int j = 0; j < fc1[0].length; j++) {
                assertEquals(bound * (2 * rng.nextDouble() - 1), fc1[i][j], 0.0, "fc1.W[" + i + "][" + j + "]");
            }
        }
        INDArray x = uniform(new SplittableRandom(3), 4, 1, 8, 8);
        double[] got = d.scores(x);
        for (int n = 0; n < 4; n++) {
            double want = directScore(p, x.slice(n).dup('c').data().asDouble(), SMALL.slope());
            assertEquals(want, got[n], 1e-12 * Math.max(1, Math.abs(want)), "D(x_" + n + ")");
        }
        WganGpDiscriminator copy = WganGpDiscriminator.withParameters(SMALL, p, DataType.DOUBLE);
        assertArrayEquals(got, copy.scores(x), 0.0, "a discriminator rebuilt from its stored parameters");
    }

    @Test
    void inputGradient_matchesCentralDifferences_double() {
        WganGpDiscriminator d = WganGpDiscriminator.initialise(SMALL, 7, DataType.DOUBLE);
        INDArray x = uniform(new SplittableRandom(1), 3, 1, 8, 8);
        INDArray g = d.inputGradient(x);
        assertArrayEquals(x.shape(), g.shape(), "input gradient shape");
        double scale = g.norm2Number().doubleValue();
        assertTrue(scale > 1e-3, "non-trivial gradient, ‖∇‖ = " + scale);
        double num = 0;
        double den = 0;
        for (long i : entries(x.length(), 48, 2)) {
            double x0 = x.getDouble(i);
            x.putScalar(i, x0 + H);
            double up = Arrays.stream(d.scores(x)).sum();
            x.putScalar(i, x0 - H);
            double down = Arrays.stream(d.scores(x)).sum();
            x.putScalar(i, x0);
            double fd = (up - down) / (2 * H);
            num += (fd - g.getDouble(i)) * (fd - g.getDouble(i));
            den += fd * fd;
        }
        double rel = Math.sqrt(num / den);
        LOG.info("input gradient vs central differences: relative error {}", rel);
        assertTrue(rel <= 1e-7, "input gradient vs central differences: relative error " + rel);
    }

    @Test
    void gpPenalty_parameterGradientMatchesCentralDifferences_double() {
        assertPenaltyGradient(PenaltyKind.GP);
    }

    @Test
    void lpPenalty_parameterGradientMatchesCentralDifferences_double() {
        assertPenaltyGradient(PenaltyKind.LP);
    }

    /** All indices 0 … n − 1 if n ≤ max, else {@code max} distinct ones drawn from a seeded generator. */
    private static long[] entries(long n, int max, long seed) {
        if (n <= max) {
            return java.util.stream.LongStream.range(0, n).toArray();
        }
        return new SplittableRandom(seed).longs(0, n).distinct().limit(max).toArray();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double[] gradientNorms(WganGpDiscriminator d, INDArray x) {
        INDArray g = d.inputGradient(x);
        return g.reshape(g.size(0), -1).norm2(1).toDoubleVector();
    }

    private static void assertPenaltyGradient(PenaltyKind kind) {
        WganGpDiscriminator d = WganGpDiscriminator.initialise(SMALL, 11, DataType.DOUBLE);
        GradientPenaltyTrainer penalty = new DiscriminatorCritic(d, kind, 50, AdamConfig.AUTHORS).penalisedTrainer();
        INDArray xhat = uniform(new SplittableRandom(5), 6, 1, 8, 8);
        List<Parameter> parameters = new ArrayList<>();
        for (LipschitzLayer layer : d.network().layers()) {
            parameters.addAll(layer.parameters());
        }
        // Scale the four weight tensors so that the gradient norms straddle 1: both sides of the LP kink are tested.
        double factor = Math.pow(1.0 / median(gradientNorms(d, xhat)), 0.25);
        parameters.stream().filter(p -> p.name().endsWith("/W")).forEach(p -> p.value().muli(factor));
        double[] norms = gradientNorms(d, xhat);
        assertTrue(Arrays.stream(norms).anyMatch(t -> t > 1.05) && Arrays.stream(norms).anyMatch(t -> t < 0.95),
                "norms straddle 1: " + Arrays.toString(norms));
        assertTrue(penalty.penaltyValue(xhat) > 1e-3, kind + " penalty active: " + penalty.penaltyValue(xhat));
        penalty.penaltyGradient(xhat);
        double num = 0;
        double den = 0;
        for (Parameter p : parameters) {
            INDArray g = p.grad().dup();
            INDArray v = p.value();
            for (long i : entries(v.length(), 16, p.name().hashCode())) {
                double p0 = v.getDouble(i);
                v.putScalar(i, p0 + H);
                double up = penalty.penaltyValue(xhat);
                v.putScalar(i, p0 - H);
                double down = penalty.penaltyValue(xhat);
                v.putScalar(i, p0);
                double fd = (up - down) / (2 * H);
                num += (fd - g.getDouble(i)) * (fd - g.getDouble(i));
                den += fd * fd;
            }
        }
        double rel = Math.sqrt(num / den);
        LOG.info("{} penalty parameter gradient vs central differences: relative error {}", kind, rel);
        assertTrue(rel <= 1e-5, kind + " penalty parameter gradient vs central differences: relative error " + rel);
    }
}
