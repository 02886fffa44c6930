package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.critic.certify.Certificate;
import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.critic.layers.SameDiffSessions;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A critic f: images → ℝ as one SameDiff graph built from {@link LipschitzLayer}s by {@link WdeCriticFactory}.
 *
 * <p>Graph: placeholder {@value #INPUT} [N, C, H, W] (the config's precision) → layers → {@value #SCORE} [N]; and for
 * training the weighted sum {@value #LOSS} = Σ_n w_n·f(x_n) with the placeholder {@value #WEIGHTS} [N]. Real and fake
 * batches are fed as one concatenated batch (weights −1/n_real and +1/n_fake give mean f(fake) − mean f(real)), so
 * the orthogonal weights are built once per training step.
 *
 * <p>Certification: {@link #materialise()} exports every layer as used by the forward pass, and
 * {@link #certify()} bounds each exactly in double and multiplies the bounds. The critic is mutable through
 * {@link CriticTrainer} only; not thread-safe.
 */
public final class Critic {

    /** Name of the input placeholder. */
    public static final String INPUT = "input";
    /** Name of the score output [N]. */
    public static final String SCORE = "score";
    /** Name of the per-sample loss-weight placeholder [N]. */
    public static final String WEIGHTS = "lossWeights";
    /** Name of the scalar loss Σ w·f. */
    public static final String LOSS = "loss";

    private final CriticConfig config;
    private final List<LipschitzLayer> layers;
    private final SameDiff sd;
    private SameDiff gradientGraph;

    private Critic(CriticConfig config, List<LipschitzLayer> layers) {
        this.config = config;
        this.layers = List.copyOf(layers);
        this.sd = buildGraph(config, this.layers, false);
    }

    /**
     * The critic's graph. With {@code inputVariable} the input is a VARIABLE (for gradients with respect to it, which
     * SameDiff does not compute for placeholders) instead of a placeholder.
     */
    private static SameDiff buildGraph(CriticConfig config, List<LipschitzLayer> layers, boolean inputVariable) {
        SameDiffSessions.install();
        SameDiff sd = SameDiff.create();
        DataType dt = config.precision().dataType();
        ImageShape in = config.input();
        SDVariable h = inputVariable
                ? sd.var(INPUT, Nd4j.zeros(dt, 1, in.channels(), in.height(), in.width()))
                : sd.placeHolder(INPUT, dt, -1, in.channels(), in.height(), in.width());
        int[] shape = in.toArray();
        for (LipschitzLayer layer : layers) {
            if (!Arrays.equals(shape, layer.inputShape())) {
                throw new ShapeMismatchException(layer.name() + " input", layer.inputShape(), shape);
            }
            h = layer.apply(sd, h);
            shape = layer.outputShape();
        }
        if (!Arrays.equals(shape, new int[] {1})) {
            throw new ShapeMismatchException("critic output", new int[] {1}, shape);
        }
        SDVariable score = sd.reshape(SCORE, h, -1);
        SDVariable weights = sd.placeHolder(WEIGHTS, dt, -1);
        sd.setLossVariables(sd.sum(LOSS, score.mul(weights)));
        return sd;
    }

    /** A freshly initialised critic (seeded by {@code config.seed()}). */
    public static Critic create(CriticConfig config) {
        return new Critic(config, WdeCriticFactory.layers(config));
    }

    public CriticConfig config() {
        return config;
    }

    /** The layers in order. */
    public List<LipschitzLayer> layers() {
        return layers;
    }

    /** Names of the trainable variables, in layer order. */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (LipschitzLayer layer : layers) {
            names.addAll(layer.parameterNames());
        }
        return names;
    }

    /** Copies of the trainable parameters, by name. */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        for (String name : parameterNames()) {
            p.put(name, sd.getVariable(name).getArr().dup());
        }
        return p;
    }

    /**
     * Overwrites the trainable parameters with copies of {@code values} (e.g. the best epoch's, from
     * {@link #parameters()}).
     *
     * @throws ShapeMismatchException if a parameter is missing or has another shape
     */
    public void setParameters(Map<String, INDArray> values) {
        for (String name : parameterNames()) {
            INDArray target = sd.getVariable(name).getArr();
            INDArray source = values.get(name);
            if (source == null || !Arrays.equals(source.shape(), target.shape())) {
                throw new ShapeMismatchException("parameter " + name,
                        Arrays.stream(target.shape()).mapToInt(d -> (int) d).toArray(),
                        source == null ? new int[0] : Arrays.stream(source.shape()).mapToInt(d -> (int) d).toArray());
            }
            target.assign(source);
        }
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (String name : parameterNames()) {
            n += sd.getVariable(name).getArr().length();
        }
        return n;
    }

    /**
     * Scores a batch.
     *
     * @param batch [N, C, H, W] with the config's image shape (any float type; cast to the critic's precision)
     * @return [N] scores f(x_n) in the critic's precision
     * @throws ShapeMismatchException if the batch does not have the critic's image shape
     */
    public INDArray forward(INDArray batch) {
        return sd.output(Map.of(INPUT, input(batch)), SCORE).get(SCORE);
    }

    /** Every layer exported from the current weights, as the forward pass uses them, in double. */
    public List<PlainLayer> materialise() {
        List<PlainLayer> plain = new ArrayList<>();
        for (LipschitzLayer layer : layers) {
            plain.add(layer.export(sd));
        }
        return plain;
    }

    /**
     * The certified Lipschitz constant of the critic as it is now: every layer exported ({@link #materialise()}) and
     * bounded exactly in double on its own map size and padding, the network bound being the product
     * ({@link Certificate#networkBound()}). For a BCOP critic this is 1 up to Björck's residual; for OSSN it is the
     * true constant, whatever the layer's running estimate says.
     */
    public Certificate certify() {
        return LayerCertification.certify(materialise());
    }

    /**
     * ∇ₓ Σ_n f(x_n) for a batch: per sample, the gradient of f at x_n, [N, C, H, W], in the critic's precision (a new
     * array the caller owns). Samples do not interact, so row n is ∇f(x_n); for a certified critic its norm is at most
     * the certified bound. Used by a generator trained against this critic (the generator's loss −mean f(G(z)) has
     * input gradient −∇f(G(z))/N). Uses a second graph built from the same layers whose input is a VARIABLE (SameDiff
     * computes no gradients with respect to placeholders); its variables are copied from this critic on every call.
     *
     * @param batch [N, C, H, W] with the config's image shape (any float type; cast to the critic's precision)
     * @throws ShapeMismatchException if the batch does not have the critic's image shape
     */
    public INDArray inputGradient(INDArray batch) {
        INDArray x = input(batch);
        if (gradientGraph == null) {
            gradientGraph = buildGraph(config, layers, true);
        }
        INDArray current = gradientGraph.getVariable(INPUT).getArr();
        if (Arrays.equals(current.shape(), x.shape())) {
            current.assign(x);
        } else {
            gradientGraph.getVariable(INPUT).setArray(x.dup());
        }
        copyVariables(sd, gradientGraph, "input-gradient graph");
        INDArray ones = Nd4j.ones(config.precision().dataType(), x.size(0));
        return QuietSameDiff.call(() -> gradientGraph.calculateGradients(Map.of(WEIGHTS, ones), INPUT)).get(INPUT);
    }

    /**
     * Writes the critic (config and every variable) to one file, atomically: a temporary sibling, then a rename, so
     * {@code file} is either the complete critic or absent/unchanged. See {@link #load}.
     *
     * @throws DataIoException naming the file and the OS reason (full disk, read-only directory) if it cannot be
     *         written; no temporary file is left
     */
    public void save(Path file) {
        CriticArchive.save(this, file);
    }

    /**
     * Reads a critic written by {@link #save}: rebuilds the graph from the stored config and restores every
     * variable, so that it scores exactly as the saved one.
     *
     * @throws DataIoException if the file cannot be opened (missing, unreadable, a directory)
     * @throws CorruptDataException naming the file and what is wrong if it is not such a file (no zip signature,
     *         truncated, entries missing, a config that is not a critic's) or its variables do not match its config
     */
    public static Critic load(Path file) {
        return CriticArchive.load(file);
    }

    /** The graph, for the trainer, diagnostics and save/load of this package. */
    SameDiff graph() {
        return sd;
    }

    /** A critic built from {@code config} holding the variables (parameters and layer state) of {@code source}. */
    static Critic withVariablesOf(CriticConfig config, SameDiff source, String where) {
        Critic c = new Critic(config, WdeCriticFactory.layers(config));
        copyVariables(source, c.sd, where);
        return c;
    }

    /**
     * This critic's parameters in a critic with other Björck settings (e.g. more iterations for evaluation and
     * certification); the weights the new critic uses are those settings applied to the same parameters.
     */
    public Critic withBjorck(BjorckConfig bjorck) {
        return withVariablesOf(config.withBjorck(bjorck), sd, "critic with " + bjorck);
    }

    /** Copies every VARIABLE of {@code to} (except the input) from the same-named variable of {@code from}. */
    static void copyVariables(SameDiff from, SameDiff to, String where) {
        for (SDVariable v : to.variables()) {
            if (v.getVariableType() != VariableType.VARIABLE || v.name().equals(INPUT)) {
                continue;
            }
            SDVariable src = from.getVariable(v.name());
            INDArray target = v.getArr();
            if (src == null || src.getArr() == null) {
                throw new ShapeMismatchException(where + ": variable " + v.name() + " missing",
                        Arrays.stream(target.shape()).mapToInt(d -> (int) d).toArray(), new int[0]);
            }
            INDArray value = src.getArr();
            if (!Arrays.equals(value.shape(), target.shape())) {
                throw new ShapeMismatchException(where + ": variable " + v.name(),
                        Arrays.stream(target.shape()).mapToInt(d -> (int) d).toArray(),
                        Arrays.stream(value.shape()).mapToInt(d -> (int) d).toArray());
            }
            if (value != target) {
                target.assign(value.castTo(target.dataType()));
            }
        }
    }

    /** Throws unless {@code batch} has the critic's image shape. */
    void forwardShapeCheck(INDArray batch) {
        input(batch);
    }

    private INDArray input(INDArray batch) {
        int[] want = {-1, config.input().channels(), config.input().height(), config.input().width()};
        long[] s = batch.shape();
        if (s.length != 4 || s[1] != want[1] || s[2] != want[2] || s[3] != want[3]) {
            throw new ShapeMismatchException("critic input", want, Arrays.stream(s).mapToInt(d -> (int) d).toArray());
        }
        DataType dt = config.precision().dataType();
        return batch.dataType() == dt ? batch : batch.castTo(dt);
    }
}
