package dev.lipschitzw1.critic.network;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.conv.ossn.OssnConfig;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The shape and construction of a DCGAN-shaped WDE critic (docs/critic.md, "Critics"; the authors' critic: docs/reproduce.md):
 * <pre>
 *   input C×H×W → [zero-pad to padTo×padTo] → [nearest upsample ×upsample]
 *   → depth × [ pixel-unshuffle 2 → conv k×k (width·2^s channels) → activation ]
 *   → flatten → headLayers × [ BjorckLinear (Dense for GP) → headWidth, activation ]
 *   → BjorckLinear (Dense for GP) → scalar
 * </pre>
 * Conv by variant: BCOP (orthogonal, certified 1), RKO (Björck of the reshaped kernel / k, certified ≤ 1), OSSN
 * (spectral normalisation, not certified by construction), AOL (almost-orthogonal rescaling, certified ≤ 1), SOC
 * (skew-orthogonal, a truncated exponential, certified ≈ 1), SLL (a residual layer x − 2AᵀT⁻¹ReLU(Ax + b), certified
 * 1 by its condition T ⪰ AAᵀ), CAYLEY (orthogonal by a per-frequency Cayley transform, certified 1), GP
 * (unconstrained, for the gradient penalty). The certified
 * bound of the whole critic is the product of the layer bounds, times {@code upsample} if the input is upsampled: the
 * {@link #architecturalFactor()} a, known before training.
 *
 * @param variant     conv construction
 * @param activation  MaxMin (default), ReLU, or LeakyReLU(leakySlope) (the GP default)
 * @param input       the image shape
 * @param padTo       zero-pad (centred) to padTo×padTo first; 0 or the input size for none
 * @param upsample    nearest-upsampling factor after padding, 1 for none (the authors use 2: 32×32 → 64×64)
 * @param width       output channels of the first stage conv; stage s has width·2^s
 * @param depth       number of stages
 * @param headLayers  hidden dense layers after the flatten, 0 … 4 (0, the paper's critic: one linear row)
 * @param headWidth   their width (0 when headLayers is 0; even for MaxMin). Both read as 0 when absent from JSON
 *                    (every file written before heads existed), also by mappers that refuse absent primitives
 * @param kernelSize  kernel of each stage conv after the pixel-unshuffle (2 = a stride-2 4×4 conv, as the authors)
 * @param bias        biases on convs and head
 * @param convPadding CIRCULAR (BCOP/RKO/OSSN default, exact norms) or ZERO (GP default)
 * @param bjorck      Björck settings for BCOP, RKO and BjorckLinear
 * @param ossn        OSSN settings
 * @param leakySlope  slope α of LeakyReLU, in [0, 1]
 * @param precision   float32 (training) or float64 (tests)
 * @param seed        seed of every initialisation
 */
public record CriticConfig(Variant variant, Activation activation, ImageShape input, int padTo, int upsample, int width,
                           int depth, @JsonSetter(nulls = Nulls.AS_EMPTY) int headLayers,
                           @JsonSetter(nulls = Nulls.AS_EMPTY) int headWidth, int kernelSize, boolean bias,
                           Padding convPadding, BjorckConfig bjorck, OssnConfig ossn, double leakySlope,
                           Precision precision, long seed) {

    /** Conv construction of the critic. */
    public enum Variant {
        BCOP(true), RKO(true), OSSN(true), AOL(true), SOC(true), SLL(true), CAYLEY(true), GP(false);

        private final boolean constrained;

        Variant(boolean constrained) {
            this.constrained = constrained;
        }

        /**
         * Whether the construction bounds every trained layer's operator norm by 1 (BCOP and RKO by orthogonal
         * parametrisation, OSSN by spectral normalisation, AOL by its Gram-kernel rescaling, SOC up to its series' truncation, SLL by
         * its diagonal T ⪰ AAᵀ, CAYLEY by unitary Fourier symbols), so that the critic's certificate can be
         * {@link #architecturalFactor()}·(1 + 1e-4). A GP critic's layers are unconstrained: nothing bounds its
         * certificate, which is orders of magnitude above 1 after training, so it can only be a baseline.
         */
        public boolean constrained() {
            return constrained;
        }
    }

    /** Activation after each stage conv. */
    public enum Activation { MAX_MIN, RELU, LEAKY_RELU }

    /** Floating-point type of the graph. */
    public enum Precision {
        FLOAT32(DataType.FLOAT), FLOAT64(DataType.DOUBLE);

        private final DataType dataType;

        Precision(DataType dataType) {
            this.dataType = dataType;
        }

        /** The ND4J type. */
        public DataType dataType() {
            return dataType;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** @throws InvalidConfigException naming the first field out of range */
    public CriticConfig {
        InvalidConfigException.require(variant != null, "critic.variant", null, "BCOP, RKO, OSSN, AOL, SOC, SLL, CAYLEY or GP");
        InvalidConfigException.require(activation != null, "critic.activation", null, "MAX_MIN, RELU or LEAKY_RELU");
        InvalidConfigException.require(input != null, "critic.input", null, "an image shape C×H×W");
        InvalidConfigException.require(convPadding != null, "critic.convPadding", null, "CIRCULAR or ZERO");
        InvalidConfigException.require(bjorck != null, "critic.bjorck", null, "a Björck config");
        InvalidConfigException.require(ossn != null, "critic.ossn", null, "an OSSN config");
        InvalidConfigException.require(precision != null, "critic.precision", null, "FLOAT32 or FLOAT64");
        InvalidConfigException.require(padTo == 0 || padTo >= Math.max(input.height(), input.width()), "critic.padTo",
                padTo, "0 or ≥ the input size " + input.height() + "×" + input.width());
        InvalidConfigException.require(upsample >= 1 && upsample <= 8, "critic.upsample", upsample, "in 1…8");
        InvalidConfigException.require(depth >= 1 && depth <= 8, "critic.depth", depth, "in 1…8");
        InvalidConfigException.require(width >= 1 && (long) width << (depth - 1) <= 4096, "critic.width", width,
                "≥ 1 with width·2^(depth−1) ≤ 4096");
        InvalidConfigException.require(activation != Activation.MAX_MIN || width % 2 == 0, "critic.width", width,
                "an even number for MaxMin");
        InvalidConfigException.require(headLayers >= 0 && headLayers <= 4, "critic.headLayers", headLayers, "in 0…4");
        InvalidConfigException.require(headLayers == 0 ? headWidth == 0 : headWidth >= 2 && headWidth <= 4096
                && (activation != Activation.MAX_MIN || headWidth % 2 == 0), "critic.headWidth", headWidth,
                headLayers == 0 ? "0 without head layers" : "in 2…4096, even for MaxMin");
        InvalidConfigException.require(kernelSize >= 1 && kernelSize <= 7, "critic.kernelSize", kernelSize, "in 1…7");
        InvalidConfigException.require(leakySlope >= 0 && leakySlope <= 1, "critic.leakySlope", leakySlope, "in [0, 1]");
        int h = (padTo == 0 ? input.height() : padTo) * upsample;
        int w = (padTo == 0 ? input.width() : padTo) * upsample;
        InvalidConfigException.require(h % (1 << depth) == 0 && w % (1 << depth) == 0, "critic.depth", depth,
                "at most as many stages as halvings of the " + h + "×" + w + " map (after padding and upsampling)");
    }

    /**
     * The exact Lipschitz constant a of the critic's fixed, parameter-free layers, known from the config before any
     * training. Nearest upsampling ×u copies each pixel u² times, so ‖Ux‖ = u‖x‖ for every x and its operator norm is
     * exactly u; zero-padding, pixel-unshuffle and flatten keep every norm (a = 1 for them). Every certificate of this
     * critic therefore has the form
     * <pre>  L = a · Π_{trained layers l} bound_l,   a = upsample  </pre>
     * and a critic whose trained layers are 1-Lipschitz is a-Lipschitz in native pixels (1-Lipschitz in the upsampled
     * space, whose distances are a × the native ones).
     */
    public double architecturalFactor() {
        return upsample;
    }

    /**
     * The default for CPU runs: BCOP + MaxMin, 28×28 inputs zero-padded to 32×32 (other sizes to the next multiple of
     * 8), no upsampling, width 16, depth 3 (16, 32, 64 channels), k = 2, circular padding, Björck {@link
     * BjorckConfig#TRAINING}, float32, seed 0. A 1×28×28 critic has 4×4×64 → 1 as its head.
     */
    public static CriticConfig quick(ImageShape input) {
        int side = Math.max(input.height(), input.width());
        int padTo = side == 28 ? 32 : (side % 8 == 0 && input.height() == input.width() ? 0 : (side + 7) / 8 * 8);
        return new CriticConfig(Variant.BCOP, Activation.MAX_MIN, input, padTo, 1, 16, 3, 0, 0, 2, true,
                Padding.CIRCULAR, BjorckConfig.TRAINING, OssnConfig.DEFAULT, 0.2, Precision.FLOAT32, 0);
    }

    /**
     * The authors' WDE critic (LConvNet {@code DCGANDiscriminator}): inputs zero-padded to 32×32 if smaller (28×28),
     * nearest-upsampled ×2 to 64×64, four stages of pixel-unshuffle → BCOP k = 2 (64, 128, 256, 512 channels) →
     * MaxMin, BjorckLinear(8192 → 1), Björck {@link BjorckConfig#TRAINING}, OSSN as in their runs. Because of the
     * upsampling the critic is 2-Lipschitz in native pixels (1-Lipschitz in the upsampled space): its
     * {@link #architecturalFactor()} is 2, and the estimator reports its raw objective / 2 as the native-pixel bound
     * (docs/decisions.md 33); use {@code withUpsample(1)} for the same critic on native pixels.
     */
    public static CriticConfig paper(ImageShape input) {
        int side = Math.max(input.height(), input.width());
        int padTo = side <= 32 ? 32 : (side + 15) / 16 * 16;
        return new CriticConfig(Variant.BCOP, Activation.MAX_MIN, input, padTo, 2, 64, 4, 0, 0, 2, true,
                Padding.CIRCULAR, BjorckConfig.TRAINING, OssnConfig.LCONVNET, 0.2, Precision.FLOAT32, 0);
    }

    /**
     * This config with another variant and that variant's standard activation and padding: GP → LeakyReLU(0.2) with
     * zero padding (the WGAN-GP critic); every other variant → MaxMin with circular padding.
     */
    public CriticConfig withVariant(Variant v) {
        boolean gp = v == Variant.GP;
        return new CriticConfig(v, gp ? Activation.LEAKY_RELU : Activation.MAX_MIN, input, padTo, upsample, width,
                depth, headLayers, headWidth, kernelSize, bias, gp ? Padding.ZERO : Padding.CIRCULAR, bjorck, ossn,
                leakySlope, precision, seed);
    }

    /** This config with another activation (e.g. RELU for the paper's ReLU rows). */
    public CriticConfig withActivation(Activation a) {
        return new CriticConfig(variant, a, input, padTo, upsample, width, depth, headLayers, headWidth, kernelSize,
                bias, convPadding, bjorck, ossn, leakySlope, precision, seed);
    }

    /** This config with another first-stage width and number of stages. */
    public CriticConfig withSize(int newWidth, int newDepth) {
        return new CriticConfig(variant, activation, input, padTo, upsample, newWidth, newDepth, headLayers, headWidth,
                kernelSize, bias, convPadding, bjorck, ossn, leakySlope, precision, seed);
    }

    /**
     * This config with {@code layers} hidden dense layers of {@code units} units each between the flatten and the
     * output row (0, 0: none, the paper's critic). Each is 1-Lipschitz like the convs (Björck-orthonormal, Dense for
     * GP) and followed by the critic's activation, so the head adds non-linearity over the whole image where the convs
     * only have it within their receptive fields.
     */
    public CriticConfig withHead(int layers, int units) {
        return new CriticConfig(variant, activation, input, padTo, upsample, width, depth, layers, units, kernelSize,
                bias, convPadding, bjorck, ossn, leakySlope, precision, seed);
    }

    /** This config with another stage kernel size (after the pixel-unshuffle). */
    public CriticConfig withKernelSize(int k) {
        return new CriticConfig(variant, activation, input, padTo, upsample, width, depth, headLayers, headWidth, k,
                bias, convPadding, bjorck, ossn, leakySlope, precision, seed);
    }

    /** This config with another nearest-upsampling factor (1: native pixels). */
    public CriticConfig withUpsample(int factor) {
        return new CriticConfig(variant, activation, input, padTo, factor, width, depth, headLayers, headWidth,
                kernelSize, bias, convPadding, bjorck, ossn, leakySlope, precision, seed);
    }

    /** This config with circular or zero padding in every conv. */
    public CriticConfig withConvPadding(Padding p) {
        return new CriticConfig(variant, activation, input, padTo, upsample, width, depth, headLayers, headWidth,
                kernelSize, bias, p, bjorck, ossn, leakySlope, precision, seed);
    }

    /** This config with other Björck settings. */
    public CriticConfig withBjorck(BjorckConfig b) {
        return new CriticConfig(variant, activation, input, padTo, upsample, width, depth, headLayers, headWidth,
                kernelSize, bias, convPadding, b, ossn, leakySlope, precision, seed);
    }

    /** This config with other OSSN settings. */
    public CriticConfig withOssn(OssnConfig o) {
        return new CriticConfig(variant, activation, input, padTo, upsample, width, depth, headLayers, headWidth,
                kernelSize, bias, convPadding, bjorck, o, leakySlope, precision, seed);
    }

    /** This config in float32 or float64. */
    public CriticConfig withPrecision(Precision p) {
        return new CriticConfig(variant, activation, input, padTo, upsample, width, depth, headLayers, headWidth,
                kernelSize, bias, convPadding, bjorck, ossn, leakySlope, p, seed);
    }

    /** This config with another initialisation seed. */
    public CriticConfig withSeed(long s) {
        return new CriticConfig(variant, activation, input, padTo, upsample, width, depth, headLayers, headWidth,
                kernelSize, bias, convPadding, bjorck, ossn, leakySlope, precision, s);
    }

    /** The config as JSON (every field, enums by name). */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + this, e);
        }
    }

    /**
     * Parses {@link #toJson()}'s output.
     *
     * @throws InvalidConfigException if the text is not a valid critic config (unknown or missing fields, bad values)
     */
    public static CriticConfig fromJson(String json) {
        try {
            return Objects.requireNonNull(JSON.readValue(json, CriticConfig.class), "critic config");
        } catch (JsonProcessingException | NullPointerException e) {
            throw new InvalidConfigException("critic", e.getMessage(), "a critic config as written by toJson()");
        }
    }
}
