package dev.lipschitzw1.critic.layers.conv.soc;

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
import dev.lipschitzw1.critic.layers.PlainConv;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SocConv2dTest {

    /**
     * y of the SOC conv with K[o, i, p, q] = 0.5·sin(1 + o + 2i + 3p + 5q) (c×c×3×3, c = max(cin, cout)),
     * b_o = 0.1·(o + 1), on x[c, i, j] = cos(0.3 + c + 0.7i + 1.3j), κ = 0.7: computed once in float64 by
     * scripts/reference/soc_reference.py (the authors' series with torch's conv2d and circular padding).
     */
    private static final double[] SOC_2_TO_3_K3_4X5_T3 = {
            1.0763932208407325, -0.059779897751759375, -0.9844232708080881, -0.31915672678556484, 0.9509397470625732,
            0.7170421165490777, -0.5353917500707889, -0.8576306799654618, 0.22256184963954717, 1.1164931693691662,
            0.010327624567990995, -0.9041536966361511, -0.3519996330193479, 0.8631993655544646, 0.9556898192045737,
            -0.49360513921666216, -0.5869514984732451, 0.3365957696876294, 0.912593590129362, 0.2833031266778264,
            0.5497202496799769, -0.534768173966681, -0.5356298158499924, 0.5424683319132767, 1.109477053228291,
            -0.2309848820836865, -0.7518415458759409, 0.1257710031233456, 1.111319588876716, 0.7626862407302806,
            -0.7033553061740818, -0.39326841860832146, 0.7907470682865891, 1.1100877443678538, 0.09482293610185114,
            -0.8660865446294876, 0.18664402373139466, 1.26586313286072, 0.7823380807145031, -0.5436914087201692,
            0.22957077731513958, 0.37823723587563707, 0.4254907722873378, 0.28801588079777296, 0.17095660571235363,
            0.25272679376566415, 0.23668974123038078, 0.3118943115302477, 0.3698228091789757, 0.331747385618587,
            0.25575493412423145, 0.28305192503976717, 0.33716175908934204, 0.3361550680846183, 0.286489550036607,
            0.2566880088207644, 0.15500127728384136, 0.2648277835077069, 0.42654058317940446, 0.42067046181701223
    };
    private static final double[] SOC_3_TO_2_K3_5X4_T12 = {
            1.137910644981224, -0.12298120459966194, -0.9737837138857969, -0.20390758679147383, 0.7185144904000271,
            -0.4899428459772537, -0.8758620674680233, 0.20167283689699544, 0.05935072593973378, -0.8868770382662691,
            -0.40072079400561267, 0.8560128835388389, -0.584479706181166, -0.8159497429522634, 0.31407872985742313,
            1.1514386037856223, -0.8395539248518334, 0.013168124434720513, 0.8724562415405519, 0.6215737102834338,
            0.5739535340956826, -0.592187432738799, -0.651491815052242, 0.5860163738903366, -0.2508314854567341,
            -0.7163482947135711, 0.13402138740151598, 1.066082118397994, -0.7051993785806447, -0.37061346749456764,
            0.7632499270095063, 1.0708373268387537, -0.730284769918738, 0.2484498811896045, 1.1244645081957683,
            0.6614766878141982, -0.5234712597097138, 0.9269495763559759, 1.2661629796540077, -0.03719938533956843
    };

    private static SocConv2d fixed(int cin, int cout, int h, int w, SocConfig config) {
        SocConv2d l = new SocConv2d("soc", new int[] {cin, h, w}, cout, 3, Padding.CIRCULAR, true, config, 1);
        l.initialise(DataType.DOUBLE);
        int c = Math.max(cin, cout);
        double[][][][] kernel = new double[c][c][3][3];
        for (int o = 0; o < c; o++) {
            for (int i = 0; i < c; i++) {
                for (int p = 0; p < 3; p++) {
                    for (int q = 0; q < 3; q++) {
                        kernel[o][i][p][q] = 0.5 * Math.sin(1 + o + 2 * i + 3 * p + 5 * q);
                    }
                }
            }
        }
        l.parameters().get(0).value().assign(Nd4j.createFromArray(ConvOps.oihwToYxio(kernel)).reshape(3, 3, c, c));
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

    /** r = Σ_{i&gt;T} κⁱ/i!, the truncation's bound on |‖Σ_{i≤T} Lⁱ/i!‖ − 1| for ‖L‖ ≤ κ. */
    private static double tail(int terms, double kappa) {
        double r = 0;
        double t = 1;
        for (int i = 1; i <= terms + 30; i++) {
            t *= kappa / i;
            if (i > terms) {
                r += t;
            }
        }
        return r;
    }

    @Test
    void socConv_forwardMatchesAuthorsSeries_torchReference_padAndTruncateChannels() {
        Object[][] cases = {{2, 3, 4, 5, new SocConfig(3, 3, 0.7), SOC_2_TO_3_K3_4X5_T3},
                {3, 2, 5, 4, SocConfig.DEFAULT, SOC_3_TO_2_K3_5X4_T12}};
        for (Object[] c : cases) {
            int cin = (int) c[0];
            int cout = (int) c[1];
            SocConv2d l = fixed(cin, cout, (int) c[2], (int) c[3], (SocConfig) c[4]);
            l.prepare(false);
            double[] got = LayerTesting.sample(l.forward(fixedImage(cin, (int) c[2], (int) c[3])), 0);
            double[] want = (double[]) c[5];
            assertEquals(want.length, got.length, "output size");
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-12, cin + "→" + cout + ": output " + i);
            }
        }
    }

    @Test
    void socConv_exportIsTheComposedSeries_certifiedNormWithinTheTruncationTail() {
        // {cin, cout, k, map, T}: folded (composed kernel wider than the map) and unfolded, even k (→ 3), channel
        // padding and truncation.
        int[][] cases = {{3, 3, 3, 5, 12}, {2, 4, 2, 4, 12}, {4, 2, 3, 6, 2}, {3, 3, 3, 7, 3}};
        for (int[] c : cases) {
            SocConfig config = SocConfig.DEFAULT.withTerms(c[4]);
            SocConv2d l = new SocConv2d("soc", new int[] {c[0], c[3], c[3]}, c[1], c[2], Padding.CIRCULAR, true,
                    config, 13);
            LayerTesting.Built built = LayerTesting.build(l, DataType.DOUBLE);
            PlainConv plain = l.export();
            String what = c[0] + "→" + c[1] + " k=" + c[2] + " map " + c[3] + " T=" + c[4];
            INDArray x = LayerTesting.gaussian(3, DataType.DOUBLE, 2, c[0], c[3], c[3]);
            assertEquals(0.0, LayerTesting.maxDiffToExport(built, plain, x), 1e-12, what + ": forward = export");
            LayerCertificate cert = FftConvCertifier.certify("soc", plain.kernel(), c[3], c[3], Padding.CIRCULAR);
            double r = tail(c[4], config.correction());
            assertTrue(cert.bound() <= 1 + Math.max(r, 1e-9), what + ": certified " + cert.bound() + ", tail " + r);
            // exp(L) is orthogonal; the truncated series is within r of it, so its norm is within r of 1.
            assertEquals(1.0, cert.value(), Math.max(r, 1e-9), what + ": exact norm of the truncated operator");
        }
    }

    @Test
    void socConv_truncationMakesTheNormApproximatelyOne_notExactly() {
        SocConv2d l = new SocConv2d("soc", new int[] {3, 5, 5}, 3, 3, Padding.CIRCULAR, false,
                SocConfig.DEFAULT.withTerms(1), 17);
        l.initialise(DataType.DOUBLE);
        double value = FftConvCertifier.certify("soc", l.export().kernel(), 5, 5, Padding.CIRCULAR).value();
        // I + L with L skew: ‖(I + L)x‖² = ‖x‖² + ‖Lx‖², so the norm is √(1 + ‖L‖²) > 1, at most √(1 + κ²).
        assertTrue(value > 1 + 1e-3 && value <= Math.sqrt(1 + 0.49) + 1e-12, "T = 1: norm " + value);
    }

    @Test
    void socConv_gradientsMatchFiniteDifferences() {
        int[][] cases = {{2, 3, 2}, {3, 2, 3}};
        for (int[] c : cases) {
            SocConv2d l = new SocConv2d("soc", new int[] {c[0], 4, 3}, c[1], c[2], Padding.CIRCULAR, true,
                    SocConfig.DEFAULT.withTerms(3), 5);
            var r = GradientTesting.check(l, 1, 41, 8);
            assertTrue(GradientTesting.worst(r) <= 1e-5, c[0] + "→" + c[1] + " k=" + c[2] + ": " + r);
        }
    }

    @Test
    void socConv_sampledLipschitzAttack_neverExceedsCertificate_andReachesTheExactNorm() {
        SocConv2d l = new SocConv2d("soc", new int[] {3, 4, 4}, 3, 3, Padding.CIRCULAR, true,
                SocConfig.DEFAULT.withTerms(3), 23);
        l.initialise(DataType.DOUBLE);
        LayerCertificate cert = FftConvCertifier.certify("soc", l.export().kernel(), 4, 4, Padding.CIRCULAR);
        double attack = LipschitzAttack.largestRatio(LipschitzAttack.of(List.of(l)), l.inputShape(), 2, 30, 7);
        assertTrue(attack <= cert.bound() * (1 + 1e-12), "attack " + attack + " vs certified " + cert.bound());
        assertEquals(cert.value(), attack, 1e-2 * cert.value(), "attack vs exact norm");
    }

    @Test
    void socConv_zeroPadding_refusedNamingTheField() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new SocConv2d("s",
                new int[] {2, 4, 4}, 2, 3, Padding.ZERO, true, SocConfig.DEFAULT, 1));
        assertTrue(e.getMessage().contains("s.padding"), e.getMessage());
    }
}
