package dev.lipschitzw1.dl4j.conf;

import dev.lipschitzw1.dl4j.layers.CircularPaddingAdapter;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.params.EmptyParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Circular (periodic) padding of [N, C, H, W] maps by (top, bottom, left, right), the engine's
 * {@code ConvOps.circularPad}:
 * <pre>  y[n, c, i, j] = x[n, c, (i − top) mod H, (j − left) mod W]  </pre>
 * Followed by a standard DL4J {@code ConvolutionLayer} (stride 1, no padding, truncate mode) with top = left = ⌊k/2⌋
 * and bottom = right = k − 1 − ⌊k/2⌋ it makes the circular "same" convolution that the certifier bounds exactly; on its
 * own it duplicates pixels and is not 1-Lipschitz, so the certifier accepts it only in that pair.
 */
public final class CircularPadding2D extends NoParamLayer {

    /** {top, bottom, left, right} (one field named as its getter, for DL4J's JSON mapper). */
    private int[] padding = new int[4];

    /** For JSON. */
    protected CircularPadding2D() {
    }

    /** @throws InvalidConfigException if a padding is negative */
    public CircularPadding2D(int top, int bottom, int left, int right) {
        InvalidConfigException.require(top >= 0 && bottom >= 0 && left >= 0 && right >= 0, "padding",
                top + "," + bottom + "," + left + "," + right, "non-negative");
        this.padding = new int[] {top, bottom, left, right};
    }

    /** The padding a k×k kernel needs for a "same" circular convolution: ⌊k/2⌋ before, k − 1 − ⌊k/2⌋ after. */
    public static CircularPadding2D forKernel(int k) {
        return new CircularPadding2D(k / 2, k - 1 - k / 2, k / 2, k - 1 - k / 2);
    }

    /** {top, bottom, left, right}. */
    public int[] getPadding() {
        return padding.clone();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        CircularPaddingAdapter layer = new CircularPaddingAdapter(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return EmptyParamInitializer.getInstance();
    }

    /** @throws InvalidConfigException unless the input is convolutional */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c)) {
            throw new InvalidConfigException(layerName + ".inputType", inputType, "convolutional NCHW");
        }
        return InputType.convolutional(c.getHeight() + padding[0] + padding[1], c.getWidth() + padding[2] + padding[3],
                c.getChannels(),
                c.getFormat());
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, getOutputType(-1, inputType))
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CircularPadding2D p && super.equals(o) && java.util.Arrays.equals(padding, p.padding);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), java.util.Arrays.hashCode(padding));
    }
}
