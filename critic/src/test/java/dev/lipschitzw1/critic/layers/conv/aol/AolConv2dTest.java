package dev.lipschitzw1.critic.layers.conv.aol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.FftConvCertifier;
import dev.lipschitzw1.critic.certify.LayerCertificate;
import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.ConvOps;
import dev.lipschitzw1.critic.layers.GradientTesting;
import dev.lipschitzw1.critic.layers.LayerTesting;
import dev.lipschitzw1.critic.layers.LipschitzAttack;
import dev.lipschitzw1.critic.layers.PlainConv;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AolConv2dTest {

    /**
     * y of the AOL conv with K[o, c, p, q] = 0.5·sin(1 + o + 2c + 3p + 5q), b_o = 0.1·(o + 1) on
     * x[c, i, j] = cos(0.3 + c + 0.7i + 1.3j), circular padding: computed once in float64 by
     * scripts/reference/aol_reference.py (Gram kernel by torch's conv2d, an implementation independent of ours).
     */
    private static final double[] AOL_2_TO_3_K2_4X5 = {
            -0.14241124473057828, 0.016317981597999034, 0.241228144887824, 0.25923874505463385, 0.043964210659703636,
            0.18263051034443795, 0.17669352744042333, 0.08551454059748032, 0.015556785715050578, 0.06930853758948177,
            0.21122301549191252, 0.13525748043723457, 0.03505434463433639, 0.029996746093623267, 0.12749407852593275,
            0.18750559854598373, 0.07723928947108577, 0.015139105193522837, 0.07736033061538014, 0.17274872472480993,
            0.05254465371711256, 0.06954581375234875, 0.23728668813581846, 0.35040247704689476, 0.24317828472874306,
            0.20293898802012963, 0.2690759183935645, 0.23871275120464233, 0.15163531280658918, 0.1354122544532938,
            0.2655714785155562, 0.2663609498929775, 0.19034980608714183, 0.12847621897164338, 0.17138513862508423,
            0.297364678082502, 0.232435389739278, 0.14652549795529807, 0.1389558769442402, 0.22081603922104015,
            0.38307031751212006, 0.2427126231224856, 0.19906402226811393, 0.30328686525880055, 0.40269444294503826,
            0.22054537366395197, 0.2979502285355814, 0.35631863688725535, 0.3321801102585671, 0.2608976467110983,
            0.259633826590364, 0.3364524680563171, 0.35451761131927967, 0.2927143262783187, 0.24158457030813907,
            0.3177071216101862, 0.3578105422646416, 0.32707610128667114, 0.2566751084911689, 0.2497451832555294
    };
    private static final double[] AOL_3_TO_2_K3_5X4 = {
            0.37621008112640997, 0.014362142748307119, -0.14243828949593043, 0.23890092185194967,
            0.08702850170889795, 0.19363255915458977, 0.11143258262181993, 0.005173757249490152, 0.15098040154309494,
            0.16251204404543296, 0.048187734270445017, 0.03728957863262107, 0.19095542194082638, 0.10199113784407694,
            0.009311004080664473, 0.0988990910621936, -0.0784130614124268, 0.336969876164609, 0.21922834498497415,
            -0.18079119476903574, 0.2411102879375285, 0.1244254782921703, 0.09547077913996024, 0.2585546328092131,
            0.22346500940412042, 0.24293478296006354, 0.15898909734044941, 0.1309862939152286, 0.23794107090658564,
            0.19774051339030047, 0.13259311599061308, 0.17216518999299554, 0.2345728539160972, 0.15360891567853144,
            0.13789964545200772, 0.22643523214795994, 0.10048321638032505, 0.3555369742372019, 0.2387134301333013,
            -0.04791855575105561
    };

    private static AolConv2d fixed(int cin, int cout, int k, int h, int w) {
        AolConv2d l = new AolConv2d("aol", new int[] {cin, h, w}, cout, k, Padding.CIRCULAR, true, 1);
        l.initialise(DataType.DOUBLE);
        double[][][][] kernel = new double[cout][cin][k][k];
        for (int o = 0; o < cout; o++) {
            for (int c = 0; c < cin; c++) {
                for (int p = 0; p < k; p++) {
                    for (int q = 0; q < k; q++) {
                        kernel[o][c][p][q] = 0.5 * Math.sin(1 + o + 2 * c + 3 * p + 5 * q);
                    }
                }
            }
        }
        l.parameters().get(0).value().assign(Nd4j.createFromArray(ConvOps.oihwToYxio(kernel)).reshape(k, k, cin, cout));
        double[] b = new double[cout];
        for (int o = 0; o < cout; o++) {
            b[o] = 0.1 * (o + 1);
        }
        l.parameters().get(1).value().assign(Nd4j.createFromArray(b));
        return l;
    }

    private static INDArray fixedImage(int cin, int h, int w) {
        double[] v = new double[cin * h * w];
        for (int c = 0; c < cin; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    v[(c * h + i) * w + j] = Math.cos(0.3 + c + 0.7 * i + 1.3 * j);
                }
            }
        }
        return Nd4j.createFromArray(v).reshape(1, cin, h, w);
    }

    @Test
    void aolConv_forwardMatchesAuthorsFormula_torchReference_evenAndOddK() {
        Object[][] cases = {{2, 3, 2, 4, 5, AOL_2_TO_3_K2_4X5}, {3, 2, 3, 5, 4, AOL_3_TO_2_K3_5X4}};
        for (Object[] c : cases) {
            int cin = (int) c[0];
            int cout = (int) c[1];
            int k = (int) c[2];
            int h = (int) c[3];
            int w = (int) c[4];
            AolConv2d l = fixed(cin, cout, k, h, w);
            l.prepare(false);
            double[] got = LayerTesting.sample(l.forward(fixedImage(cin, h, w)), 0);
            double[] want = (double[]) c[5];
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-12, cin + "→" + cout + " k=" + k + ": output " + i);
            }
        }
    }

    @Test
    void aolConv_exportIsTheForwardKernel_certifiedAtMostOne_bothPaddings() {
        int[][] cases = {{3, 4, 2}, {4, 3, 3}, {5, 5, 3}, {2, 6, 1}};
        for (int[] c : cases) {
            for (Padding p : Padding.values()) {
                AolConv2d l = new AolConv2d("aol", new int[] {c[0], 5, 6}, c[1], c[2], p, true, 11);
                LayerTesting.Built built = LayerTesting.build(l, DataType.DOUBLE);
                PlainConv plain = l.export();
                String what = c[0] + "→" + c[1] + " k=" + c[2] + " " + p;
                INDArray x = LayerTesting.gaussian(3, DataType.DOUBLE, 2, c[0], 5, 6);
                assertEquals(0.0, LayerTesting.maxDiffToExport(built, plain, x), 1e-12, what + ": forward = export");
                LayerCertificate cert = FftConvCertifier.certify("aol", plain.kernel(), 5, 6, p);
                assertTrue(cert.bound() <= 1 + 1e-9, what + ": certified " + cert.bound());
                // Not vacuous: the rescaling keeps the norm of the order of 1 (the Schur bound is within a small factor).
                assertTrue(cert.value() > 0.3, what + ": exact norm " + cert.value());
            }
        }
    }

    @Test
    void aolConv_gradientsMatchFiniteDifferences() {
        int[][] cases = {{2, 3, 2}, {3, 2, 3}};
        for (int[] c : cases) {
            AolConv2d l = new AolConv2d("aol", new int[] {c[0], 4, 3}, c[1], c[2], Padding.CIRCULAR, true, 5);
            var r = GradientTesting.check(l, 1, 41, 12);
            assertTrue(GradientTesting.worst(r) <= 1e-5, c[0] + "→" + c[1] + " k=" + c[2] + ": " + r);
        }
    }

    @Test
    void aolConv_sampledLipschitzAttack_neverExceedsCertificate_andReachesTheExactNorm() {
        AolConv2d l = new AolConv2d("aol", new int[] {3, 4, 4}, 3, 2, Padding.CIRCULAR, true, 23);
        l.initialise(DataType.DOUBLE);
        LayerCertificate cert = FftConvCertifier.certify("aol", l.export().kernel(), 4, 4, Padding.CIRCULAR);
        double attack = LipschitzAttack.largestRatio(LipschitzAttack.of(List.of(l)), l.inputShape(), 2, 60, 7);
        assertTrue(attack <= cert.bound() * (1 + 1e-12), "attack " + attack + " vs certified " + cert.bound());
        // The ratio of a linear map converges to its norm: the attack is strong enough to have found a violation.
        assertEquals(cert.value(), attack, 1e-2 * cert.value(), "attack vs exact norm");
    }
}
