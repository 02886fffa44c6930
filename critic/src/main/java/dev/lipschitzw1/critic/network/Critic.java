package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.critic.certify.Certificate;
import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.Parameter;
import dev.lipschitzw1.critic.layers.PlainLayer;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A critic f: images → ℝ, a chain of {@link LipschitzLayer}s built by {@link WdeCriticFactory} and executed eagerly
 * (each layer's forward and backward pass are direct ND4J ops; weights such as the BCOP kernels are built once per
 * step or evaluation):
 * <pre>  f(x) = L_n ∘ … ∘ L_1 (x),   x [N, C, H, W] in the config's precision,   f(x) [N]  </pre>
 *
 * <p>Every computation runs in a per-thread ND4J workspace ({@link Workspaces}), so resident memory stays flat over
 * any number of steps; returned arrays are detached. Certification: {@link #materialise()} exports every layer as
 * used by the forward pass, and {@link #certify()} bounds each exactly in double and multiplies the bounds. The
 * critic is mutable through {@link CriticTrainer} only; not thread-safe (one critic per thread).
 */
public final class Critic {

    /** Scoring batch of {@link #scores}: weights are built once, images go through in batches of this size. */
    static final int EVALUATION_BATCH = 128;

    private final CriticConfig config;
    private final List<LipschitzLayer> layers;

    private Critic(CriticConfig config, List<LipschitzLayer> layers) {
        this.config = config;
        this.layers = List.copyOf(layers);
        ImageShape in = config.input();
        int[] shape = in.toArray();
        for (LipschitzLayer layer : this.layers) {
            if (!Arrays.equals(shape, layer.inputShape())) {
                throw new ShapeMismatchException(layer.name() + " input", layer.inputShape(), shape);
            }
            shape = layer.outputShape();
        }
        if (!Arrays.equals(shape, new int[] {1})) {
            throw new ShapeMismatchException("critic output", new int[] {1}, shape);
        }
        for (LipschitzLayer layer : this.layers) {
            layer.initialise(config.precision().dataType());
        }
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

    /** The trainable parameters in layer order (the layers' own arrays), for the trainers. */
    List<Parameter> parameterList() {
        List<Parameter> p = new ArrayList<>();
        for (LipschitzLayer layer : layers) {
            p.addAll(layer.parameters());
        }
        return p;
    }

    /** Names of the trainable parameters, in layer order. */
    public List<String> parameterNames() {
        return parameterList().stream().map(Parameter::name).toList();
    }

    /**
     * Copies of everything that defines the critic's function, by name: the trainable parameters and the layers'
     * state (OSSN's power-iteration vectors u, v), in layer order. Restoring them with {@link #setParameters} gives
     * back exactly this function (keep-best, checkpoints and saved critics use it).
     */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (Map.Entry<String, INDArray> e : arrays().entrySet()) {
                p.put(e.getKey(), e.getValue().dup());
            }
        }
        return p;
    }

    /**
     * Overwrites the parameters and layer state with copies of {@code values} (as returned by {@link #parameters()}).
     *
     * @throws ShapeMismatchException if an entry is missing or has another shape
     */
    public void setParameters(Map<String, INDArray> values) {
        for (Map.Entry<String, INDArray> e : arrays().entrySet()) {
            INDArray target = e.getValue();
            INDArray source = values.get(e.getKey());
            if (source == null || !Arrays.equals(source.shape(), target.shape())) {
                throw new ShapeMismatchException("parameter " + e.getKey(), ints(target.shape()),
                        source == null ? new int[0] : ints(source.shape()));
            }
            target.assign(source.castTo(target.dataType()));
        }
    }

    /** The layers' own parameter and state arrays by name. */
    private Map<String, INDArray> arrays() {
        Map<String, INDArray> a = new LinkedHashMap<>();
        for (LipschitzLayer layer : layers) {
            for (Parameter p : layer.parameters()) {
                a.put(p.name(), p.value());
            }
            a.putAll(layer.state());
        }
        return a;
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        return parameterList().stream().mapToLong(p -> p.value().length()).sum();
    }

    /**
     * Scores a batch.
     *
     * @param batch [N, C, H, W] with the config's image shape (any float type; cast to the critic's precision)
     * @return [N] scores f(x_n) in the critic's precision (a detached array)
     * @throws ShapeMismatchException if the batch does not have the critic's image shape
     */
    public INDArray forward(INDArray batch) {
        checkShape(batch);
        try (MemoryWorkspace ws = Workspaces.open(Workspaces.EVALUATION)) {
            prepare(false);
            return run(input(batch)).detach();
        }
    }

    /**
     * Scores many images with the weights built once, in batches of {@value #EVALUATION_BATCH}, in double.
     *
     * @param images [N, C, H, W] with the config's image shape
     * @throws ShapeMismatchException if the images do not have the critic's image shape
     */
    public double[] scores(INDArray images) {
        checkShape(images);
        long n = images.size(0);
        double[] out = new double[(int) n];
        try (MemoryWorkspace ws = Workspaces.open(Workspaces.EVALUATION)) {
            prepare(false);
            for (long from = 0; from < n; from += EVALUATION_BATCH) {
                long to = Math.min(n, from + EVALUATION_BATCH);
                try (MemoryWorkspace batch = Workspaces.open(Workspaces.BATCH)) {
                    double[] s = run(input(images.get(NDArrayIndex.interval(from, to)))).castTo(DataType.DOUBLE)
                            .toDoubleVector();
                    System.arraycopy(s, 0, out, (int) from, s.length);
                }
            }
        }
        return out;
    }

    /** Every layer exported from the current weights, as the forward pass uses them, in double. */
    public List<PlainLayer> materialise() {
        List<PlainLayer> plain = new ArrayList<>();
        try (MemoryWorkspace ws = Workspaces.open(Workspaces.EVALUATION)) {
            for (LipschitzLayer layer : layers) {
                plain.add(layer.export());
            }
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
     * ∇ₓ Σ_n f(x_n) for a batch: per sample, the gradient of f at x_n, [N, C, H, W], in the critic's precision (a
     * detached array). Samples do not interact, so row n is ∇f(x_n); for a certified critic its norm is at most the
     * certified bound. Used by a generator trained against this critic and by the gradient-norm diagnostics.
     *
     * @param batch [N, C, H, W] with the config's image shape (any float type; cast to the critic's precision)
     * @throws ShapeMismatchException if the batch does not have the critic's image shape
     */
    public INDArray inputGradient(INDArray batch) {
        checkShape(batch);
        try (MemoryWorkspace ws = Workspaces.open(Workspaces.EVALUATION)) {
            prepare(false);
            INDArray x = input(batch);
            run(x);
            INDArray g = Nd4j.ones(x.dataType(), x.size(0), 1);
            for (int i = layers.size() - 1; i >= 0; i--) {
                g = layers.get(i).backward(g, false);
            }
            return g.detach();
        }
    }

    /**
     * Writes the critic (config, parameters and layer state) to one file, atomically: a temporary sibling, then a
     * rename, so {@code file} is either the complete critic or absent/unchanged. See {@link #load}.
     *
     * @throws DataIoException naming the file and the OS reason (full disk, read-only directory) if it cannot be
     *         written; no temporary file is left
     */
    public void save(Path file) {
        CriticArchive.save(this, file);
    }

    /**
     * Reads a critic written by {@link #save}: rebuilds the layers from the stored config and restores every
     * parameter and state array, so that it scores exactly as the saved one.
     *
     * @throws DataIoException if the file cannot be opened (missing, unreadable, a directory)
     * @throws CorruptDataException naming the file and what is wrong if it is not such a file (no zip signature,
     *         truncated, entries missing, a config that is not a critic's) or its arrays do not match its config
     */
    public static Critic load(Path file) {
        return CriticArchive.load(file);
    }

    /**
     * This critic's parameters in a critic with other Björck settings (e.g. more iterations for evaluation and
     * certification); the weights the new critic uses are those settings applied to the same parameters.
     */
    public Critic withBjorck(BjorckConfig bjorck) {
        Critic c = create(config.withBjorck(bjorck));
        c.setParameters(arrays());
        return c;
    }

    /** Builds every layer's weights for the computations that follow (in the caller's workspace). */
    void prepare(boolean training) {
        for (LipschitzLayer layer : layers) {
            layer.prepare(training);
        }
    }

    /** f(x) [N] through the prepared layers (caching what backward needs). */
    INDArray run(INDArray x) {
        INDArray h = x;
        for (LipschitzLayer layer : layers) {
            h = layer.forward(h);
        }
        return h.reshape(h.size(0));
    }

    /** Throws unless {@code batch} has the critic's image shape. */
    void checkShape(INDArray batch) {
        int[] want = {-1, config.input().channels(), config.input().height(), config.input().width()};
        long[] s = batch.shape();
        if (s.length != 4 || s[1] != want[1] || s[2] != want[2] || s[3] != want[3]) {
            throw new ShapeMismatchException("critic input", want, ints(s));
        }
    }

    /** {@code batch} in the critic's precision, c-ordered. */
    INDArray input(INDArray batch) {
        DataType dt = config.precision().dataType();
        INDArray x = batch.dataType() == dt ? batch : batch.castTo(dt);
        return x.isView() || x.ordering() != 'c' ? x.dup('c') : x;
    }

    private static int[] ints(long[] s) {
        return Arrays.stream(s).mapToInt(d -> (int) d).toArray();
    }
}
