package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.GradientCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finite-difference gradient checks of one layer in float64: the input is a VARIABLE "x" (so its gradient exists),
 * the loss is ⟨R, layer(x)⟩ with a fixed Gaussian R (a generic linear functional of the output).
 */
public final class GradientTesting {

    private GradientTesting() {
    }

    /** Results by variable name ("x" and every parameter of the layer). */
    public static Map<String, GradientCheck.Result> check(LipschitzLayer layer, int batch, long seed, int maxEntries) {
        SameDiffSessions.install();
        SameDiff sd = SameDiff.create();
        INDArray x0 = LayerTesting.gaussian(seed, DataType.DOUBLE, batch, layer.inputShape());
        SDVariable x = sd.var("x", x0);
        SDVariable y = layer.apply(sd, x);
        INDArray r = LayerTesting.gaussian(seed + 1, DataType.DOUBLE, batch, layer.outputShape());
        SDVariable loss = sd.sum("fdLoss", y.mul(sd.constant("fdR", r)));
        sd.setLossVariables(loss);
        List<String> names = new ArrayList<>(layer.parameterNames());
        names.add(0, "x");
        Map<String, GradientCheck.Result> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, GradientCheck.check(sd, "fdLoss", n, Map.of(), maxEntries, seed + 2));
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
