package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.GradientCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finite-difference gradient checks of one layer in float64: the loss is ⟨R, layer(x)⟩ with a fixed Gaussian R (a
 * generic linear functional of the output); the analytic gradients are the layer's own backward pass (input) and the
 * accumulated parameter gradients after {@link LipschitzLayer#finishBackward} (every parameter).
 */
public final class GradientTesting {

    private GradientTesting() {
    }

    /** Results by name ("x" and every parameter of the layer). The layer is initialised here in DOUBLE. */
    public static Map<String, GradientCheck.Result> check(LipschitzLayer layer, int batch, long seed, int maxEntries) {
        layer.initialise(DataType.DOUBLE);
        INDArray x = LayerTesting.gaussian(seed, DataType.DOUBLE, batch, layer.inputShape());
        INDArray r = LayerTesting.gaussian(seed + 1, DataType.DOUBLE, batch, layer.outputShape());
        layer.beforeTrainingStep();
        for (Parameter p : layer.parameters()) {
            p.zeroGrad();
        }
        layer.prepare(true);
        layer.forward(x);
        INDArray gx = layer.backward(r, true).dup();
        layer.finishBackward();
        java.util.function.DoubleSupplier loss = () -> {
            layer.prepare(false);
            return layer.forward(x).mul(r).sumNumber().doubleValue();
        };
        Map<String, GradientCheck.Result> out = new LinkedHashMap<>();
        out.put("x", GradientCheck.check(x, loss, gx, maxEntries, seed + 2));
        for (Parameter p : layer.parameters()) {
            out.put(p.name(), GradientCheck.check(p.value(), loss, p.grad().dup(), maxEntries, seed + 2));
        }
        return out;
    }

    /** The largest relative error over all checked variables, with a description for messages. */
    public static double worst(Map<String, GradientCheck.Result> results) {
        double w = 0;
        for (GradientCheck.Result r : results.values()) {
            w = Math.max(w, r.maxRelError());
        }
        return w;
    }
}
