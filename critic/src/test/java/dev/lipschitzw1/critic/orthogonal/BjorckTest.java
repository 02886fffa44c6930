package dev.lipschitzw1.critic.orthogonal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.GradientCheck;
import dev.lipschitzw1.critic.TestMatrices;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BjorckTest {

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"6,6", "8,3", "3,8", "64,64", "40,17"})
    void bjorckDouble_certificationReachesResidual1e12_andEqualsSvdPolarFactor(int m, int n) {
        double[][] w = TestMatrices.gaussian(new SplittableRandom(m * 31L + n), m, n);
        double[][] q = Bjorck.orthonormalise(w, BjorckConfig.CERTIFICATION);
        double residual = Bjorck.residual(q);
        assertTrue(residual <= 1e-12, "‖QᵀQ − I‖_max = " + residual + " for " + m + "×" + n);
        // Oracle: the orthogonal polar factor U·Vᵀ from Commons Math's thin SVD.
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(w));
        RealMatrix polar = svd.getU().multiply(svd.getVT());
        double diff = TestMatrices.maxAbsDiff(q, polar.getData());
        assertTrue(diff <= 1e-10, "Björck vs SVD polar factor, max |Δ| = " + diff);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"16,16", "24,8", "8,24"})
    void bjorckStackFloat32_residualBelow1e6(int m, int n) {
        double[][] w = TestMatrices.gaussian(new SplittableRandom(7L * m + n), m, n);
        INDArray q = BjorckStack.orthonormalise(TestMatrices.nd(w, DataType.FLOAT), BjorckConfig.TRAINING
                .withIterations(40)).q();
        double residual = Bjorck.residual(TestMatrices.matrix(q));
        assertTrue(residual <= 1e-6, "float32 ‖QᵀQ − I‖_max = " + residual);
    }

    @ParameterizedTest(name = "{0}x{1} {2}")
    @CsvSource({"5,5,POWER_ITERATION", "7,3,POWER_ITERATION", "3,7,POWER_ITERATION", "6,4,FROBENIUS", "4,6,FROBENIUS"})
    void bjorckStackDouble_equalsDoubleVersion_unconverged(int m, int n, BjorckConfig.Prescale prescale) {
        double[][] w = TestMatrices.gaussian(new SplittableRandom(11L * m + n), m, n);
        BjorckConfig cfg = BjorckConfig.TRAINING.withIterations(6).withPrescale(prescale);
        INDArray q = BjorckStack.orthonormalise(TestMatrices.nd(w, DataType.DOUBLE), cfg).q();
        double diff = TestMatrices.maxAbsDiff(TestMatrices.matrix(q), Bjorck.orthonormalise(w, cfg));
        assertTrue(diff <= 1e-12, "eager vs double after 6 steps, max |Δ| = " + diff);
    }

    @Test
    void bjorckStackBatched_equalsDoubleVersionPerMatrix() {
        double[][][] w = TestMatrices.gaussian(new SplittableRandom(3), 3, 4, 6);
        for (BjorckConfig.Prescale prescale : BjorckConfig.Prescale.values()) {
            BjorckConfig cfg = BjorckConfig.TRAINING.withIterations(8).withPrescale(prescale);
            INDArray out = BjorckStack.orthonormalise(TestMatrices.nd(w, DataType.DOUBLE), cfg).q();
            for (int b = 0; b < w.length; b++) {
                double diff = TestMatrices.maxAbsDiff(TestMatrices.matrix(out.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.point(b)).dup()), Bjorck.orthonormalise(w[b], cfg));
                assertTrue(diff <= 1e-12, prescale + " batch " + b + ": max |Δ| = " + diff);
            }
        }
    }

    /** Loss with curvature in every entry: Σ C ⊙ Q + ½ Σ Q ⊙ Q ⊙ C, its gradient ∂L/∂Q = C + Q ⊙ C. */
    private static GradientCheck.Result checkGradient(INDArray w, INDArray c, BjorckConfig cfg, int entries, long seed) {
        BjorckStack b = BjorckStack.orthonormalise(w, cfg);
        INDArray q = b.q();
        INDArray analytic = b.backward(c.add(q.mul(c)));
        return GradientCheck.check(w, () -> {
            INDArray qq = BjorckStack.orthonormalise(w, cfg).q();
            return qq.mul(c).add(qq.mul(qq).mul(c).mul(0.5)).sumNumber().doubleValue();
        }, analytic, entries, seed);
    }

    @ParameterizedTest(name = "{0}x{1} {2} it={3}")
    @CsvSource({"5,5,FROBENIUS,20", "6,3,FROBENIUS,20", "3,6,FROBENIUS,20",
            "5,5,POWER_ITERATION,60", "6,3,POWER_ITERATION,60", "3,6,POWER_ITERATION,60"})
    void bjorck_gradientMatchesFiniteDiff(int m, int n, BjorckConfig.Prescale prescale, int iterations) {
        SplittableRandom rng = new SplittableRandom(13L * m + n);
        INDArray w = TestMatrices.nd(TestMatrices.gaussian(rng, m, n), DataType.DOUBLE);
        INDArray c = TestMatrices.nd(TestMatrices.gaussian(rng, m, n), DataType.DOUBLE);
        GradientCheck.Result r = checkGradient(w, c,
                BjorckConfig.TRAINING.withIterations(iterations).withPrescale(prescale), 100, 1);
        assertTrue(r.maxRelError() <= 1e-6, r.toString());
    }

    @Test
    void bjorckBatched_gradientMatchesFiniteDiff() {
        SplittableRandom rng = new SplittableRandom(21);
        INDArray w = TestMatrices.nd(TestMatrices.gaussian(rng, 3, 4, 4), DataType.DOUBLE);
        INDArray c = TestMatrices.nd(TestMatrices.gaussian(rng, 3, 4, 4), DataType.DOUBLE);
        GradientCheck.Result r = checkGradient(w, c, BjorckConfig.TRAINING.withPrescale(
                BjorckConfig.Prescale.FROBENIUS), 48, 2);
        assertTrue(r.maxRelError() <= 1e-6, r.toString());
    }

    @Test
    void bjorckConfig_invalidIterations_namesKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> BjorckConfig.TRAINING.withIterations(0));
        assertEquals("bjorck.iterations", e.key());
        assertEquals(0, e.found());
    }
}
