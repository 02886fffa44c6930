package dev.lipschitzw1.critic.layers.conv.ossn;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.ConvOps;
import dev.lipschitzw1.critic.layers.ParameterInit;
import dev.lipschitzw1.critic.layers.PlainConv;
import dev.lipschitzw1.critic.layers.SameShapeConv2d;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-sided spectral normalisation (OSSN) of a stride-1 convolution, as LConvNet's {@code OSSN} layer. With A_W the
 * padded convolution operator of kernel W on this layer's map size
 * ({@link dev.lipschitzw1.critic.layers.ConvOps}; circular by default, as LConvNet) and persistent unit vectors u
 * (output-shaped) and v (input-shaped), each training step first runs {@code powerIterations} steps
 * <pre>  v ← A_Wᵀu / ‖A_Wᵀu‖,   u ← A_W v / ‖A_W v‖,   σ̂(W) = ⟨u, A_W v⟩,   factor = max(1, σ̂)  </pre>
 * (u starts as a seeded random unit vector). {@link OssnConfig.Mode#IN_FORWARD}: the layer convolves with
 * W / max(1, σ̂(W)), σ̂ evaluated from the stored u, v, with gradients flowing through it.
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
        super("OSSN", "W", name, inputShape, cout, k, padding, bias, seed);
        this.config = config;
    }

    private INDArray u;
    private INDArray v;
    private double sigma;

    /** W, b uniform in ±1/√(cin·k²) (PyTorch's {@code Conv2d}); then u a seeded random unit vector. */
    @Override
    protected INDArray initialRaw(DataType dataType, SplittableRandom rng) {
        return pytorchUniformKernel(dataType, rng);
    }

    @Override
    protected double biasBound() {
        return pytorchBound();
    }

    @Override
    public void initialise(DataType dataType) {
        super.initialise(dataType);
        SplittableRandom rng = new SplittableRandom(seed);
        // The same stream as the parameters, after them (as the graph form drew them): W, b, then u.
        ParameterInit.uniform(k * k * inputShape[0] * cout + cout, 1, rng);
        double[] u0 = new double[cout * inputShape[1] * inputShape[2]];
        for (int i = 0; i < u0.length; i++) {
            u0[i] = rng.nextGaussian();
        }
        normalise(u0);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            u = ParameterInit.array(u0, dataType, 1, cout, inputShape[1], inputShape[2]);
            v = Nd4j.zeros(dataType, 1, inputShape[0], inputShape[1], inputShape[2]);
        }
        if (config.mode() == OssnConfig.Mode.IN_FORWARD) {
            powerIterate();
        } else {
            project();
        }
    }

    /** u and v: not trained, but they define the kernel the forward pass uses (IN_FORWARD). */
    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        s.put(name + "/u", u);
        s.put(name + "/v", v);
        return s;
    }

    /** IN_FORWARD: K = W / max(1, σ̂(W)) with σ̂(W) = ⟨u, A_W v⟩ for the stored u, v; IN_PLACE: K = W. */
    @Override
    protected INDArray buildKernel(INDArray w, boolean training) {
        if (config.mode() == OssnConfig.Mode.IN_PLACE) {
            return w;
        }
        double s = u.mul(ConvOps.convolve(v, w, null, k, padding)).sumNumber().doubleValue();
        if (training) {
            sigma = s;
        }
        return s > 1 ? w.mul(1 / s) : w;
    }

    /**
     * IN_FORWARD with σ̂ &gt; 1: ∂L/∂W = G/σ̂ − (⟨G, W⟩/σ̂²)·∂σ̂/∂W, where ∂σ̂/∂W is the weight gradient of
     * ⟨u, A_W v⟩ (σ̂ is linear in W); otherwise G.
     */
    @Override
    protected INDArray rawGradient(INDArray g) {
        if (config.mode() == OssnConfig.Mode.IN_PLACE || !(sigma > 1)) {
            return g;
        }
        INDArray w = raw().value();
        double dot = g.mul(w).sumNumber().doubleValue();
        INDArray dSigma = ConvOps.weightGradient(v, w, u.castTo(w.dataType()), k, padding);
        return g.mul(1 / sigma).subi(dSigma.muli(dot / (sigma * sigma)));
    }

    /** IN_FORWARD: refreshes u, v by power iteration on the current W before the step's forward pass. */
    @Override
    public void beforeTrainingStep() {
        if (config.mode() == OssnConfig.Mode.IN_FORWARD) {
            powerIterate();
        }
    }

    /** IN_PLACE: power iteration on the updated W, then W ← W / max(1, σ̂). */
    @Override
    public void afterTrainingStep() {
        if (config.mode() == OssnConfig.Mode.IN_PLACE) {
            project();
        }
    }

    /** The current estimate σ̂(W) = ⟨u, A_W v⟩ for the raw weights W and the stored u, v, in double. */
    public double sigmaEstimate() {
        PlainConv a = rawOperator();
        return dot(ConvOps.toDoubles(u), a.applyLinear(ConvOps.toDoubles(v)));
    }

    private void project() {
        powerIterate();
        double s = sigmaEstimate();
        if (s > 1) {
            raw().value().muli(1.0 / s);
        }
    }

    private void powerIterate() {
        PlainConv a = rawOperator();
        double[] uu = ConvOps.toDoubles(u);
        double[] vv = null;
        for (int t = 0; t < config.powerIterations(); t++) {
            vv = normalise(a.applyTranspose(uu));
            uu = normalise(a.applyLinear(vv));
        }
        u.assign(Nd4j.createFromArray(uu).reshape(u.shape()).castTo(u.dataType()));
        v.assign(Nd4j.createFromArray(vv).reshape(v.shape()).castTo(v.dataType()));
    }

    private PlainConv rawOperator() {
        return new PlainConv(name, kind(), ConvOps.yxioToOihw(raw().value()), null, inputShape, padding);
    }

    private static double[] normalise(double[] x) {
        double n = Math.sqrt(dot(x, x));
        double s = 1 / Math.max(n, EPS);
        for (int i = 0; i < x.length; i++) {
            x[i] *= s;
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
