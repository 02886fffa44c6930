package dev.lipschitzw1.dl4j.conf;

import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.dl4j.layers.ParameterLayout;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Slices DL4J's flat parameter and gradient views for a {@link LipschitzLayerConfig} ({@link ParameterLayout}) and,
 * when asked to initialise, writes the engine layer's own seeded initial values into them (so a DL4J layer starts
 * exactly where the engine layer of the same seed starts). Weight keys are the trained parameters except {@code b};
 * bias keys {@code b}; state keys are neither.
 */
public final class EngineParamInitializer implements ParamInitializer {

    /** The one instance (stateless). */
    public static final EngineParamInitializer INSTANCE = new EngineParamInitializer();

    private EngineParamInitializer() {
    }

    private static LipschitzLayerConfig config(Layer layer) {
        return (LipschitzLayerConfig) layer;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return config(layer).layout().length();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return config(layer).layout().keys();
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return config(layer).layout().entries().stream().filter(e -> !e.state() && !e.key().equals("b"))
                .map(ParameterLayout.Entry::key).toList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return config(layer).layout().entries().stream().filter(e -> !e.state() && e.key().equals("b"))
                .map(ParameterLayout.Entry::key).toList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return biasKeys(layer).contains(key);
    }

    /**
     * The views of {@code paramsView}; with {@code initializeParams}, filled with the engine layer's initial values
     * for seed {@link LipschitzLayerConfig#engineSeed} in the view's data type.
     */
    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        LipschitzLayerConfig c = config(conf.getLayer());
        Map<String, INDArray> views = c.layout().views(paramsView);
        if (initializeParams && !views.isEmpty()) {
            LipschitzLayer engine = c.engineLayer(c.nameOrDefault(), c.engineSeed(conf.getSeed()));
            engine.initialise(paramsView.dataType());
            Map<String, INDArray> initial = ParameterLayout.arrays(engine);
            for (Map.Entry<String, INDArray> v : views.entrySet()) {
                INDArray source = initial.get(v.getKey());
                if (source == null || source.length() != v.getValue().length()) {
                    throw new ShapeMismatchException(c.nameOrDefault() + "/" + v.getKey(),
                            new int[] {(int) v.getValue().length()}, new int[] {source == null ? 0 : (int) source.length()});
                }
                v.getValue().assign(source.reshape(v.getValue().shape()));
            }
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return config(conf.getLayer()).layout().views(gradientView);
    }
}
