package dev.lipschitzw1.critic.layers.conv.cayley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.FftConvCertifier;
import dev.lipschitzw1.critic.certify.LayerCertificate;
import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.ConvOps;
import dev.lipschitzw1.critic.layers.GradientTesting;
import dev.lipschitzw1.critic.layers.LayerTesting;
import dev.lipschitzw1.critic.layers.LipschitzAttack;
import dev.lipschitzw1.critic.layers.Parameter;
import dev.lipschitzw1.critic.layers.PlainConv;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CayleyConv2dTest {

    /**
     * y of the Cayley conv with W[o, c, p, q] = 0.5·sin(1 + o + 2c + 3p + 5q), α = 1.3·‖Ŵ‖_F, b_o = 0.1·(o + 1), on
     * x[c, i, j] = cos(0.3 + c + 0.7i + 1.3j): computed once in float64 by scripts/reference/cayley_reference.py
     * (torch.fft and torch.linalg.inv, an implementation independent of ours).
     */
    private static final double[] CAYLEY_2_TO_3_K2_4 = {
            -0.4994333909796118, -0.48024478273008087, -0.15704255365918793, 0.32373686606864754, 0.4076349604032178,
            -0.41468714435418463, -0.2926572718290884, 0.5491848996947278, 0.572462966117942, -0.841408887920678,
            -0.44163687204963986, 0.7492532429142846, 0.43342059131505006, -1.261549515015775, -0.6870960790447355,
            1.1046376368898358, -0.025353596625591307, -0.1778540190458026, -0.027013451025563046,
            0.9396073169674313, -0.22065363274371613, -0.48948853239181783, 0.42367889788716, 1.3587658444664337,
            -0.2658276693074976, -0.2698490278826495, 0.4506109776071963, 0.795167892668849, 0.4851586616233488,
            -0.11302837587452247, -0.18326543323013816, 0.25524319568236103, -0.10828509748495507,
            1.1967252084736044, 0.97302483230422, -0.49112437782276996, 0.4170189405396997, 0.6314344238020599,
            0.03439065614452719, -0.045200057800748816, 0.5632847806380465, -0.1380958394873994,
            -0.22899808537431676, 0.6319322624180042, 0.3409640038174813, -0.7230132315342308, -0.00922500765679729,
            1.200108635024042
    };
    private static final double[] CAYLEY_3_TO_2_K3_5 = {
            -0.9744982815623094, 1.5578077552546967, 2.2875675875418002, -0.14494010438498225, -1.9592589979284072,
            0.420114173202065, 1.4296381728700418, 0.672046199775441, -0.906474525005538, -0.9487578400205624,
            -0.07637450299646012, 0.18735691948334418, 0.3562090117050424, 0.1420981635614687, -0.14167169502359225,
            -0.8935858459498075, -0.16933121274571258, 0.9652903323174568, 0.8220433946381461, -0.3238701382607979,
            -0.20342307131396872, 0.5457263237319526, 0.7034230309713899, -0.021027847580153275, -0.4642709611383452,
            0.12707076091041195, -0.290431479613562, -0.1161851475008408, 0.48613595995551967, 0.5989915731023316,
            -0.15174420087023877, -0.5561377948192596, 0.11296034707651192, 0.9046166043769674, 0.6870229432080865,
            -0.2681676320750259, -0.11637831074558169, 0.48505674370521673, 0.6483710001127376, 0.17070909027343495,
            0.3750282786055855, 0.43150195933244573, 0.06616651962321962, -0.13252917105698786, 0.08370812617318368,
            1.0688155115037037, -0.03219291273687824, -0.9334379892590687, -0.16947034041928416, 1.016024089354087
    };

    private static CayleyConv2d fixed(int cin, int cout, int k, int n) {
        CayleyConv2d l = new CayleyConv2d("cayley", new int[] {cin, n, n}, cout, k, Padding.CIRCULAR, true, 1);
        l.initialise(DataType.DOUBLE);
        double[][][][] w = new double[cout][cin][k][k];
        for (int o = 0; o < cout; o++) {
            for (int c = 0; c < cin; c++) {
                for (int p = 0; p < k; p++) {
                    for (int q = 0; q < k; q++) {
                        w[o][c][p][q] = 0.5 * Math.sin(1 + o + 2 * c + 3 * p + 5 * q);
                    }
                }
            }
        }
        double[] yxio = ConvOps.oihwToYxio(w);
        double[] b = new double[cout];
        for (int o = 0; o < cout; o++) {
            b[o] = 0.1 * (o + 1);
        }
        List<Parameter> p = l.parameters();
        p.get(0).value().assign(Nd4j.createFromArray(yxio).reshape(k, k, cin, cout));
        p.get(1).value().assign(Nd4j.createFromArray(new double[] {1.3 * CayleyKernel.symbolNorm(yxio, k, cin, cout,
                n)}));
        p.get(2).value().assign(Nd4j.createFromArray(b));
        return l;
    }

    private static INDArray fixedImage(int cin, int n) {
        double[] v = new double[cin * n * n];
        for (int c = 0; c < cin; c++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    v[(c * n + i) * n + j] = Math.cos(0.3 + c + 0.7 * i + 1.3 * j);
                }
            }
        }
        return Nd4j.createFromArray(v).reshape(1, cin, n, n);
    }

    @Test
    void cayleyConv_forwardMatchesAuthorsConstruction_torchReference_tallAndWide() {
        Object[][] cases = {{2, 3, 2, 4, CAYLEY_2_TO_3_K2_4}, {3, 2, 3, 5, CAYLEY_3_TO_2_K3_5}};
        for (Object[] c : cases) {
            int cin = (int) c[0];
            int n = (int) c[3];
            CayleyConv2d l = fixed(cin, (int) c[1], (int) c[2], n);
            l.prepare(false);
            double[] got = LayerTesting.sample(l.forward(fixedImage(cin, n)), 0);
            double[] want = (double[]) c[4];
            assertEquals(want.length, got.length, "output size");
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-12, cin + "→" + c[1] + ": output " + i);
            }
        }
    }

    @Test
    void cayleyConv_exportIsTheForwardKernel_orthogonal_certifiedOne() {
        // {cin, cout, k, n}: square, tall, wide, even k, and a raw kernel wider than the map (its taps wrap).
        // The last two are wide enough for the construction's products to go through BLAS (ComplexMatrix.times).
        int[][] cases = {{3, 3, 3, 5}, {2, 4, 2, 4}, {4, 2, 3, 4}, {3, 3, 2, 6}, {2, 2, 3, 2}, {16, 12, 2, 4},
                {12, 16, 2, 4}};
        for (int[] c : cases) {
            CayleyConv2d l = new CayleyConv2d("cayley", new int[] {c[0], c[3], c[3]}, c[1], c[2], Padding.CIRCULAR,
                    true, 19);
            LayerTesting.Built built = LayerTesting.build(l, DataType.DOUBLE);
            PlainConv plain = l.export();
            String what = c[0] + "→" + c[1] + " k=" + c[2] + " n=" + c[3];
            INDArray x = LayerTesting.gaussian(3, DataType.DOUBLE, 2, c[0], c[3], c[3]);
            assertEquals(0.0, LayerTesting.maxDiffToExport(built, plain, x), 1e-12, what + ": forward = export");
            LayerCertificate cert = FftConvCertifier.certify("cayley", plain.kernel(), c[3], c[3], Padding.CIRCULAR);
            assertTrue(cert.bound() <= 1 + 1e-9, what + ": certified " + cert.bound());
            // Q(ω) is unitary, isometric or co-isometric at every frequency: every singular value is 1.
            double[] sv = FftConvCertifier.singularValues(plain.kernel(), c[3], c[3]);
            assertEquals(1.0, sv[0], 1e-10, what + ": largest singular value");
            assertEquals(1.0, sv[sv.length - 1], 1e-10, what + ": smallest singular value");
        }
    }

    @Test
    void cayleyConv_gradientsMatchFiniteDifferences() {
        int[][] cases = {{2, 3, 2, 3}, {3, 2, 3, 4}, {16, 12, 2, 4}};
        for (int[] c : cases) {
            CayleyConv2d l = new CayleyConv2d("cayley", new int[] {c[0], c[3], c[3]}, c[1], c[2], Padding.CIRCULAR,
                    true, 5);
            var r = GradientTesting.check(l, 1, 41, 10);
            assertTrue(GradientTesting.worst(r) <= 1e-5, c[0] + "→" + c[1] + " k=" + c[2] + ": " + r);
        }
    }

    @Test
    void cayleyConv_sampledLipschitzAttack_neverExceedsCertificate_andReachesTheExactNorm() {
        CayleyConv2d l = new CayleyConv2d("cayley", new int[] {3, 4, 4}, 2, 2, Padding.CIRCULAR, true, 23);
        l.initialise(DataType.DOUBLE);
        LayerCertificate cert = FftConvCertifier.certify("cayley", l.export().kernel(), 4, 4, Padding.CIRCULAR);
        double attack = LipschitzAttack.largestRatio(LipschitzAttack.of(List.of(l)), l.inputShape(), 2, 30, 7);
        assertTrue(attack <= cert.bound() * (1 + 1e-12), "attack " + attack + " vs certified " + cert.bound());
        assertEquals(cert.value(), attack, 1e-2 * cert.value(), "attack vs exact norm");
    }

    @Test
    void cayleyConv_nonSquareMapOrZeroPadding_refusedNamingTheField() {
        InvalidConfigException a = assertThrows(InvalidConfigException.class, () -> new CayleyConv2d("c",
                new int[] {2, 4, 5}, 2, 2, Padding.CIRCULAR, true, 1));
        assertTrue(a.getMessage().contains("c.inputShape"), a.getMessage());
        InvalidConfigException b = assertThrows(InvalidConfigException.class, () -> new CayleyConv2d("c",
                new int[] {2, 4, 4}, 2, 2, Padding.ZERO, true, 1));
        assertTrue(b.getMessage().contains("c.padding"), b.getMessage());
    }
}
