package dev.lipschitzw1.critic.layers.conv.ossn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.FftConvCertifier;
import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.ConvOps;
import dev.lipschitzw1.critic.layers.GradientTesting;
import dev.lipschitzw1.critic.layers.LayerTesting;
import dev.lipschitzw1.critic.layers.PlainConv;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class OssnConv2dTest {

    private static OssnConv2d layer(OssnConfig cfg) {
        return new OssnConv2d("ossn", new int[] {3, 4, 4}, 4, 3, Padding.CIRCULAR, true, cfg, 9);
    }

    @Test
    void ossnForward_gradientsMatchFiniteDifferences_throughSigma() {
        OssnConv2d l = layer(OssnConfig.DEFAULT);
        var r = GradientTesting.check(l, 2, 51, 60);
        assertTrue(GradientTesting.worst(r) <= 1e-6, "OSSN in-forward (gradient through σ̂): " + r);
    }

    @Test
    void ossnPowerIteration_convergesToExactNorm_andExportIsWOverMaxOneSigma() {
        OssnConv2d l = layer(OssnConfig.DEFAULT);
        LayerTesting.Built built = LayerTesting.build(l, DataType.DOUBLE);
        // Enlarge W so that its norm exceeds 1 and the division is active.
        l.parameters().get(0).value().muli(5);
        for (int i = 0; i < 300; i++) {
            l.beforeTrainingStep();
        }
        double[][][][] raw = ConvOps.yxioToOihw(l.parameters().get(0).value());
        double exact = FftConvCertifier.spectralNorm(raw, 4, 4, Padding.CIRCULAR).value();
        double sigma = l.sigmaEstimate();
        assertTrue(exact > 1, "test needs ‖W‖ > 1, got " + exact);
        assertEquals(exact, sigma, 1e-8 * exact, "σ̂ after 300 power-iteration steps vs exact norm");
        PlainConv plain = l.export();
        double exported = FftConvCertifier.spectralNorm(plain.kernel(), 4, 4, Padding.CIRCULAR).value();
        assertEquals(exact / sigma, exported, 1e-8, "exported kernel is W / max(1, σ̂)");
        INDArray x = LayerTesting.gaussian(3, DataType.DOUBLE, 2, 3, 4, 4);
        assertEquals(0.0, LayerTesting.maxDiffToExport(built, plain, x), 1e-12, "forward equals export");
    }

    @Test
    void ossnInPlace_projectionBringsNormToOne_afterConvergedPowerIteration() {
        OssnConv2d l = layer(new OssnConfig(300, OssnConfig.Mode.IN_PLACE));
        LayerTesting.Built built = LayerTesting.build(l, DataType.DOUBLE);
        l.parameters().get(0).value().muli(7);
        l.afterTrainingStep();
        double norm = FftConvCertifier.spectralNorm(l.export().kernel(), 4, 4, Padding.CIRCULAR).value();
        assertEquals(1.0, norm, 1e-8, "‖W‖ after the in-place projection with a converged estimate");
    }
}
