package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * What every stride-1, size-preserving convolution layer of a critic shares, whatever parameterises its kernel (plain,
 * BCOP, RKO, OSSN): the map {cin, H, W} → {cout, H, W}, y = conv(pad(x), K) + b with a k×k kernel K held in the graph
 * as {@code name/<kernelVariable>} [k, k, cin, cout] and an optional bias {@code name/b} [cout]; the shape checks; and
 * the export of K and b as the {@link PlainConv} the certifier reads. A subclass says how K is built from its raw
 * parameter ({@link #apply}) and names that parameter.
 */
public abstract class SameShapeConv2d implements LipschitzLayer {
    protected final String name;
    protected final int[] inputShape;
    protected final int cout;
    protected final int k;
    protected final Padding padding;
    protected final boolean bias;
    protected final long seed;
    private final String kind;
    private final String rawParameter;
    private final String kernelVariable;

    /**
     * @param kind the layer kind reports print
     * @param rawParameter the trained parameter's suffix ({@code name/rawParameter})
     * @param kernelVariable the suffix of the graph variable holding the kernel the forward pass uses
     * @param inputShape {cin, H, W}
     * @throws InvalidConfigException if a size is not positive
     */
    protected SameShapeConv2d(String kind, String rawParameter, String kernelVariable, String name, int[] inputShape,
                              int cout, int k, Padding padding, boolean bias, long seed) {
        InvalidConfigException.require(inputShape != null && inputShape.length == 3 && inputShape[0] >= 1
                && inputShape[1] >= 1 && inputShape[2] >= 1, name + ".inputShape",
                inputShape == null ? null : Arrays.toString(inputShape), "{cin, H, W} ≥ 1");
        InvalidConfigException.require(cout >= 1, name + ".outChannels", cout, "≥ 1");
        InvalidConfigException.require(k >= 1, name + ".kernelSize", k, "≥ 1");
        this.kind = kind;
        this.rawParameter = rawParameter;
        this.kernelVariable = kernelVariable;
        this.name = name;
        this.inputShape = inputShape.clone();
        this.cout = cout;
        this.k = k;
        this.padding = padding;
        this.bias = bias;
        this.seed = seed;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public final int[] outputShape() {
        return new int[] {cout, inputShape[1], inputShape[2]};
    }

    @Override
    public final List<String> parameterNames() {
        return bias ? List.of(name + "/" + rawParameter, name + "/b") : List.of(name + "/" + rawParameter);
    }

    /** y = conv(pad(x), kernel) + b, named {@code name/out}. */
    protected final SDVariable convolve(SameDiff sd, SDVariable x, SDVariable kernel, SDVariable b) {
        return ConvGraph.convolve(sd, name + "/out", x, kernel, b, inputShape[1], inputShape[2], k, padding);
    }

    /** The kernel and bias the forward pass uses, in double, OIHW. */
    @Override
    public PlainConv export(SameDiff sd) {
        double[][][][] kernel = ConvGraph.yxioToOihw(ConvGraph.value(sd, name + "/" + kernelVariable));
        double[] b = bias ? ConvGraph.toDoubles(ConvGraph.value(sd, name + "/b")) : null;
        return new PlainConv(name, kind, kernel, b, inputShape, padding);
    }
}
