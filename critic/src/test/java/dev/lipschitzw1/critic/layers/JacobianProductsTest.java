package dev.lipschitzw1.critic.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.GradientCheck;
import dev.lipschitzw1.critic.certify.Padding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient-penalty hooks of the GP critic's layers in float64, against oracles that do not use them:
 * <ul>
 *   <li>J r against the central difference (layer(x + h r) − layer(x − h r)) / 2h (exact for the linear layers, and
 *       for the piecewise-linear ones away from kinks: h = 1e-6 on Gaussian inputs never crosses one);</li>
 *   <li>the adjoint identity ⟨u, J r⟩ = ⟨Jᵀ u, r⟩ with Jᵀ u = backward(u) (no accumulation);</li>
 *   <li>∂⟨J_θ r, u⟩/∂θ ({@link LipschitzLayer#accumulateBilinear}) against five-point finite differences in θ of
 *       ⟨jvp(r), u⟩.</li>
 * </ul>
 */
class JacobianProductsTest {

    private static final double TOL = 1e-9;

    private static List<LipschitzLayer> gpLayers() {
        int[] s = {4, 6, 4};
        return List.of(new ZeroPad("pad", new int[] {2, 5, 4}, 1, 2, 0, 3), new PixelUnshuffle("pu", s, 2),
                new NearestUpsample("up", s, 2), new Flatten("flat", s), new Flatten("flatDense", new int[] {6}),
                new LeakyRelu("leaky25", s, 0.25), new LeakyRelu("leaky20", s, 0.2), new LeakyRelu("relu", s, 0.0),
                new MaxMin("maxmin", s), new GroupSort("gs4", s, 4),
                new Conv2d("c2zero", new int[] {3, 4, 6}, 5, 2, Padding.ZERO, true, 5),
                new Conv2d("c3zero", new int[] {2, 5, 4}, 3, 3, Padding.ZERO, false, 6),
                new Conv2d("c4zero", new int[] {2, 6, 6}, 2, 4, Padding.ZERO, true, 7),
                new Conv2d("c2circ", new int[] {3, 4, 5}, 2, 2, Padding.CIRCULAR, true, 8),
                new Conv2d("c3circ", new int[] {2, 3, 4}, 4, 3, Padding.CIRCULAR, false, 9),
                new Conv2d("c1", new int[] {3, 4, 4}, 2, 1, Padding.ZERO, true, 10),
                new StridedConv2d("s4k2", new int[] {3, 6, 4}, 5, 4, 2, true, 14),
                new StridedConv2d("s3k3", new int[] {2, 6, 3}, 3, 3, 3, false, 15),
                new Dense("dense31", 7, 1, true, 11), new Dense("dense73", 7, 3, true, 12),
                new Dense("dense13", 1, 3, false, 13));
    }

    private static double relDiff(INDArray got, INDArray want) {
        return got.sub(want).amaxNumber().doubleValue() / Math.max(1e-300, want.amaxNumber().doubleValue());
    }

    @Test
    void jvp_equalsCentralDifferenceAndAdjointOfBackward_everyGpLayer_float64() {
        List<String> failures = new ArrayList<>();
        for (LipschitzLayer layer : gpLayers()) {
            layer.initialise(DataType.DOUBLE);
            for (int batch : new int[] {1, 3}) {
                INDArray x = LayerTesting.gaussian(40 + batch, DataType.DOUBLE, batch, layer.inputShape());
                INDArray r = LayerTesting.gaussian(50 + batch, DataType.DOUBLE, batch, layer.inputShape());
                INDArray u = LayerTesting.gaussian(60 + batch, DataType.DOUBLE, batch, layer.outputShape());
                double h = 1e-6;
                layer.prepare(false);
                INDArray plus = layer.forward(x.add(r.mul(h))).dup();
                INDArray minus = layer.forward(x.sub(r.mul(h))).dup();
                INDArray numeric = plus.sub(minus).divi(2 * h);
                layer.forward(x);
                INDArray jr = layer.jvp(r);
                double e1 = relDiff(jr.reshape(numeric.shape()), numeric);
                double lhs = u.reshape(jr.shape()).mul(jr).sumNumber().doubleValue();
                double rhs = layer.backward(u.reshape(jr.shape()), false).reshape(r.shape()).mul(r).sumNumber()
                        .doubleValue();
                double e2 = Math.abs(lhs - rhs) / Math.max(1e-300, Math.abs(lhs));
                if (!(e1 <= 1e-6) || !(e2 <= 1e-12)) {
                    failures.add(layer.name() + "/N" + batch + ": jvp vs differences " + e1 + ", adjoint " + e2);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("; ", failures));
    }

    @Test
    void bilinearGradient_matchesFiniteDifferences_convAndDense_float64() {
        List<String> failures = new ArrayList<>();
        for (LipschitzLayer layer : gpLayers()) {
            if (!(layer instanceof SameShapeConv2d) && !(layer instanceof AffineLayer)
                    && !(layer instanceof StridedConv2d)) {
                continue;
            }
            layer.initialise(DataType.DOUBLE);
            INDArray x = LayerTesting.gaussian(70, DataType.DOUBLE, 2, layer.inputShape());
            INDArray r = LayerTesting.gaussian(71, DataType.DOUBLE, 2, layer.inputShape());
            INDArray u = LayerTesting.gaussian(72, DataType.DOUBLE, 2, layer.outputShape());
            for (Parameter p : layer.parameters()) {
                p.zeroGrad();
            }
            layer.prepare(true);
            layer.forward(x);
            INDArray uu = u.reshape(layer.jvp(r).shape());
            layer.accumulateBilinear(r, uu);
            layer.finishBackward();
            Parameter weight = layer.parameters().get(0);
            INDArray analytic = weight.grad().dup();
            GradientCheck.Result res = GradientCheck.check(weight.value(), () -> {
                layer.prepare(false);
                layer.forward(x);
                return layer.jvp(r).mul(uu).sumNumber().doubleValue();
            }, analytic, 60, 73);
            if (!(res.maxRelError() <= TOL)) {
                failures.add(layer.name() + ": " + res);
            }
        }
        assertTrue(failures.isEmpty(), String.join("; ", failures));
    }
}
