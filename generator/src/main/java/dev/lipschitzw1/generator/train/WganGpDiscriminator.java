package dev.lipschitzw1.generator.train;

import dev.lipschitzw1.critic.network.PenaltyTerms;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import dev.lipschitzw1.generator.QuietStdout;
import dev.lipschitzw1.generator.StreamSeeds;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The WGAN-GP discriminator D ({@link DiscriminatorArchitecture}) with its gradient penalty, as one SameDiff graph
 * whose parameter gradient SameDiff computes by a single reverse pass. The penalty terms (gradient norms, φ) are the
 * critic module's {@link PenaltyTerms}; the network and its explicit input gradient are its own, because its
 * architecture (4×4/2 convolutions with padding 1, a hidden dense layer) is not one of the critic module's
 * (docs/decisions.md, "One gradient-penalty formula").
 *
 * <p>Loss minimised by the discriminator (real and fake images go through one forward pass as one batch):
 * <pre>  L = mean D(fake) − mean D(real) + λ·mean φ(‖∇ₓD(x̂)‖₂),   φ(t) = (t − 1)² (GP) or max(0, t − 1)² (LP)
 *   ‖g‖₂ = √(Σ g² + 10⁻¹²)  (the 10⁻¹² keeps the derivative finite at g = 0)  </pre>
 * <b>Second derivatives.</b> SameDiff 1.0.0-M2.1 cannot differentiate its own {@code *_bp} ops, so ∇ₓD is built
 * explicitly in the forward graph (DESIGN §9) and SameDiff differentiates that once:
 * <pre>  h₁ = conv(x, W₁) + b₁      a₁ = h₁ ⊙ m₁      m = sg(α + (1 − α)·[h &gt; 0])   (sg: stop-gradient)
 *   h₂ = conv(a₁, W₂) + b₂     a₂ = h₂ ⊙ m₂
 *   h₃ = flat(a₂)·W₃ + b₃      a₃ = h₃ ⊙ m₃      D(x) = a₃·W₄ + b₄
 *   ∇ₓD = deconv(m₁ ⊙ deconv(m₂ ⊙ unflat((m₃ ⊙ W₄ᵀ)·W₃ᵀ), W₂), W₁)  </pre>
 * The LeakyReLU is written as h ⊙ m with its derivative m held constant (stop-gradient): m is piecewise constant in
 * the parameters, so its derivative is zero almost everywhere and the graph's gradient is the exact one. A transposed
 * convolution with the same YXIO weights is the adjoint of the convolution (ND4J's deconv2d layout [kH, kW, c_out, c_in]
 * equals conv2d's [kH, kW, c_in, c_out] of the reverse map). ({@code leakyReluDerivative} would be one op, but
 * SameDiff cannot serialise it when it builds the gradient function, and it holds α in float32.) Checked in WganGpDiscriminatorTest against SameDiff's
 * own first-order input gradient and central differences, and the penalty's parameter gradient against central
 * differences, in double.
 *
 * <p>Parameters: {@code conv1.W} [4, 4, C, c₁], {@code conv1.b}, {@code conv2.W} [4, 4, c₁, c₂], {@code conv2.b},
 * {@code fc1.W} [c₂HW/16, h], {@code fc1.b}, {@code fc2.W} [h, 1], {@code fc2.b} [1]. Initialisation U(±1/√fan_in)
 * per tensor from its own stream {@link StreamSeeds#of(long, String)}("discriminator:" + name). Not thread-safe.
 */
public final class WganGpDiscriminator {
    static final String BATCH = "realAndFake";
    static final String SIGNS = "signs";
    static final String INTERPOLATE = "interpolate";
    static final String INPUT_GRADIENT = "inputGradient";
    static final String INTERPOLATE_SCORE = "interpolateScore";
    static final String LOSS = "loss";
    static final String PENALTY = "penalty";
    static final String WASSERSTEIN = "wasserstein";
    static final String GRADIENT_NORM = "gradientNorm";

    private final DiscriminatorArchitecture architecture;
    private final PenaltyKind penalty;
    private final double lambda;
    private final DataType dataType;
    private final SameDiff sd;
    private final Map<String, INDArray> parameters;
    private boolean gradientBuilt;

    private WganGpDiscriminator(DiscriminatorArchitecture architecture, PenaltyKind penalty, double lambda,
                                DataType dataType, Map<String, INDArray> values) {
        InvalidConfigException.require(lambda >= 0 && lambda < Double.POSITIVE_INFINITY, "penalty.lambda", lambda,
                "finite and ≥ 0");
        this.architecture = architecture;
        this.penalty = penalty;
        this.lambda = lambda;
        this.dataType = dataType;
        this.sd = SameDiff.create();
        Map<String, SDVariable> p = new LinkedHashMap<>();
        Map<String, INDArray> live = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : values.entrySet()) {
            SDVariable v = sd.var(e.getKey(), e.getValue().castTo(dataType).dup());
            p.put(e.getKey(), v);
            live.put(e.getKey(), v.getArr());
        }
        this.parameters = Collections.unmodifiableMap(live);
        ImageShape s = architecture.input();
        SDVariable both = sd.placeHolder(BATCH, dataType, -1, s.channels(), s.height(), s.width());
        SDVariable signs = sd.placeHolder(SIGNS, dataType, -1, 1);
        SDVariable xhat = sd.placeHolder(INTERPOLATE, dataType, -1, s.channels(), s.height(), s.width());
        SDVariable wasserstein = forward(sd, both, architecture, p).score().mul(signs).sum().rename(WASSERSTEIN);
        Forward fx = forward(sd, xhat, architecture, p);
        fx.score().rename(INTERPOLATE_SCORE);
        SDVariable grad = inputGradient(sd, architecture, p, fx).rename(INPUT_GRADIENT);
        SDVariable norm = PenaltyTerms.gradientNorms(sd, GRADIENT_NORM, grad);
        SDVariable pen = PenaltyTerms.perSample(sd, norm, penalty.kind()).mean().mul(lambda).rename(PENALTY);
        sd.setLossVariables(pen.sub(wasserstein).rename(LOSS));
    }

    /** A freshly initialised discriminator (see the class comment). */
    public static WganGpDiscriminator initialise(DiscriminatorArchitecture architecture, PenaltyKind penalty,
                                                 double lambda, long seed, DataType dataType) {
        Map<String, INDArray> values = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : parameterShapes(architecture).entrySet()) {
            long[] shape = e.getValue();
            String base = e.getKey().substring(0, e.getKey().indexOf('.'));
            long[] weightShape = parameterShapes(architecture).get(base + ".W");
            long fanIn = weightShape.length == 4 ? weightShape[0] * weightShape[1] * weightShape[2] : weightShape[0];
            double bound = 1.0 / Math.sqrt(fanIn);
            SplittableRandom rng = new SplittableRandom(StreamSeeds.of(seed, "discriminator:" + e.getKey()));
            double[] v = new double[(int) Arrays.stream(shape).reduce(1, Math::multiplyExact)];
            for (int i = 0; i < v.length; i++) {
                v[i] = bound * (2 * rng.nextDouble() - 1);
            }
            values.put(e.getKey(), Nd4j.create(v, shape, 'c').castTo(dataType));
        }
        return new WganGpDiscriminator(architecture, penalty, lambda, dataType, values);
    }

    /**
     * A discriminator with the given parameter values (copied), e.g. from a checkpoint.
     *
     * @throws ShapeMismatchException if a tensor is missing or misshapen
     */
    public static WganGpDiscriminator withParameters(DiscriminatorArchitecture architecture, PenaltyKind penalty,
                                                     double lambda, Map<String, INDArray> values, DataType dataType) {
        requireShapes(architecture, values);
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        for (String name : parameterShapes(architecture).keySet()) {
            ordered.put(name, values.get(name));
        }
        return new WganGpDiscriminator(architecture, penalty, lambda, dataType, ordered);
    }

    /**
     * Checks that {@code values} holds every parameter of the architecture with its shape.
     *
     * @throws ShapeMismatchException naming the first tensor that is missing or misshapen
     */
    static void requireShapes(DiscriminatorArchitecture architecture, Map<String, INDArray> values) {
        for (Map.Entry<String, long[]> e : parameterShapes(architecture).entrySet()) {
            INDArray v = values.get(e.getKey());
            if (v == null || !Arrays.equals(e.getValue(), v.shape())) {
                throw new ShapeMismatchException("discriminator parameter " + e.getKey(),
                        Arrays.stream(e.getValue()).mapToInt(x -> (int) x).toArray(),
                        v == null ? new int[0] : Arrays.stream(v.shape()).mapToInt(x -> (int) x).toArray());
            }
        }
    }

    /** Names and shapes of the parameters, in a fixed order. */
    public static Map<String, long[]> parameterShapes(DiscriminatorArchitecture a) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        int k = DiscriminatorArchitecture.KERNEL;
        shapes.put("conv1.W", new long[] {k, k, a.input().channels(), a.conv1()});
        shapes.put("conv1.b", new long[] {a.conv1()});
        shapes.put("conv2.W", new long[] {k, k, a.conv1(), a.conv2()});
        shapes.put("conv2.b", new long[] {a.conv2()});
        shapes.put("fc1.W", new long[] {a.flatSize(), a.hidden()});
        shapes.put("fc1.b", new long[] {a.hidden()});
        shapes.put("fc2.W", new long[] {a.hidden(), 1});
        shapes.put("fc2.b", new long[] {1});
        return shapes;
    }

    /** The forward pass of one batch: its scores [n, 1] and the three activation-derivative masks. */
    record Forward(SDVariable score, SDVariable h1, SDVariable h2, List<SDVariable> masks) {
    }

    /** Builds D(x) into {@code sd}; the masks are stop-gradient LeakyReLU derivatives (see the class comment). */
    static Forward forward(SameDiff sd, SDVariable x, DiscriminatorArchitecture a, Map<String, SDVariable> p) {
        SDVariable h1 = sd.cnn().conv2d(x, p.get("conv1.W"), p.get("conv1.b"), convConfig());
        SDVariable m1 = mask(sd, h1, a.slope());
        SDVariable h2 = sd.cnn().conv2d(h1.mul(m1), p.get("conv2.W"), p.get("conv2.b"), convConfig());
        SDVariable m2 = mask(sd, h2, a.slope());
        SDVariable flat = h2.mul(m2).reshape(-1, a.flatSize());
        SDVariable h3 = flat.mmul(p.get("fc1.W")).add(p.get("fc1.b"));
        SDVariable m3 = mask(sd, h3, a.slope());
        SDVariable score = h3.mul(m3).mmul(p.get("fc2.W")).add(p.get("fc2.b"));
        return new Forward(score, h1, h2, List.of(m1, m2, m3));
    }

    /** The explicit input gradient ∇ₓ Σᵢ D(xᵢ) = (∇ₓD(xᵢ))ᵢ, [n, C, H, W], from a forward pass's masks. */
    static SDVariable inputGradient(SameDiff sd, DiscriminatorArchitecture a, Map<String, SDVariable> p, Forward f) {
        SDVariable w4row = p.get("fc2.W").reshape(1, a.hidden());
        SDVariable g3 = f.masks().get(2).mul(w4row);
        SDVariable gFlat = sd.mmul(g3, p.get("fc1.W"), false, true, false);
        ImageShape s = a.input();
        SDVariable g2 = gFlat.reshape(-1, a.conv2(), s.height() / 4, s.width() / 4).mul(f.masks().get(1));
        SDVariable g1 = sd.cnn().deconv2d(g2, p.get("conv2.W"), adjointConfig()).mul(f.masks().get(0));
        return sd.cnn().deconv2d(g1, p.get("conv1.W"), adjointConfig());
    }

    private static SDVariable mask(SameDiff sd, SDVariable h, double slope) {
        return new StopGradient(sd, sd.math().step(h, 0.0).mul(1.0 - slope).add(slope)).outputVariable();
    }

    /** Convolution 4×4, stride 2, padding 1, NCHW, weights YXIO: halves the side. */
    static Conv2DConfig convConfig() {
        int k = DiscriminatorArchitecture.KERNEL;
        return Conv2DConfig.builder().kH(k).kW(k).sH(2).sW(2).pH(1).pW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
    }

    /** The adjoint of {@link #convConfig()}: the transposed convolution with the same weights. */
    static DeConv2DConfig adjointConfig() {
        int k = DiscriminatorArchitecture.KERNEL;
        return DeConv2DConfig.builder().kH(k).kW(k).sH(2).sW(2).pH(1).pW(1).dH(1).dW(1).isSameMode(false)
                .dataFormat("NCHW").build();
    }

    public DiscriminatorArchitecture architecture() {
        return architecture;
    }

    public PenaltyKind penalty() {
        return penalty;
    }

    public double lambda() {
        return lambda;
    }

    public DataType dataType() {
        return dataType;
    }

    /** The live parameter arrays by name (updated in place by training). */
    public Map<String, INDArray> parameters() {
        return parameters;
    }

    /** The scores D(x), [n, 1]. */
    public INDArray scores(INDArray x) {
        return sd.output(Map.of(INTERPOLATE, x.castTo(dataType)), INTERPOLATE_SCORE).get(INTERPOLATE_SCORE);
    }

    /** The explicit input gradient ∇ₓD(xᵢ) of each image, [n, C, H, W]. */
    public INDArray inputGradient(INDArray x) {
        return sd.output(Map.of(INTERPOLATE, x.castTo(dataType)), INPUT_GRADIENT).get(INPUT_GRADIENT);
    }

    /** ‖∇ₓD(xᵢ)‖₂ of each image (with the 10⁻¹² under the root). */
    public double[] gradientNorms(INDArray x) {
        return sd.output(Map.of(INTERPOLATE, x.castTo(dataType)), GRADIENT_NORM).get(GRADIENT_NORM)
                .castTo(DataType.DOUBLE).toDoubleVector();
    }

    /** The loss terms and the loss's gradient with respect to every parameter, at one batch. */
    public record Step(double loss, double wasserstein, double penalty, double meanGradientNorm,
                       Map<String, INDArray> gradients) {
    }

    /**
     * Evaluates L (class comment) and ∂L/∂θ.
     *
     * @param real [n, C, H, W] data images
     * @param fake [n, C, H, W] generated images
     * @param interpolate [n, C, H, W] points x̂ where the penalty is taken
     */
    public Step lossAndGradients(INDArray real, INDArray fake, INDArray interpolate) {
        if (!gradientBuilt) {
            QuietStdout.run(sd::createGradFunction);
            gradientBuilt = true;
        }
        Map<String, INDArray> ph = placeholders(real, fake, interpolate);
        OutAndGrad og = sd.calculateGradientsAndOutputs(ph, List.of(LOSS, WASSERSTEIN, PENALTY, GRADIENT_NORM),
                parameters.keySet());
        Map<String, INDArray> out = og.getOutputs();
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (String name : parameters.keySet()) {
            grads.put(name, og.getGradients().get(name));
        }
        Step step = new Step(out.get(LOSS).getDouble(0), out.get(WASSERSTEIN).getDouble(0),
                out.get(PENALTY).getDouble(0), out.get(GRADIENT_NORM).meanNumber().doubleValue(), grads);
        ph.get(BATCH).close();
        ph.get(SIGNS).close();
        out.values().forEach(INDArray::close);
        return step;
    }

    /** The loss L alone (no gradient), e.g. for finite differences. */
    double loss(INDArray real, INDArray fake, INDArray interpolate) {
        return sd.output(placeholders(real, fake, interpolate), LOSS).get(LOSS).getDouble(0);
    }

    /** Real and fake images in one batch (one forward pass) with weights +1/n_real and −1/n_fake. */
    private Map<String, INDArray> placeholders(INDArray real, INDArray fake, INDArray interpolate) {
        long nr = real.size(0);
        long nf = fake.size(0);
        INDArray signs = Nd4j.create(dataType, nr + nf, 1);
        signs.get(NDArrayIndex.interval(0, nr), NDArrayIndex.all()).assign(1.0 / nr);
        signs.get(NDArrayIndex.interval(nr, nr + nf), NDArrayIndex.all()).assign(-1.0 / nf);
        INDArray both = Nd4j.concat(0, real.castTo(dataType), fake.castTo(dataType));
        return Map.of(BATCH, both, SIGNS, signs, INTERPOLATE, interpolate.castTo(dataType));
    }
}
