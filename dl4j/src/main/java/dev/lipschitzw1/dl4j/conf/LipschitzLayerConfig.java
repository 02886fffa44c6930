package dev.lipschitzw1.dl4j.conf;

import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.dl4j.layers.EngineLayerAdapter;
import dev.lipschitzw1.dl4j.layers.ParameterLayout;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The DL4J configuration of a layer whose computation is one of the engine's {@link LipschitzLayer}s
 * ({@code dev.lipschitzw1.critic.layers}): it records what the engine layer's constructor needs besides the input
 * shape, learns the input shape from DL4J's {@link InputType} ({@link #setNIn}), and builds the engine layer on
 * demand ({@link #engineLayer}); {@link EngineLayerAdapter} runs it inside a network.
 *
 * <p>Parameters: the engine layer's trainable {@code Parameter}s, then its {@link LipschitzLayer#state() state}
 * (OSSN's power-iteration vectors), each a slice of DL4J's flat parameter view under the suffix of the engine's name
 * ({@code M}, {@code V}, {@code W}, {@code b}, {@code u}, {@code v}); see {@link ParameterLayout}. State slices are
 * saved and restored with the parameters and receive {@link NoOp} updates and zero gradients. Initial values are the
 * engine's own seeded initialisation with seed
 * <pre>  seed = NeuralNetConfiguration.seed ⊕ layerSeed ⊕ hash(layerName)  </pre>
 * so that two layers of one network start differently and a network is reproducible. Regularisation is not applied
 * (the layers are constrained by construction). DL4J configurations are mutable Java beans serialised
 * to JSON through their getters (every persisted field has one); the setters of the subclasses return {@code this}
 * for chaining.
 */
public abstract class LipschitzLayerConfig extends BaseLayer {

    /** Per-sample input shape {C, H, W} or {D}, set from the network's input type. */
    protected int[] inputShape;
    /** Added to the network's seed for this layer's initialisation. */
    protected long layerSeed;

    private transient ParameterLayout layout;

    /** The activation is the layer itself: identity, so that the network's default activation is not recorded. */
    protected LipschitzLayerConfig() {
        this.activationFn = new ActivationIdentity();
    }

    /**
     * The engine layer for the current input shape (parameters not yet created).
     *
     * @param name the engine layer's name (the DL4J layer name)
     * @param seed the engine's initialisation seed
     */
    public abstract LipschitzLayer engineLayer(String name, long seed);

    /** Whether the layer acts on C×H×W maps (else on vectors or on both: {@code null}). */
    protected abstract Boolean convolutional();

    /** Sets the seed added to the network's seed. */
    public LipschitzLayerConfig layerSeed(long seed) {
        this.layerSeed = seed;
        return this;
    }

    public long getLayerSeed() {
        return layerSeed;
    }

    /** The per-sample input shape {C, H, W} or {D} (a copy), or {@code null} before the network sets it. */
    public int[] getInputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** The per-sample input shape, for networks configured without an input type. */
    public LipschitzLayerConfig inputShape(int... shape) {
        this.inputShape = shape.clone();
        this.layout = null;
        return this;
    }

    /** The engine seed of this layer in a network seeded {@code networkSeed} (see the class comment). */
    public long engineSeed(long networkSeed) {
        return networkSeed ^ layerSeed ^ (0x9E3779B97F4A7C15L * Objects.hashCode(layerName));
    }

    /** The parameter and state slices of the flat view, in order (computed once per input shape). */
    public ParameterLayout layout() {
        if (layout == null) {
            layout = ParameterLayout.of(engineLayer(nameOrDefault(), 0));
        }
        return layout;
    }

    /** The layer name, or {@code layer} when the network has not named it yet. */
    public String nameOrDefault() {
        return layerName == null ? "layer" : layerName;
    }

    /** The per-sample input shape, or an {@link InvalidConfigException} saying how to set it. */
    protected int[] requireInputShape() {
        InvalidConfigException.require(inputShape != null, nameOrDefault() + ".inputShape", null,
                "set by the network's input type (setInputType(InputType.convolutional(h, w, c)) or "
                        + "InputType.feedForward(d)) or by inputShape(...)");
        return inputShape;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        EngineLayerAdapter layer = new EngineLayerAdapter(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return EngineParamInitializer.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        int[] out = engineLayer(nameOrDefault(), 0).outputShape();
        return out.length == 3 ? InputType.convolutional(out[1], out[2], out[0]) : InputType.feedForward(out[0]);
    }

    /**
     * Takes the per-sample input shape from the input type: {C, H, W} for a convolutional (NCHW) input, {D} for a
     * feed-forward one (a convolutional input to a layer on vectors is flattened by the preprocessor).
     *
     * @throws InvalidConfigException for NHWC or other input types, or a layer on maps given vectors
     */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputShape != null && !override) {
            return;
        }
        if (inputType instanceof InputType.InputTypeConvolutional c && !Boolean.FALSE.equals(convolutional())) {
            InvalidConfigException.require(c.getFormat() == CNN2DFormat.NCHW, nameOrDefault() + ".inputType",
                    c.getFormat(), "NCHW (the engine's layout)");
            inputShape = new int[] {(int) c.getChannels(), (int) c.getHeight(), (int) c.getWidth()};
        } else if (inputType instanceof InputType.InputTypeConvolutional c) {
            inputShape = new int[] {(int) (c.getChannels() * c.getHeight() * c.getWidth())};
        } else if (inputType instanceof InputType.InputTypeFeedForward f && !Boolean.TRUE.equals(convolutional())) {
            inputShape = new int[] {(int) f.getSize()};
        } else {
            throw new InvalidConfigException(nameOrDefault() + ".inputType", inputType,
                    Boolean.TRUE.equals(convolutional()) ? "convolutional NCHW" : "feed-forward or convolutional");
        }
        layout = null;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        if (inputType instanceof InputType.InputTypeConvolutional c && Boolean.FALSE.equals(convolutional())) {
            return new CnnToFeedForwardPreProcessor(c.getHeight(), c.getWidth(), c.getChannels(), c.getFormat());
        }
        return null;
    }

    /** No regularisation: the layers are constrained by construction. */
    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return List.of();
    }

    /** State slices (OSSN's u, v) are not trained: {@link NoOp}; parameters use the layer's or network's updater. */
    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return layout().isState(paramName) ? new NoOp() : super.getUpdaterByParam(paramName);
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long params = layout().length();
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, out)
                .standardMemory(params, params).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public LipschitzLayerConfig clone() {
        LipschitzLayerConfig c = (LipschitzLayerConfig) super.clone();
        c.inputShape = inputShape == null ? null : inputShape.clone();
        return c;
    }

    /** Equal DL4J settings, input shape and seed (subclasses add their fields). */
    @Override
    public boolean equals(Object o) {
        return o instanceof LipschitzLayerConfig l && o.getClass() == getClass() && super.equals(o)
                && Arrays.equals(inputShape, l.inputShape) && layerSeed == l.layerSeed;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + Arrays.hashCode(inputShape)) + Long.hashCode(layerSeed);
    }
}
