package dev.lipschitzw1.generator.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.generator.QuietStdout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Oracles for the explicit second-order construction: SameDiff's own first-order input gradient, central finite
 * differences of D and of the penalised loss, all in double on a small discriminator (1×8×8, channels 3 and 4,
 * hidden 5, slope 0.2).
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

    @Test
    void inputGradient_matchesSameDiffFirstOrderAndFiniteDiff_double() {
        WganGpDiscriminator d = WganGpDiscriminator.initialise(SMALL, PenaltyKind.GP, 50, 7, DataType.DOUBLE);
        INDArray x = uniform(new SplittableRandom(1), 3, 1, 8, 8);
        INDArray explicit = d.inputGradient(x);
        assertArrayEquals(x.shape(), explicit.shape(), "input gradient shape");

        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> p = new LinkedHashMap<>();
        d.parameters().forEach((k, v) -> p.put(k, sd.var(k, v.dup())));
        SDVariable xv = sd.var("x", x.dup());
        SDVariable total = WganGpDiscriminator.forward(sd, xv, SMALL, p).score().sum();
        sd.setLossVariables(total);
        INDArray autodiff = QuietStdout.call(() -> sd.calculateGradients(Map.of(), "x").get("x"));
        double scale = autodiff.norm2Number().doubleValue();
        assertTrue(scale > 1e-3, "non-trivial gradient, ‖∇‖ = " + scale);
        double diff = explicit.sub(autodiff).norm2Number().doubleValue();
        assertTrue(diff <= 1e-12 * Math.max(1, scale), "explicit vs SameDiff input gradient: ‖Δ‖ = " + diff);

        INDArray fd = Nd4j.create(DataType.DOUBLE, x.shape());
        for (long i = 0; i < x.length(); i++) {
            double x0 = x.getDouble(i);
            x.putScalar(i, x0 + H);
            double up = d.scores(x).sumNumber().doubleValue();
            x.putScalar(i, x0 - H);
            double down = d.scores(x).sumNumber().doubleValue();
            x.putScalar(i, x0);
            fd.putScalar(i, (up - down) / (2 * H));
        }
        double rel = explicit.sub(fd).norm2Number().doubleValue() / scale;
        LOG.info("input gradient: explicit vs SameDiff ‖Δ‖ = {}, vs central differences relative {}", diff, rel);
        assertTrue(rel <= 1e-7, "explicit input gradient vs central differences: relative error " + rel);
    }

    @Test
    void gpLoss_parameterGradientMatchesFiniteDiff_double() {
        assertPenaltyGradient(PenaltyKind.GP);
    }

    @Test
    void lpLoss_parameterGradientMatchesFiniteDiff_double() {
        assertPenaltyGradient(PenaltyKind.LP);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void assertPenaltyGradient(PenaltyKind kind) {
        WganGpDiscriminator d = WganGpDiscriminator.initialise(SMALL, kind, 50, 11, DataType.DOUBLE);
        SplittableRandom rng = new SplittableRandom(5);
        INDArray real = uniform(rng, 6, 1, 8, 8);
        INDArray fake = uniform(rng, 6, 1, 8, 8);
        INDArray xhat = uniform(rng, 6, 1, 8, 8);
        // Scale the four weight tensors so that the gradient norms straddle 1: both sides of the LP kink are tested.
        double[] norms = d.gradientNorms(xhat);
        double factor = Math.pow(1.0 / median(norms), 0.25);
        for (String w : new String[] {"conv1.W", "conv2.W", "fc1.W", "fc2.W"}) {
            d.parameters().get(w).muli(factor);
        }
        norms = d.gradientNorms(xhat);
        assertTrue(java.util.Arrays.stream(norms).anyMatch(t -> t > 1.05)
                && java.util.Arrays.stream(norms).anyMatch(t -> t < 0.95), "norms straddle 1: "
                + java.util.Arrays.toString(norms));
        WganGpDiscriminator.Step step = d.lossAndGradients(real, fake, xhat);
        assertTrue(step.penalty() > 1e-3, kind + " penalty active: " + step.penalty());
        double num = 0;
        double den = 0;
        for (Map.Entry<String, INDArray> e : d.parameters().entrySet()) {
            INDArray p = e.getValue();
            INDArray g = step.gradients().get(e.getKey());
            assertArrayEquals(p.shape(), g.shape(), "gradient shape of " + e.getKey());
            for (long i = 0; i < p.length(); i++) {
                double p0 = p.getDouble(i);
                p.putScalar(i, p0 + H);
                double up = d.loss(real, fake, xhat);
                p.putScalar(i, p0 - H);
                double down = d.loss(real, fake, xhat);
                p.putScalar(i, p0);
                double fd = (up - down) / (2 * H);
                num += (fd - g.getDouble(i)) * (fd - g.getDouble(i));
                den += fd * fd;
            }
        }
        double rel = Math.sqrt(num / den);
        LOG.info("{} loss parameter gradient vs central differences: relative error {}", kind, rel);
        assertTrue(rel <= 1e-5, kind + " loss parameter gradient vs central differences: relative error " + rel);
    }
}
