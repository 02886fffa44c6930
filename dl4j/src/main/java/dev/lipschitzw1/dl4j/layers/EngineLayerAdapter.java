package dev.lipschitzw1.dl4j.layers;

import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.Parameter;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.dl4j.conf.LipschitzLayerConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs an engine {@link LipschitzLayer} as a DL4J layer. The engine layer keeps its own parameter and gradient arrays;
 * DL4J keeps the network's in flat views. They are copied at known points (docs/decisions.md 45):
 * <pre>
 *   activate(x)        view → engine values;  [OSSN, training, once per iteration: power iteration, state → view]
 *                      prepare(false);  y = forward(x)                       (y in DL4J's activation workspace)
 *   backpropGradient   view → engine values;  zero engine gradients;  prepare(true);  forward(x) again;
 *                      dx = backward(ε);  finishBackward();  engine gradients → gradient view (state: 0)
 * </pre>
 * The forward pass is recomputed in {@code backpropGradient} (as DL4J's own convolution layer recomputes its
 * pre-output) because the engine layer keeps what its backward pass needs (padded input, Björck's tape, MaxMin's
 * masks) in the workspace that was open during its forward pass, and DL4J closes the forward pass's working memory
 * before back-propagation. The output is the engine's forward pass exactly, so a network of these layers computes what
 * the engine computes.
 */
public final class EngineLayerAdapter extends AbstractLayer<LipschitzLayerConfig> {

    private INDArray paramsFlat;
    private INDArray gradientsFlat;
    private Map<String, INDArray> params = Collections.emptyMap();
    private Map<String, INDArray> gradientViews = Collections.emptyMap();
    private LipschitzLayer engine;
    private int lastPowerIteration = -1;
    private Gradient gradient;

    public EngineLayerAdapter(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The engine layer, its arrays created in the network's data type (built on first use). */
    private LipschitzLayer engine() {
        if (engine == null) {
            LipschitzLayerConfig c = layerConf();
            engine = c.engineLayer(c.nameOrDefault(), c.engineSeed(conf.getSeed()));
            engine.initialise(dataType);
        }
        return engine;
    }

    /** Copies the DL4J parameter views into the engine layer's arrays. */
    private void loadParameters() {
        Map<String, INDArray> target = ParameterLayout.arrays(engine());
        for (Map.Entry<String, INDArray> p : params.entrySet()) {
            target.get(p.getKey()).assign(p.getValue());
        }
    }

    /**
     * The layer as its forward pass uses the current parameters, in double ({@link LipschitzLayer#export}), for the
     * certifier.
     */
    public PlainLayer export() {
        loadParameters();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return engine().export();
        }
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        loadParameters();
        if (training && !engine().state().isEmpty() && lastPowerIteration != getIterationCount()) {
            // OSSN: one power iteration per training iteration, before its forward pass (the trainer's
            // beforeTrainingStep); the refreshed u, v go back into the saved parameter view.
            lastPowerIteration = getIterationCount();
            engine().beforeTrainingStep();
            Map<String, INDArray> state = ParameterLayout.arrays(engine());
            for (String key : engine().state().keySet()) {
                params.get(ParameterLayout.key(key)).assign(state.get(ParameterLayout.key(key)));
            }
        }
        engine().prepare(false);
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, engine().forward(engineInput()));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        loadParameters();
        LipschitzLayer e = engine();
        for (Parameter p : e.parameters()) {
            p.zeroGrad();
        }
        e.prepare(true);
        e.forward(engineInput());
        INDArray dx = e.backward(contiguous(epsilon), true);
        e.finishBackward();
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (Parameter p : e.parameters()) {
            grads.put(ParameterLayout.key(p.name()), p.grad());
        }
        Gradient g = new DefaultGradient(gradientsFlat);
        for (Map.Entry<String, INDArray> v : gradientViews.entrySet()) {
            INDArray source = grads.get(v.getKey());
            if (source == null) {
                v.getValue().assign(0);
            } else {
                v.getValue().assign(source.reshape(v.getValue().shape()));
            }
            g.gradientForVariable().put(v.getKey(), v.getValue());
        }
        gradient = g;
        return new Pair<>(g, workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, dx));
    }

    /** The input in the network's data type, c-ordered and contiguous, as the engine's kernels expect. */
    private INDArray engineInput() {
        return contiguous(input);
    }

    private INDArray contiguous(INDArray a) {
        INDArray x = a.dataType() == dataType ? a : a.castTo(dataType);
        return x.isView() || x.ordering() != 'c' ? x.dup('c') : x;
    }

    @Override
    public Gradient gradient() {
        return gradient;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
    }

    @Override
    public Type type() {
        return layerConf().getInputShape() != null && layerConf().getInputShape().length == 3 ? Type.CONVOLUTIONAL
                : Type.FEED_FORWARD;
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return 0;
    }

    @Override
    public INDArray params() {
        return paramsFlat;
    }

    @Override
    public long numParams() {
        return paramsFlat == null ? 0 : paramsFlat.length();
    }

    @Override
    public INDArray getParam(String key) {
        return params.get(key);
    }

    @Override
    public void setParam(String key, INDArray value) {
        params.get(key).assign(value);
    }

    @Override
    public void setParams(INDArray values) {
        if (values != null && paramsFlat != null && values != paramsFlat) {
            paramsFlat.assign(values.reshape(paramsFlat.shape()));
        }
    }

    @Override
    public void setParamsViewArray(INDArray view) {
        this.paramsFlat = view;
    }

    @Override
    public void setParamTable(Map<String, INDArray> table) {
        this.params = table == null ? Collections.emptyMap() : new LinkedHashMap<>(table);
    }

    @Override
    public Map<String, INDArray> paramTable() {
        return paramTable(false);
    }

    @Override
    public Map<String, INDArray> paramTable(boolean backpropParamsOnly) {
        return Collections.unmodifiableMap(params);
    }

    @Override
    public INDArray getGradientsViewArray() {
        return gradientsFlat;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray view) {
        this.gradientsFlat = view;
        this.gradientViews = view == null ? Collections.emptyMap()
                : layerConf().initializer().getGradientsFromFlattened(conf, view);
    }
}
