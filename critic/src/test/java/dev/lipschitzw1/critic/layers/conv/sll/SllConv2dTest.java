package dev.lipschitzw1.critic.layers.conv.sll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.LayerCertificate;
import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.certify.ResidualCertifier;
import dev.lipschitzw1.critic.layers.ConvOps;
import dev.lipschitzw1.critic.layers.GradientTesting;
import dev.lipschitzw1.critic.layers.LayerTesting;
import dev.lipschitzw1.critic.layers.LipschitzAttack;
import dev.lipschitzw1.critic.layers.Parameter;
import dev.lipschitzw1.critic.layers.PlainResidual;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SllConv2dTest {

    /**
     * y of the SLL conv with K[i, c, p, q] = 0.5·sin(1 + i + 2c + 3p + 5q) (inner = cin), θ_i = 0.3i − 0.2,
     * b_i = 0.1·(i + 1), on x[c, i, j] = cos(0.3 + c + 0.7i + 1.3j), circular padding: computed once in float64 by
     * scripts/reference/sll_reference.py (the authors' layer, T from torch's conv2d, Aᵀ by autograd).
     */
    private static final double[] SLL_3_TO_2_K2_4X5 = {
            0.8759353974926756, -0.16658806886622424, -0.8616690176415324, -0.2105023318815864, 0.7884837160887552,
            0.4981963939459049, -0.6487838447095312, -0.8651750960826824, 0.20269640012681184, 0.9540045028793523,
            -0.148762910652646, -0.9453639708996451, -0.3734474538798159, 0.7731876063233698, 0.7645712772003765,
            -0.5850866160267516, -0.7729070455862799, 0.12622676231147714, 0.7072603974836579, 0.2613518660290994,
            0.3593678435768265, -0.8238013036303179, -0.8982063938801499, 0.4196733833802315, 1.0884582165196062,
            -0.4097905866232301, -1.0049294399561666, -0.10614390148960065, 0.9383422927739521, 0.6485048272080922,
            -0.9124676298871239, -0.6685767958458726, 0.5761061600632742, 0.9689899212646902, 0.0008766825271357137,
            -1.0140097195565856, 0.03580608098507374, 1.1482637755835796, 0.59489155541951, -0.8380790860710523
    };
    private static final double[] SLL_2_TO_3_K3_5X4 = {
            0.879396320432868, -0.09264486325379982, -0.910384748004066, -0.43781041812222365, 0.5859619849408017,
            -0.6203283893324821, -0.9360560933361608, 0.1465060970026082, -0.13290873422300775, -0.990972093114982,
            -0.4065019946626939, 0.7668573090239019, -0.7781033228178128, -0.8757980421016921, 0.3129182931537652,
            1.0177679275055433, -0.931648440237077, -0.2452125659252425, 0.7638066901511176, 0.6846072192146311,
            0.3289651094295601, -0.8468136430090687, -0.761129828762077, 0.47740957020187885, -0.4818818297553642,
            -1.0229675963549667, -0.12676080682853635, 0.8806122694338654, -0.9174555723407636, -0.6647125126318308,
            0.5466947173233001, 0.9392644789930388, -0.946995510232577, -0.02481565004134648, 0.9187571716798476,
            0.5086080730444852, -0.6638631578021046, 0.5992467912171628, 0.9328773897614466, -0.17445695104286071,
            0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
    };

    private static SllConv2d fixed(int cin, int cout, int k, int h, int w) {
        SllConv2d l = new SllConv2d("sll", new int[] {cin, h, w}, cout, k, Padding.CIRCULAR, true, 1);
        l.initialise(DataType.DOUBLE);
        double[][][][] kernel = new double[cin][cin][k][k];
        for (int i = 0; i < cin; i++) {
            for (int c = 0; c < cin; c++) {
                for (int p = 0; p < k; p++) {
                    for (int q = 0; q < k; q++) {
                        kernel[i][c][p][q] = 0.5 * Math.sin(1 + i + 2 * c + 3 * p + 5 * q);
                    }
                }
            }
        }
        double[] theta = new double[cin];
        double[] b = new double[cin];
        for (int i = 0; i < cin; i++) {
            theta[i] = 0.3 * i - 0.2;
            b[i] = 0.1 * (i + 1);
        }
        List<Parameter> p = l.parameters();
        p.get(0).value().assign(Nd4j.createFromArray(ConvOps.oihwToYxio(kernel)).reshape(k, k, cin, cin));
        p.get(1).value().assign(Nd4j.createFromArray(theta));
        p.get(2).value().assign(Nd4j.createFromArray(b));
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

    private static LayerCertificate certify(PlainResidual r) {
        int[] s = r.inputShape();
        return ResidualCertifier.certify("sll", r.kernel(), r.t(), s[1], s[2], r.padding());
    }

    @Test
    void sllConv_forwardMatchesAuthorsLayer_torchReference_evenAndOddK() {
        Object[][] cases = {{3, 2, 2, 4, 5, SLL_3_TO_2_K2_4X5}, {2, 3, 3, 5, 4, SLL_2_TO_3_K3_5X4}};
        for (Object[] c : cases) {
            int cin = (int) c[0];
            SllConv2d l = fixed(cin, (int) c[1], (int) c[2], (int) c[3], (int) c[4]);
            l.prepare(false);
            double[] got = LayerTesting.sample(l.forward(fixedImage(cin, (int) c[3], (int) c[4])), 0);
            double[] want = (double[]) c[5];
            assertEquals(want.length, got.length, "output size");
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-12, cin + "→" + c[1] + " k=" + c[2] + ": output " + i);
            }
        }
    }

    @Test
    void sllConv_exportIsTheForward_conditionHolds_certifiedAtMostOne_bothPaddings() {
        int[][] cases = {{3, 3, 2}, {4, 2, 3}, {2, 5, 3}, {3, 3, 1}};
        for (int[] c : cases) {
            for (Padding p : Padding.values()) {
                SllConv2d l = new SllConv2d("sll", new int[] {c[0], 5, 4}, c[1], c[2], p, true, 7);
                LayerTesting.Built built = LayerTesting.build(l, DataType.DOUBLE);
                PlainResidual plain = l.export();
                String what = c[0] + "→" + c[1] + " k=" + c[2] + " " + p;
                INDArray x = LayerTesting.gaussian(3, DataType.DOUBLE, 2, c[0], 5, 4);
                assertEquals(0.0, LayerTesting.maxDiffToExport(built, plain, x), 1e-12, what + ": forward = export");
                LayerCertificate cert = certify(plain);
                assertTrue(cert.bound() <= 1 + 1e-9, what + ": certified " + cert.bound() + " (" + cert.method() + ")");
            }
        }
    }

    /**
     * The map is piecewise smooth in K (ReLU of Ax + b, and |G| in T): a stencil of ±2h that straddles a kink
     * averages two slopes, so the seed gives weights with no kink within 2h of the checked entries (seed 5 had one in
     * K, 0.5 % off, while x, q and b matched to 1e-10).
     */
    @Test
    void sllConv_gradientsMatchFiniteDifferences() {
        int[][] cases = {{2, 3, 2}, {3, 2, 3}};
        for (int[] c : cases) {
            SllConv2d l = new SllConv2d("sll", new int[] {c[0], 4, 3}, c[1], c[2], Padding.CIRCULAR, true, 6);
            var r = GradientTesting.check(l, 1, 41, 16);
            assertTrue(GradientTesting.worst(r) <= 1e-5, c[0] + "→" + c[1] + " k=" + c[2] + ": " + r);
        }
    }

    @Test
    void sllConv_sampledLipschitzAttack_neverExceedsCertificate() {
        SllConv2d l = new SllConv2d("sll", new int[] {3, 4, 4}, 3, 2, Padding.CIRCULAR, true, 23);
        l.initialise(DataType.DOUBLE);
        LayerCertificate cert = certify(l.export());
        double attack = LipschitzAttack.largestRatio(LipschitzAttack.of(List.of(l)), l.inputShape(), 2, 30, 7);
        assertTrue(attack <= cert.bound() * (1 + 1e-12), "attack " + attack + " vs certified " + cert.bound());
        // The residual keeps the directions A does not see: the layer is not contracting everywhere.
        assertTrue(attack > 0.99, "attack " + attack);
    }
}
