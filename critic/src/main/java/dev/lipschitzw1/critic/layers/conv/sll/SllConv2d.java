package dev.lipschitzw1.critic.layers.conv.sll;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.ConvOps;
import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.Parameter;
import dev.lipschitzw1.critic.layers.ParameterInit;
import dev.lipschitzw1.critic.layers.PlainResidual;
import dev.lipschitzw1.critic.orthogonal.GramKernel;
import dev.lipschitzw1.critic.tensor.Ops;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * SDP-based Lipschitz residual convolution (SLL; Araujo et al., ICLR 2023, their {@code SDPBasedLipschitzConvLayer}),
 * stride 1, cin = inner channels, followed by a channel adapter to cout:
 * <pre>
 *   u = A x + b,   z = x − 2 Aᵀ T⁻¹ ReLU(u),   y = z zero-padded (cout &gt; cin) or truncated (cout &lt; cin)
 *   T = diag(t),   t_i = ε + Σ_j H_ij q_j / q_i,   H_ij = Σ_Δ |G[Δ][i, j]|,   q = exp(θ)
 * </pre>
 * with A the convolution of K [k, k, cin, inner] (YXIO) and G the Gram kernel of AAᵀ ({@link GramKernel} of K with
 * its channel axes swapped). T − AAᵀ is diagonally dominant after the scaling by q, so T ⪰ AAᵀ and, by the authors'
 * Theorem 3, the residual map is 1-Lipschitz; nonlinear, it is certified by checking that condition on the exported
 * weights ({@link dev.lipschitzw1.critic.certify.ResidualCertifier}: max(1, 2‖T^(−1/2)A‖² − 1)). ε = {@value #EPSILON}.
 *
 * <p>Backward: with g the upstream gradient (through the adapter), r = T⁻¹ReLU(u), g_r = −2 A g,
 * <pre>
 *   ∂L/∂x = g + Aᵀ(T⁻¹ 1[u &gt; 0] ⊙ g_r),   ∂L/∂K ∋ −2·∂⟨A g, r⟩/∂K + ∂⟨T⁻¹ 1[u &gt; 0] ⊙ g_r, A x⟩/∂K,
 *   ∂L/∂t_i = −Σ g_r ⊙ ReLU(u) / t_i²,   ∂L/∂H_ij = ∂L/∂t_i · q_j / q_i,   ∂L/∂θ = q ⊙ Hᵀ(∂L/∂t ⊘ q) − ∂L/∂t ⊙ (t − ε)
 * </pre>
 * and ∂L/∂G = ∂L/∂H ⊙ sign(G) through {@link GramKernel#backward}. Parameters: {@code name/K} (Xavier normal, as the
 * authors), {@code name/b} [inner] (uniform ±1/√(cin·k²)), {@code name/q} [inner] (standard normal, as the authors).
 */
public final class SllConv2d implements LipschitzLayer {

    /** Added to each t_i so that T stays invertible. */
    public static final double EPSILON = 1e-12;

    private final String name;
    private final int[] inputShape;
    private final int cout;
    private final int inner;
    private final int k;
    private final Padding padding;
    private final boolean bias;
    private final long seed;
    private Parameter kernel;
    private Parameter biasParameter;
    private Parameter logQ;
    private INDArray kernelT;
    private INDArray gram;
    private INDArray h;
    private INDArray q;
    private INDArray t;
    private INDArray x;
    private INDArray u;
    private INDArray act;
    private INDArray gradKernel;
    private INDArray gradT;

    /**
     * @param inputShape {cin, H, W}
     * @throws InvalidConfigException if a size is not positive
     */
    public SllConv2d(String name, int[] inputShape, int cout, int k, Padding padding, boolean bias, long seed) {
        InvalidConfigException.require(inputShape != null && inputShape.length == 3 && inputShape[0] >= 1
                && inputShape[1] >= 1 && inputShape[2] >= 1, name + ".inputShape",
                inputShape == null ? null : Arrays.toString(inputShape), "{cin, H, W} ≥ 1");
        InvalidConfigException.require(cout >= 1, name + ".outChannels", cout, "≥ 1");
        InvalidConfigException.require(k >= 1, name + ".kernelSize", k, "≥ 1");
        this.name = name;
        this.inputShape = inputShape.clone();
        this.cout = cout;
        this.inner = inputShape[0];
        this.k = k;
        this.padding = padding;
        this.bias = bias;
        this.seed = seed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "SLL";
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int[] outputShape() {
        return new int[] {cout, inputShape[1], inputShape[2]};
    }

    @Override
    public void initialise(DataType dataType) {
        SplittableRandom rng = new SplittableRandom(seed);
        int cin = inputShape[0];
        double std = Math.sqrt(2.0 / ((double) (cin + inner) * k * k));
        double[] w = new double[k * k * cin * inner];
        for (int i = 0; i < w.length; i++) {
            w[i] = std * rng.nextGaussian();
        }
        kernel = new Parameter(name + "/K", ParameterInit.array(w, dataType, k, k, cin, inner));
        double[] q0 = new double[inner];
        for (int i = 0; i < inner; i++) {
            q0[i] = rng.nextGaussian();
        }
        logQ = new Parameter(name + "/q", ParameterInit.array(q0, dataType, inner));
        biasParameter = bias ? new Parameter(name + "/b", ParameterInit.array(
                ParameterInit.uniform(inner, 1 / Math.sqrt((double) cin * k * k), rng), dataType, inner)) : null;
    }

    @Override
    public List<Parameter> parameters() {
        return bias ? List.of(kernel, logQ, biasParameter) : List.of(kernel, logQ);
    }

    /** T's diagonal from K and q (kept for the backward pass). */
    @Override
    public void prepare(boolean training) {
        INDArray[] d = diagonal();
        kernelT = d[0];
        gram = d[1];
        h = d[2];
        q = d[3];
        t = d[4];
        gradKernel = null;
        gradT = null;
    }

    @Override
    public INDArray forward(INDArray input) {
        x = input;
        u = ConvOps.convolve(input, kernel.value(), bias ? biasParameter.value() : null, k, padding);
        act = Transforms.relu(u, true);
        INDArray r = divide(act, t.reshape(1, inner, 1, 1));
        INDArray z = Ops.sub(input, Ops.scale(ConvOps.convolveAdjoint(r, kernel.value(), k, padding), 2.0));
        return adapt(z, cout);
    }

    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        INDArray g = adapt(gradOut, inputShape[0]);
        INDArray gv = Ops.scale(g, -2.0);
        INDArray gr = ConvOps.convolve(gv, kernel.value(), null, k, padding);
        INDArray tb = t.reshape(1, inner, 1, 1);
        INDArray gu = divide(Ops.mul(gr, u.gt(0).castTo(u.dataType())), tb);
        INDArray gx;
        if (accumulate) {
            INDArray r = divide(act, tb);
            addKernelGradient(ConvOps.weightGradient(gv, kernel.value(), r, k, padding));
            INDArray[] parts = ConvOps.backward(ConvOps.padForKernel(x, k, padding), kernel.value(),
                    bias ? biasParameter.value() : null, gu, k, padding);
            addKernelGradient(parts[1]);
            if (bias) {
                biasParameter.accumulate(parts[2]);
            }
            INDArray gt = Ops.mul(gr, act).sum(0, 2, 3).divi(Transforms.pow(t, 2, true)).negi();
            gradT = gradT == null ? gt : gradT.addi(gt);
            gx = parts[0];
        } else {
            gx = ConvOps.convolveAdjoint(gu, kernel.value(), k, padding);
        }
        return Ops.add(g, gx, gx);
    }

    @Override
    public void finishBackward() {
        if (gradT != null) {
            INDArray gtOverQ = divide(gradT, q);
            INDArray gradH = Ops.matmul(gtOverQ.reshape(inner, 1), q.reshape(1, inner), false, false, 1.0);
            INDArray gradLogQ = Ops.mul(q, Ops.matmul(h, gtOverQ.reshape(inner, 1), true, false, 1.0).reshape(inner))
                    .subi(Ops.mul(gradT, t.sub(EPSILON)));
            logQ.accumulate(gradLogQ);
            INDArray gradGram = Transforms.sign(gram, true).muli(gradH.reshape(1, 1, inner, inner)
                    .broadcast(gram.shape()));
            addKernelGradient(GramKernel.backward(kernelT, gradGram).permute(0, 1, 3, 2).dup('c'));
            gradT = null;
        }
        if (gradKernel != null) {
            kernel.accumulate(gradKernel);
            gradKernel = null;
        }
    }

    /** {Kᵀ (channel axes swapped), G, H, q, t} from the current parameters. */
    private INDArray[] diagonal() {
        INDArray kt = kernel.value().permute(0, 1, 3, 2).dup('c');
        INDArray g = GramKernel.of(kt);
        INDArray hh = Transforms.abs(g, true).sum(0, 1);
        INDArray qq = Transforms.exp(logQ.value(), true);
        INDArray tt = divide(Ops.matmul(hh, qq.reshape(inner, 1), false, false, 1.0).reshape(inner), qq)
                .addi(EPSILON);
        return new INDArray[] {kt, g, hh, qq, tt};
    }

    /** The kernel, bias and T the forward pass uses, in double. */
    @Override
    public PlainResidual export() {
        INDArray tt = diagonal()[4];
        double[] b = bias ? ConvOps.toDoubles(biasParameter.value()) : new double[inner];
        return new PlainResidual(name, kind(), ConvOps.yxioToOihw(kernel.value()), b, ConvOps.toDoubles(tt),
                inputShape, cout, padding);
    }

    private void addKernelGradient(INDArray g) {
        gradKernel = gradKernel == null ? g.dup('c') : Ops.add(gradKernel, g, gradKernel);
    }

    /** A new array a / b, b broadcast to a's shape. */
    private static INDArray divide(INDArray a, INDArray b) {
        return Ops.div(a, b, Nd4j.create(a.dataType(), a.shape()));
    }

    /** The first {@code channels} channels of a, zero-padded if a has fewer. */
    private static INDArray adapt(INDArray a, int channels) {
        long have = a.size(1);
        if (have == channels) {
            return a;
        }
        if (have > channels) {
            return a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, channels)).dup('c');
        }
        return Nd4j.concat(1, a, Nd4j.zeros(a.dataType(), a.size(0), channels - have, a.size(2), a.size(3)));
    }
}
