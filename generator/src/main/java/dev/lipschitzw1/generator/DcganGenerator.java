package dev.lipschitzw1.generator;

import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import dev.lipschitzw1.generator.io.Json;
import dev.lipschitzw1.provenance.SourceDigest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import dev.lipschitzw1.critic.network.Workspaces;
import dev.lipschitzw1.critic.tensor.Ops;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DCGAN generator ({@link DcganArchitecture}), run eagerly on the training engine's op contexts:
 * <pre>  G(z) = σ(D_k(ReLU(… ReLU(D_1(reshape(ReLU(z·W₀ + b₀)))) …)))  </pre>
 * with D_i a transposed convolution 4×4, stride 2, padding 1, NCHW. Weight layout of {@code deconv2d} in ND4J
 * 1.0.0-M2.1: [kH, kW, c_out, c_in] — the YXIO array of the convolution c_out → c_in it is the adjoint of (checked in
 * DcganGeneratorTest by ⟨conv(x), y⟩ = ⟨x, deconv(y)⟩ and finite differences in double).
 *
 * <p>Parameters: {@code dense.W} [d, c₀b²], {@code dense.b} [c₀b²], {@code deconvI.W} [4, 4, c_{i+1}, c_i],
 * {@code deconvI.b} [c_{i+1}] for I = 1…k. Initialisation: each tensor U(−1/√fan, 1/√fan) from its own stream
 * {@link StreamSeeds#of(long, String)}("generator:" + name), fan = d for the dense layer and c_in·4²/2² = 4·c_in for a
 * transposed convolution (the number of weights that reach one output pixel).
 *
 * <p>{@link #forward} and its backward pass {@link #pullback} (the vector–Jacobian product Jᵀu that training needs)
 * are libnd4j operations executed directly, in a per-thread workspace: thread-safe, and bit-identical to the SameDiff
 * graph the shipped generators were trained with ({@link #toSameDiff()}, which remains the export format).
 */
public final class DcganGenerator implements LatentModel {
    /** Placeholder of the latents, [n, d]. */
    public static final String INPUT = "z";
    /** Output variable, [n, C, H, W] in [0, 1]. */
    public static final String OUTPUT = "images";

    private final DcganArchitecture architecture;
    private final DataType dataType;
    private final Map<String, INDArray> parameters;

    private DcganGenerator(DcganArchitecture architecture, DataType dataType, Map<String, INDArray> values) {
        this.architecture = architecture;
        this.dataType = dataType;
        Map<String, INDArray> live = new LinkedHashMap<>();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (Map.Entry<String, INDArray> e : values.entrySet()) {
                live.put(e.getKey(), e.getValue().castTo(dataType).dup('c'));
            }
        }
        this.parameters = java.util.Collections.unmodifiableMap(live);
    }

    /** A freshly initialised generator (see the class comment for the scheme). */
    public static DcganGenerator initialise(DcganArchitecture architecture, long seed, DataType dataType) {
        Map<String, INDArray> values = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : parameterShapes(architecture).entrySet()) {
            String name = e.getKey();
            long[] shape = e.getValue();
            double fan = name.startsWith("dense") ? architecture.latentSize() : 4.0 * fanInChannels(architecture, name);
            double bound = 1.0 / Math.sqrt(fan);
            SplittableRandom rng = new SplittableRandom(StreamSeeds.of(seed, "generator:" + name));
            double[] v = new double[(int) Arrays.stream(shape).reduce(1, Math::multiplyExact)];
            for (int i = 0; i < v.length; i++) {
                v[i] = bound * (2 * rng.nextDouble() - 1);
            }
            values.put(name, Nd4j.create(v, shape, 'c').castTo(dataType));
        }
        return new DcganGenerator(architecture, dataType, values);
    }

    /**
     * A generator with the given parameter values (copied), e.g. read from a file.
     *
     * @throws ShapeMismatchException if a tensor is missing or has another shape than the architecture's
     */
    public static DcganGenerator withParameters(DcganArchitecture architecture, Map<String, INDArray> values,
                                                DataType dataType) {
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : parameterShapes(architecture).entrySet()) {
            INDArray v = values.get(e.getKey());
            int[] want = Arrays.stream(e.getValue()).mapToInt(x -> (int) x).toArray();
            if (v == null || !Arrays.equals(e.getValue(), v.shape())) {
                throw new ShapeMismatchException("generator parameter " + e.getKey(), want,
                        v == null ? new int[0] : Arrays.stream(v.shape()).mapToInt(x -> (int) x).toArray());
            }
            ordered.put(e.getKey(), v);
        }
        InvalidConfigException.require(values.size() == ordered.size(), "generator.parameters", values.keySet(),
                "exactly " + ordered.keySet());
        return new DcganGenerator(architecture, dataType, ordered);
    }

    /** Names and shapes of the parameters, in a fixed order. */
    public static Map<String, long[]> parameterShapes(DcganArchitecture a) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        long c0 = a.channels().get(0);
        long hidden = c0 * a.baseSize() * a.baseSize();
        shapes.put("dense.W", new long[] {a.latentSize(), hidden});
        shapes.put("dense.b", new long[] {hidden});
        for (int i = 0; i < a.channels().size(); i++) {
            long cin = a.channels().get(i);
            long cout = i + 1 < a.channels().size() ? a.channels().get(i + 1) : a.output().channels();
            shapes.put("deconv" + (i + 1) + ".W", new long[] {DcganArchitecture.KERNEL, DcganArchitecture.KERNEL, cout,
                cin});
            shapes.put("deconv" + (i + 1) + ".b", new long[] {cout});
        }
        return shapes;
    }

    private static int fanInChannels(DcganArchitecture a, String name) {
        int layer = Integer.parseInt(name.substring("deconv".length(), name.indexOf('.')));
        return a.channels().get(layer - 1);
    }

    /**
     * Builds G(z) into {@code sd} from the given parameter variables (named as in {@link #parameterShapes}).
     *
     * @return the images, [n, C, H, W] in [0, 1]
     */
    static SDVariable build(SameDiff sd, SDVariable z, DcganArchitecture a, Map<String, SDVariable> p) {
        int b = a.baseSize();
        SDVariable h = sd.nn().relu(z.mmul(p.get("dense.W")).add(p.get("dense.b")), 0.0);
        h = h.reshape(-1, a.channels().get(0), b, b);
        int k = a.channels().size();
        for (int i = 1; i <= k; i++) {
            h = sd.cnn().deconv2d(h, p.get("deconv" + i + ".W"), p.get("deconv" + i + ".b"), deconvConfig());
            h = i < k ? sd.nn().relu(h, 0.0) : sd.nn().sigmoid(h);
        }
        return h;
    }

    /** 4×4 transposed convolution, stride 2, padding 1, NCHW: doubles the side. */
    static DeConv2DConfig deconvConfig() {
        return DeConv2DConfig.builder().kH(DcganArchitecture.KERNEL).kW(DcganArchitecture.KERNEL).sH(2).sW(2).pH(1)
                .pW(1).dH(1).dW(1).isSameMode(false).dataFormat("NCHW").build();
    }

    public DcganArchitecture architecture() {
        return architecture;
    }

    /** The graph's floating-point type (FLOAT for training and sampling, DOUBLE for gradient checks). */
    public DataType dataType() {
        return dataType;
    }

    @Override
    public int latentSize() {
        return architecture.latentSize();
    }

    @Override
    public ImageShape shape() {
        return architecture.output();
    }

    /**
     * SHA-256 of the architecture (its JSON) and of every parameter in order (name, shape, float32 values:
     * {@link SourceDigest#update}).
     */
    @Override
    public String digest() {
        MessageDigest sha = SourceDigest.newSha256();
        sha.update(Json.write(architecture).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            INDArray v = e.getValue();
            SourceDigest.update(sha, e.getKey(), v.shape(), v.castTo(DataType.FLOAT).dup('c').data().asFloat());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The live parameter arrays, by name in a fixed order; training updates them in place. Callers that keep values
     * must copy them.
     */
    public Map<String, INDArray> parameters() {
        return parameters;
    }

    /**
     * G(z) in the generator's type, [n, d] → [n, C, H, W], executed eagerly: the same libnd4j operations the SameDiff
     * graph runs ({@code matmul}, {@code add}, {@code relu}, {@code deconv2d}, {@code sigmoid}), in the same order, so
     * the images are bit-identical to the graph's on the same thread count (tested on the shipped generators), but
     * without the graph's session: thread-safe, and every temporary lives in the calling thread's
     * {@link #WORKSPACE}. The result is moved to the caller's workspace, or detached if there is none.
     */
    public INDArray forward(INDArray z) {
        INDArray zt = z.dataType() == dataType ? z : z.castTo(dataType);
        try (MemoryWorkspace ws = Workspaces.open(WORKSPACE)) {
            return eagerForward(zt).leverage();   // into the caller's workspace, or detached if none
        }
    }

    /** The workspace of {@link #forward} and {@link #pullback} ({@link Workspaces#open}: per thread, reused). */
    public static final String WORKSPACE = "w1-generator";

    /**
     * The forward pass, keeping what the backward pass needs: {@code inputs[0]} = z and {@code inputs[i]} the input of
     * transposed convolution i; {@code pre[0]} the dense pre-activation and {@code pre[i]} deconvolution i's.
     */
    private record Trace(INDArray[] inputs, INDArray[] pre, INDArray images) { }

    private INDArray eagerForward(INDArray z) {
        return trace(z).images();
    }

    private Trace trace(INDArray z) {
        DcganArchitecture a = architecture;
        int k = a.channels().size();
        INDArray[] inputs = new INDArray[k + 1];
        INDArray[] pre = new INDArray[k + 1];
        long n = z.size(0);
        int b = a.baseSize();
        INDArray w0 = parameters.get("dense.W");
        INDArray h = Ops.matmul(z, w0, Nd4j.create(dataType, n, w0.size(1)), false, false, 1.0, 0.0);
        Ops.add(h, parameters.get("dense.b"), h);
        inputs[0] = z;
        pre[0] = h;
        INDArray act = Nd4j.create(dataType, h.shape());
        Ops.exec("relu", new INDArray[] {h}, new INDArray[] {act}, NO_INTS, RELU_ARGS);
        h = act.reshape('c', n, a.channels().get(0), b, b);
        long side = b;
        for (int i = 1; i <= k; i++) {
            INDArray w = parameters.get("deconv" + i + ".W");
            side *= 2;
            INDArray out = Nd4j.create(dataType, n, w.size(2), side, side);
            Ops.exec("deconv2d", new INDArray[] {h, w, parameters.get("deconv" + i + ".b")}, new INDArray[] {out},
                    DECONV_ARGS, NO_DOUBLES);
            inputs[i] = h;
            pre[i] = out;
            INDArray next = Nd4j.create(dataType, out.shape());
            if (i < k) {
                Ops.exec("relu", new INDArray[] {out}, new INDArray[] {next}, NO_INTS, RELU_ARGS);
            } else {
                Ops.exec("sigmoid", new INDArray[] {out}, new INDArray[] {next}, NO_INTS, NO_DOUBLES);
            }
            h = next;
        }
        return new Trace(inputs, pre, h);
    }

    private static final long[] NO_INTS = {};
    private static final double[] NO_DOUBLES = {};
    private static final double[] RELU_ARGS = {0.0};

    /** deconv2d's integer arguments for {@link #deconvConfig()}: kH, kW, sH, sW, pH, pW, dH, dW, same mode, NCHW. */
    private static final long[] DECONV_ARGS = {DcganArchitecture.KERNEL, DcganArchitecture.KERNEL, 2, 2, 1, 1, 1, 1,
        0, 0};

    /** G(z) by the SameDiff graph of {@link #toSameDiff()} (the reference the eager pass is tested against). */
    INDArray graphForward(INDArray z) {
        return toSameDiff().output(Map.of(INPUT, z.castTo(dataType)), OUTPUT).get(OUTPUT);
    }

    @Override
    public INDArray generate(INDArray z) {
        INDArray x = forward(z);
        return x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
    }

    /**
     * The vector–Jacobian product of the parameters: ∂/∂θ Σ G_θ(z) ⊙ u, for each parameter θ, by the backward pass of
     * the eager forward (libnd4j's {@code sigmoid_bp}, {@code relu_bp}, {@code deconv2d_bp} and two products):
     * <pre>
     *   δ_k = u ⊙ σ'(a_k);   (δ_{i−1}, ∂W_i, ∂b_i) = deconv2d_bp(h_{i−1}, W_i, δ_i);   δ_{i−1} ← δ_{i−1} ⊙ 1[a_{i−1} > 0]
     *   ∂W₀ = zᵀδ₀,   ∂b₀ = Σ_rows δ₀
     * </pre>
     * Thread-safe; temporaries live in the calling thread's workspace.
     *
     * @param z [n, d] latents
     * @param upstream [n, C, H, W], e.g. −∇ₓD(G(z))/n for the WGAN generator loss −mean D(G(z))
     * @return gradients by parameter name, shaped as the parameters (detached arrays)
     */
    public Map<String, INDArray> pullback(INDArray z, INDArray upstream) {
        Map<String, INDArray> grads = new LinkedHashMap<>();
        try (MemoryWorkspace ws = Workspaces.open(WORKSPACE)) {
            Trace t = trace(z.dataType() == dataType ? z : z.castTo(dataType));
            int k = architecture.channels().size();
            INDArray u = upstream.dataType() == dataType ? upstream : upstream.castTo(dataType);
            INDArray delta = Nd4j.create(dataType, t.pre()[k].shape());
            Ops.exec("sigmoid_bp", new INDArray[] {t.pre()[k], u}, new INDArray[] {delta}, NO_INTS, NO_DOUBLES);
            for (int i = k; i >= 1; i--) {
                INDArray w = parameters.get("deconv" + i + ".W");
                INDArray bias = parameters.get("deconv" + i + ".b");
                INDArray in = t.inputs()[i];
                INDArray gradIn = Nd4j.create(dataType, in.shape());
                INDArray gradW = Nd4j.create(dataType, w.shape());
                INDArray gradB = Nd4j.create(dataType, bias.shape());
                Ops.exec("deconv2d_bp", new INDArray[] {in, w, bias, delta}, new INDArray[] {gradIn, gradW, gradB},
                        DECONV_ARGS, NO_DOUBLES);
                grads.put("deconv" + i + ".W", gradW.detach());
                grads.put("deconv" + i + ".b", gradB.detach());
                INDArray preAct = i > 1 ? t.pre()[i - 1] : t.pre()[0].reshape('c', in.shape());
                delta = Nd4j.create(dataType, in.shape());
                Ops.exec("relu_bp", new INDArray[] {preAct, gradIn}, new INDArray[] {delta}, NO_INTS, RELU_ARGS);
            }
            INDArray d0 = delta.reshape('c', t.pre()[0].shape());
            INDArray zt = t.inputs()[0];
            INDArray w0 = parameters.get("dense.W");
            grads.put("dense.W", Ops.matmul(zt, d0, Nd4j.create(dataType, w0.shape()), true, false, 1.0, 0.0)
                    .detach());
            grads.put("dense.b", d0.sum(0).detach());
        }
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        for (String name : parameters.keySet()) {
            ordered.put(name, grads.get(name));
        }
        return ordered;
    }

    /**
     * A standalone SameDiff graph of G with the current parameters (copied): placeholder {@link #INPUT} [n, d] in,
     * variable {@link #OUTPUT} [n, C, H, W] out, nothing else — the layout {@code generator:dl4j:PATH} expects.
     */
    public SameDiff toSameDiff() {
        SameDiff out = SameDiff.create();
        Map<String, SDVariable> vars = new LinkedHashMap<>();
        parameters.forEach((name, value) -> vars.put(name, out.var(name, value.dup())));
        SDVariable z = out.placeHolder(INPUT, dataType, -1, architecture.latentSize());
        build(out, z, architecture, vars).rename(OUTPUT);
        return out;
    }
}
