package dev.lipschitzw1.critic.layers.conv.ossn;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.ConvGraph;
import dev.lipschitzw1.critic.layers.SameShapeConv2d;
import dev.lipschitzw1.critic.layers.ParameterInit;
import dev.lipschitzw1.critic.layers.PlainConv;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-sided spectral normalisation (OSSN) of a stride-1 convolution, as LConvNet's {@code OSSN} layer. With A_W the
 * padded convolution operator of kernel W on this layer's map size ({@link ConvGraph}; circular by default, as
 * LConvNet) and persistent unit vectors u (output-shaped) and v (input-shaped), each training step first runs
 * {@code powerIterations} steps
 * <pre>  v ← A_Wᵀu / ‖A_Wᵀu‖,   u ← A_W v / ‖A_W v‖,   σ̂(W) = ⟨u, A_W v⟩,   factor = max(1, σ̂)  </pre>
 * (u starts as a seeded random unit vector). {@link OssnConfig.Mode#IN_FORWARD}: the layer convolves with
 * W / max(1, σ̂(W)), σ̂ evaluated in the graph from the stored u, v so that gradients flow through it.
 * {@link OssnConfig.Mode#IN_PLACE}: the layer convolves with W, and after each optimiser step (and once at
 * initialisation) W ← W / max(1, σ̂(W)).
 *
 * <p><b>Not certified.</b> σ̂ ≤ ‖A_W‖ and it lags the weights by a step, so ‖A‖ can exceed 1, far so at high learning
 * rates; the certifier reports the true norm of the exported kernel (the one the forward pass uses). Parameters:
 * {@code name/W} [k, k, cin, cout] (YXIO), {@code name/b} [cout]; state (not trained): {@code name/u} [1, cout, H, W],
 * {@code name/v} [1, cin, H, W]. Initialisation as PyTorch's {@code Conv2d}: W, b uniform in ±1/√(cin·k²).
 */
public final class OssnConv2d extends SameShapeConv2d {

    private static final double EPS = 1e-12;

    private final OssnConfig config;

    /**
     * @param inputShape {cin, H, W}
     * @throws InvalidConfigException if a size is not positive
     */
    public OssnConv2d(String name, int[] inputShape, int cout, int k, Padding padding, boolean bias, OssnConfig config,
                      long seed) {
        super("OSSN", "W", "kernel", name, inputShape, cout, k, padding, bias, seed);
        this.config = config;
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable x) {
        SplittableRandom rng = new SplittableRandom(seed);
        DataType dt = x.dataType();
        int cin = inputShape[0];
        int h = inputShape[1];
        int w = inputShape[2];
        double bound = 1 / Math.sqrt((double) cin * k * k);
        double[] w0 = ParameterInit.uniform(k * k * cin * cout, bound, rng);
        double[] b0 = ParameterInit.uniform(cout, bound, rng);
        double[] u0 = new double[cout * h * w];
        for (int i = 0; i < u0.length; i++) {
            u0[i] = rng.nextGaussian();
        }
        normalise(u0);
        SDVariable wVar = sd.var(name + "/W", ParameterInit.array(w0, dt, k, k, cin, cout));
        SDVariable bVar = bias ? sd.var(name + "/b", ParameterInit.array(b0, dt, cout)) : null;
        SDVariable uVar = sd.var(name + "/u", ParameterInit.array(u0, dt, 1, cout, h, w));
        SDVariable vVar = sd.var(name + "/v", Nd4j.zeros(dt, 1, cin, h, w));
        SDVariable kernel;
        if (config.mode() == OssnConfig.Mode.IN_FORWARD) {
            SDVariable av = ConvGraph.convolve(sd, name + "/Av", vVar, wVar, null, h, w, k, padding);
            SDVariable sigma = sd.sum(name + "/sigma", uVar.mul(av));
            SDVariable factor = sd.math().max(sigma, sd.constant(name + "/one", Nd4j.scalar(dt, 1.0)));
            kernel = sd.math().mul(name + "/kernel", wVar, sd.math().reciprocal(factor));
            powerIterate(sd);
        } else {
            kernel = sd.identity(name + "/kernel", wVar);
            project(sd);
        }
        return convolve(sd, x, kernel, bVar);
    }

    /** IN_FORWARD: refreshes u, v by power iteration on the current W before the step's forward pass. */
    @Override
    public void beforeTrainingStep(SameDiff sd) {
        if (config.mode() == OssnConfig.Mode.IN_FORWARD) {
            powerIterate(sd);
        }
    }

    /** IN_PLACE: power iteration on the updated W, then W ← W / max(1, σ̂). */
    @Override
    public void afterTrainingStep(SameDiff sd) {
        if (config.mode() == OssnConfig.Mode.IN_PLACE) {
            project(sd);
        }
    }

    /** The current estimate σ̂(W) = ⟨u, A_W v⟩ for the raw weights W and the stored u, v, in double. */
    public double sigmaEstimate(SameDiff sd) {
        PlainConv a = rawOperator(sd);
        return dot(ConvGraph.toDoubles(sd.getVariable(name + "/u").getArr()),
                a.applyLinear(ConvGraph.toDoubles(sd.getVariable(name + "/v").getArr())));
    }

    private void project(SameDiff sd) {
        powerIterate(sd);
        double sigma = sigmaEstimate(sd);
        if (sigma > 1) {
            INDArray w = sd.getVariable(name + "/W").getArr();
            w.muli(1.0 / sigma);
        }
    }

    private void powerIterate(SameDiff sd) {
        PlainConv a = rawOperator(sd);
        INDArray uArr = sd.getVariable(name + "/u").getArr();
        INDArray vArr = sd.getVariable(name + "/v").getArr();
        double[] u = ConvGraph.toDoubles(uArr);
        double[] v = null;
        for (int t = 0; t < config.powerIterations(); t++) {
            v = normalise(a.applyTranspose(u));
            u = normalise(a.applyLinear(v));
        }
        uArr.assign(Nd4j.createFromArray(u).reshape(uArr.shape()).castTo(uArr.dataType()));
        vArr.assign(Nd4j.createFromArray(v).reshape(vArr.shape()).castTo(vArr.dataType()));
    }

    private PlainConv rawOperator(SameDiff sd) {
        double[][][][] raw = ConvGraph.yxioToOihw(sd.getVariable(name + "/W").getArr());
        return new PlainConv(name, kind(), raw, null, inputShape, padding);
    }

    private static double[] normalise(double[] v) {
        double n = Math.sqrt(dot(v, v));
        double s = 1 / Math.max(n, EPS);
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
