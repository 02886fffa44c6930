package dev.lipschitzw1.critic.orthogonal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.critic.GradientCheck;
import dev.lipschitzw1.critic.ReferenceConv;
import dev.lipschitzw1.critic.TestMatrices;
import dev.lipschitzw1.critic.certify.FftConvCertifier;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

class BcopKernelTest {

    static Stream<Arguments> shapes() {
        int[][] channels = {{4, 4}, {2, 6}, {6, 2}, {3, 5}};
        Stream.Builder<Arguments> b = Stream.builder();
        for (int k = 1; k <= 5; k++) {
            for (int[] c : channels) {
                b.add(Arguments.of(c[0], c[1], k));
            }
        }
        return b.build();
    }

    static double[][][] randomParams(long seed, int cin, int cout, int k) {
        int c = Math.max(cin, cout);
        return TestMatrices.gaussian(new SplittableRandom(seed), BcopKernel.parameterCount(k), c, c);
    }

    /** Oracle: FFT certifier's singular values of the circular conv (itself tested against a dense SVD). */
    @ParameterizedTest(name = "cin={0} cout={1} k={2}")
    @MethodSource("shapes")
    void bcopKernel_fftSingularValuesAllOne(int cin, int cout, int k) {
        double[][][][] kernel = BcopKernel.kernelOihw(randomParams(100L * k + 10 * cin + cout, cin, cout, k), cin, cout,
                k, BjorckConfig.CERTIFICATION);
        assertEquals(cout, kernel.length);
        assertEquals(cin, kernel[0].length);
        assertEquals(k, kernel[0][0].length);
        for (int[] map : new int[][] {{5, 5}, {6, 4}}) {
            double[] sv = FftConvCertifier.singularValues(kernel, map[0], map[1]);
            assertEquals(map[0] * map[1] * Math.min(cin, cout), sv.length, "count");
            // Square: orthogonal; cin < cout: isometry; cin > cout: co-isometry. All min(cin, cout)·h·w values are 1.
            assertEquals(1, sv[0], 1e-5, "σ_max on " + map[0] + "×" + map[1]);
            assertEquals(1, sv[sv.length - 1], 1e-5, "σ_min on " + map[0] + "×" + map[1]);
        }
    }

    @ParameterizedTest(name = "cin={0} cout={1} k={2}")
    @CsvSource({"4,4,3", "3,5,2", "6,2,3", "2,6,4", "4,4,1", "1,1,3", "5,3,2"})
    void bcopEager_equalsDoubleKernel_unconvergedBjorck(int cin, int cout, int k) {
        double[][][] params = randomParams(7L * k + cin, cin, cout, k);
        BjorckConfig cfg = BjorckConfig.TRAINING.withIterations(8);
        INDArray yxio = BcopKernel.build(TestMatrices.nd(params, DataType.DOUBLE), cin, cout, k, cfg).kernelYxio();
        assertEquals(4, yxio.rank());
        assertEquals(k, yxio.size(0));
        assertEquals(cin, yxio.size(2));
        assertEquals(cout, yxio.size(3));
        double[][][][] oihw = BcopKernel.kernelOihw(params, cin, cout, k, cfg);
        double worst = 0;
        for (int o = 0; o < cout; o++) {
            for (int i = 0; i < cin; i++) {
                for (int y = 0; y < k; y++) {
                    for (int x = 0; x < k; x++) {
                        worst = Math.max(worst, Math.abs(oihw[o][i][y][x] - yxio.getDouble(y, x, i, o)));
                    }
                }
            }
        }
        assertTrue(worst <= 1e-12, "eager YXIO vs double OIHW, max |Δ| = " + worst);
    }

    @ParameterizedTest(name = "cin={0} cout={1} k={2} {3}")
    @CsvSource({"4,4,3,FROBENIUS,20", "3,5,2,FROBENIUS,20", "6,2,2,FROBENIUS,20", "2,2,4,FROBENIUS,20",
            "4,4,2,POWER_ITERATION,60"})
    void bcopEager_gradientMatchesFiniteDiff(int cin, int cout, int k, BjorckConfig.Prescale prescale, int it) {
        SplittableRandom rng = new SplittableRandom(31L * k + cin);
        double[][][] params = TestMatrices.gaussian(rng, BcopKernel.parameterCount(k), Math.max(cin, cout),
                Math.max(cin, cout));
        double[][][][] c = ReferenceConv.randomKernel(rng, k, k, cin, cout);
        INDArray p = TestMatrices.nd(params, DataType.DOUBLE);
        INDArray cst = Nd4j.create(c).castTo(DataType.DOUBLE);
        BjorckConfig cfg = BjorckConfig.TRAINING.withIterations(it).withPrescale(prescale);
        // Loss Σ C ⊙ K + Σ K² ⊙ C: ∂L/∂K = C + 2 K ⊙ C.
        BcopKernel.Built built = BcopKernel.build(p, cin, cout, k, cfg);
        INDArray kernel = built.kernelYxio();
        INDArray analytic = built.backward(cst.add(kernel.mul(cst).muli(2)));
        GradientCheck.Result r = GradientCheck.check(p, () -> {
            INDArray kk = BcopKernel.build(p, cin, cout, k, cfg).kernelYxio();
            return kk.mul(cst).add(kk.mul(kk).mul(cst)).sumNumber().doubleValue();
        }, analytic, 40, 3);
        assertTrue(r.maxRelError() <= 1e-6, r.toString());
    }

    /** Oracle: kernels from a NumPy transliteration of LConvNet's bcop.py (test resource, with its script). */
    @Test
    void bcopKernel_equalsLConvNetReferenceKernels() throws IOException {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/bcop/lconvnet_kernels.json")) {
            root = new ObjectMapper().readTree(in);
        }
        int cases = 0;
        for (JsonNode cs : root.get("cases")) {
            int cin = cs.get("cin").asInt();
            int cout = cs.get("cout").asInt();
            int k = cs.get("k").asInt();
            double[][][] params = new ObjectMapper().convertValue(cs.get("params"), double[][][].class);
            double[][][][] want = new ObjectMapper().convertValue(cs.get("kernelOihw"), double[][][][].class);
            double[][][][] got = BcopKernel.kernelOihw(params, cin, cout, k, BjorckConfig.TRAINING);
            for (int o = 0; o < cout; o++) {
                for (int i = 0; i < cin; i++) {
                    for (int y = 0; y < k; y++) {
                        for (int x = 0; x < k; x++) {
                            assertEquals(want[o][i][y][x], got[o][i][y][x], 1e-10,
                                    "cin=" + cin + " cout=" + cout + " k=" + k + " K[" + o + "][" + i + "][" + y + "][" + x + "]");
                        }
                    }
                }
            }
            cases++;
        }
        assertEquals(8, cases, "fixture cases");
    }

    /**
     * Pins the layout: ND4J conv2d (NCHW, YXIO weights, no padding) on an input padded circularly with ⌊k/2⌋ before and
     * k−1−⌊k/2⌋ after equals the defining sum of the convention; and the BCOP conv preserves the norm.
     */
    @ParameterizedTest(name = "k={0}")
    @CsvSource({"2", "3", "4"})
    void bcopKernel_nd4jConv2dWithYxioMatchesConvention_andPreservesNorm(int k) {
        int c = 4;
        int h = 5;
        int w = 6;
        double[][][] params = randomParams(55L + k, c, c, k);
        INDArray yxio = BcopKernel.build(TestMatrices.nd(params, DataType.DOUBLE), c, c, k,
                BjorckConfig.CERTIFICATION).kernelYxio();
        double[][][] x = ReferenceConv.randomMap(new SplittableRandom(k), c, h, w);
        int b = k / 2;
        double[][][][] padded = new double[1][c][h + k - 1][w + k - 1];
        for (int i = 0; i < c; i++) {
            for (int r = 0; r < h + k - 1; r++) {
                for (int s = 0; s < w + k - 1; s++) {
                    padded[0][i][r][s] = x[i][Math.floorMod(r - b, h)][Math.floorMod(s - b, w)];
                }
            }
        }
        INDArray in = Nd4j.create(padded).castTo(DataType.DOUBLE);
        INDArray y = Nd4j.cnn().conv2d(in, yxio, Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).pH(0).pW(0).dH(1)
                .dW(1).dataFormat("NCHW").build());
        double[][][][] oihw = BcopKernel.kernelOihw(params, c, c, k, BjorckConfig.CERTIFICATION);
        double[][][] want = ReferenceConv.conv(oihw, x, true);
        for (int o = 0; o < c; o++) {
            for (int r = 0; r < h; r++) {
                for (int s = 0; s < w; s++) {
                    assertEquals(want[o][r][s], y.getDouble(0, o, r, s), 1e-12, "y[" + o + "][" + r + "][" + s + "]");
                }
            }
        }
        assertEquals(ReferenceConv.squaredNorm(x), ReferenceConv.squaredNorm(want), 1e-10, "‖conv(x)‖² = ‖x‖²");
    }

    @Test
    void bcopInitialParameters_giveOrthogonalKernelAtTrainingSettings() {
        double[][][] params = BcopKernel.initialParameters(6, 6, 3, new SplittableRandom(9));
        assertEquals(5, params.length, "2k − 1 matrices");
        double[][][][] kernel = BcopKernel.kernelOihw(params, 6, 6, 3, BjorckConfig.TRAINING);
        double[] sv = FftConvCertifier.singularValues(kernel, 4, 4);
        assertEquals(1, sv[0], 1e-12, "σ_max at initialisation");
        assertEquals(1, sv[sv.length - 1], 1e-12, "σ_min at initialisation");
    }

    @Test
    void bcopKernel_wrongParameterShape_namesShapes() {
        dev.lipschitzw1.errors.ShapeMismatchException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.lipschitzw1.errors.ShapeMismatchException.class,
                () -> BcopKernel.kernelOihw(randomParams(1, 4, 4, 2), 4, 4, 3, BjorckConfig.TRAINING));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {5, 4, 4}, e.expected(), "expected shape");
        dev.lipschitzw1.errors.InvalidConfigException bad = org.junit.jupiter.api.Assertions.assertThrows(
                dev.lipschitzw1.errors.InvalidConfigException.class,
                () -> BcopKernel.kernelOihw(randomParams(1, 4, 4, 2), 4, 4, 0, BjorckConfig.TRAINING));
        assertEquals("bcop.kernelSize", bad.key(), "config key");
    }

    /** Training-time use: float32, TRAINING settings, LConvNet initialisation, 16 channels. */
    @Test
    void bcopEagerFloat32_trainingSettings_fftSingularValuesWithin1e5() {
        int c = 16;
        int k = 3;
        INDArray p = TestMatrices.nd(BcopKernel.initialParameters(c, c, k, new SplittableRandom(4)), DataType.FLOAT);
        INDArray yxio = BcopKernel.build(p, c, c, k, BjorckConfig.TRAINING).kernelYxio();
        double[][][][] oihw = new double[c][c][k][k];
        for (int o = 0; o < c; o++) {
            for (int i = 0; i < c; i++) {
                for (int y = 0; y < k; y++) {
                    for (int x = 0; x < k; x++) {
                        oihw[o][i][y][x] = yxio.getDouble(y, x, i, o);
                    }
                }
            }
        }
        double[] sv = FftConvCertifier.singularValues(oihw, 4, 4);
        assertEquals(1, sv[0], 1e-5, "float32 σ_max");
        assertEquals(1, sv[sv.length - 1], 1e-5, "float32 σ_min");
    }
}
