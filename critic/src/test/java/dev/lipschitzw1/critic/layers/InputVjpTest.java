package dev.lipschitzw1.critic.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.conv.bcop.BcopConv2d;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.errors.UnsupportedLayerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The explicit input VJPs of the gradient-penalty critic's layers, in float64, against two oracles:
 * SameDiff's own first-order input gradient of ⟨u, layer(x)⟩ (itself checked against finite differences in
 * {@link LayerGradientTest}), and for the linear layers the adjoint identity ⟨u, A x⟩ = ⟨Aᵀ u, x⟩, which does not use
 * SameDiff's backward pass at all.
 */
class InputVjpTest {

    /** Relative tolerance: both sides are the same sums in another order (float64 rounding, ~1e-15). */
    private static final double TOL = 1e-12;

    private static List<LipschitzLayer> gpLayers() {
        int[] s = {4, 6, 4};
        return List.of(new ZeroPad("pad", new int[] {2, 5, 4}, 1, 2, 0, 3), new PixelUnshuffle("pu", s, 2),
                new NearestUpsample("up", s, 2), new Flatten("flat", s), new Flatten("flatDense", new int[] {6}),
                new LeakyRelu("leaky25", s, 0.25), new LeakyRelu("leaky20", s, 0.2), new LeakyRelu("relu", s, 0.0),
                new Conv2d("c2zero", new int[] {3, 4, 6}, 5, 2, Padding.ZERO, true, 5),
                new Conv2d("c3zero", new int[] {2, 5, 4}, 3, 3, Padding.ZERO, false, 6),
                new Conv2d("c4zero", new int[] {2, 6, 6}, 2, 4, Padding.ZERO, true, 7),
                new Conv2d("c2circ", new int[] {3, 4, 5}, 2, 2, Padding.CIRCULAR, true, 8),
                new Conv2d("c3circ", new int[] {2, 3, 4}, 4, 3, Padding.CIRCULAR, false, 9),
                new Conv2d("c1", new int[] {3, 4, 4}, 2, 1, Padding.ZERO, true, 10),
                new Dense("dense31", 7, 1, true, 11), new Dense("dense73", 7, 3, true, 12),
                new Dense("dense13", 1, 3, false, 13));
    }

    /** [vjp, SameDiff's gradient, x, u] of one layer on a batch. */
    private static INDArray[] vjpAndGradient(LipschitzLayer layer, int batch, long seed) {
        SameDiffSessions.install();
        SameDiff sd = SameDiff.create();
        INDArray x0 = LayerTesting.gaussian(seed, DataType.DOUBLE, batch, layer.inputShape());
        INDArray u0 = LayerTesting.gaussian(seed + 1, DataType.DOUBLE, batch, layer.outputShape());
        SDVariable x = sd.var("x", x0);
        SDVariable y = layer.apply(sd, x);
        SDVariable u = sd.constant("u", u0);
        SDVariable vjp = layer.inputVjp(sd, x, u);
        sd.setLossVariables(sd.sum("inner", y.mul(u)));
        INDArray got = sd.output(Map.of(), vjp.name()).get(vjp.name()).dup();
        INDArray want = sd.calculateGradients(Map.of(), "x").get("x").dup();
        return new INDArray[] {got, want, x0, u0};
    }

    private static double relDiff(INDArray got, INDArray want) {
        return got.sub(want).amaxNumber().doubleValue() / Math.max(1e-300, want.amaxNumber().doubleValue());
    }

    @Test
    void inputVjp_equalsSameDiffInputGradient_everyGpLayer_float64() {
        List<String> report = new ArrayList<>();
        for (LipschitzLayer layer : gpLayers()) {
            for (int batch : new int[] {1, 3}) {
                INDArray[] r = vjpAndGradient(layer, batch, 40 + batch);
                assertEquals(List.of(r[1].shape()[0], r[1].length()), List.of(r[0].shape()[0], r[0].length()),
                        layer.name() + " shape");
                double e = relDiff(r[0].reshape(r[1].shape()), r[1]);
                report.add(layer.name() + "/N" + batch + " " + String.format("%.1e", e));
                assertTrue(e <= TOL, layer.name() + " N=" + batch + ": VJP vs SameDiff gradient, rel. error " + e);
            }
        }
        System.out.println("explicit VJP vs SameDiff input gradient: " + report);
    }

    /** Oracle: the adjoint identity ⟨u, A x⟩ = ⟨Aᵀu, x⟩ for the linear layers (bias removed by A x = f(x) − f(0)). */
    @Test
    void inputVjp_satisfiesAdjointIdentity_linearLayers_float64() {
        for (LipschitzLayer layer : gpLayers()) {
            if (layer instanceof LeakyRelu) {
                continue;
            }
            INDArray[] r = vjpAndGradient(layer, 2, 50);
            LayerTesting.Built built = LayerTesting.build(layer, DataType.DOUBLE);
            INDArray ax = built.run(r[2]).sub(built.run(Nd4j.zerosLike(r[2])));
            double lhs = ax.reshape(-1).mul(r[3].reshape(-1)).sumNumber().doubleValue();
            double rhs = r[0].reshape(-1).mul(r[2].reshape(-1)).sumNumber().doubleValue();
            double scale = ax.reshape(-1).norm2Number().doubleValue() * r[3].reshape(-1).norm2Number().doubleValue();
            assertEquals(lhs, rhs, 1e-13 * scale, layer.name() + ": ⟨u, Ax⟩ = ⟨Aᵀu, x⟩");
        }
    }

    /** The fold of circular padding, wrapping twice, against SameDiff's gradient of the slice/concat padding. */
    @Test
    void circularPadAdjoint_equalsSameDiffGradient_wrapsTwice() {
        SameDiffSessions.install();
        SameDiff sd = SameDiff.create();
        INDArray x0 = LayerTesting.gaussian(60, DataType.DOUBLE, 2, 2, 3, 2);
        INDArray u0 = LayerTesting.gaussian(61, DataType.DOUBLE, 2, 2, 3 + 4 + 1, 2 + 3 + 2);
        SDVariable x = sd.var("x", x0);
        SDVariable u = sd.constant("u", u0);
        SDVariable y = CircularPad.apply(sd, x, 3, 2, 4, 1, 3, 2);
        SDVariable adj = CircularPad.adjoint(sd, u, 3, 2, 4, 1, 3, 2);
        sd.setLossVariables(sd.sum("inner", y.mul(u)));
        INDArray want = sd.calculateGradients(Map.of(), "x").get("x");
        INDArray got = sd.output(Map.of(), adj.name()).get(adj.name());
        assertTrue(relDiff(got, want) <= TOL, "circular fold vs gradient: " + relDiff(got, want));
    }

    @Test
    void layersWithoutVjp_throwUnsupportedLayerException_namingTheLayer() {
        LipschitzLayer[] layers = {new MaxMin("stage1.act", new int[] {4, 2, 2}),
            new BcopConv2d("stage1.conv", new int[] {4, 4, 4}, 4, 2, Padding.CIRCULAR, true, BjorckConfig.TRAINING, 1),
            new BjorckLinear("head", 8, 1, true, BjorckConfig.TRAINING, 2)};
        for (LipschitzLayer layer : layers) {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.var("x", LayerTesting.gaussian(1, DataType.DOUBLE, 1, layer.inputShape()));
            SDVariable y = layer.apply(sd, x);
            UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class,
                    () -> layer.inputVjp(sd, x, y));
            assertEquals(layer.name(), e.layer());
            assertEquals(layer.kind(), e.kind());
            assertTrue(e.getMessage().contains(layer.name()) && e.getMessage().contains("GP critic"), e.getMessage());
        }
    }
}
