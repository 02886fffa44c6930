package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.critic.certify.Certificate;
import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import dev.lipschitzw1.provenance.SourceDigest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A critic f: images → ℝ, the {@link LayerNetwork} of the layers {@link WdeCriticFactory} builds from a
 * {@link CriticConfig}, executed eagerly (each layer's forward and backward pass are direct ND4J ops; weights such as
 * the BCOP kernels are built once per step or evaluation):
 * <pre>  f(x) = L_n ∘ … ∘ L_1 (x),   x [N, C, H, W] in the config's precision,   f(x) [N]  </pre>
 * The config is what makes a critic more than its network: it is saved with the parameters ({@link #save},
 * {@link #load}) and rebuilds the same layers, and it can change settings that do not touch the parameters
 * ({@link #withBjorck}). Every computation delegates to the network ({@link #network()}), which the trainers train.
 *
 * <p>Every computation runs in a per-thread ND4J workspace ({@link Workspaces}), so resident memory stays flat over
 * any number of steps; returned arrays are detached. Certification: {@link #materialise()} exports every layer as
 * used by the forward pass, and {@link #certify()} bounds each exactly in double and multiplies the bounds. The
 * critic is mutable through {@link CriticTrainer} only; not thread-safe (one critic per thread).
 */
public final class Critic {

    private final CriticConfig config;
    private final LayerNetwork network;

    private Critic(CriticConfig config) {
        this.config = config;
        this.network = LayerNetwork.of(config.input(), config.precision().dataType(), WdeCriticFactory.layers(config));
    }

    /** A freshly initialised critic (seeded by {@code config.seed()}). */
    public static Critic create(CriticConfig config) {
        return new Critic(config);
    }

    public CriticConfig config() {
        return config;
    }

    /** The network of layers this critic is (what {@link CriticTrainer} and {@link GradientPenaltyTrainer} train). */
    public LayerNetwork network() {
        return network;
    }

    /** The layers in order. */
    public List<LipschitzLayer> layers() {
        return network.layers();
    }

    /** Names of the trainable parameters, in layer order. */
    public List<String> parameterNames() {
        return network.parameterNames();
    }

    /**
     * Copies of everything that defines the critic's function, by name: the trainable parameters and the layers'
     * state (OSSN's power-iteration vectors u, v), in layer order. Restoring them with {@link #setParameters} gives
     * back exactly this function (keep-best, checkpoints and saved critics use it).
     */
    public Map<String, INDArray> parameters() {
        return network.parameters();
    }

    /**
     * Overwrites the parameters and layer state with copies of {@code values} (as returned by {@link #parameters()}).
     *
     * @throws ShapeMismatchException if an entry is missing or has another shape
     */
    public void setParameters(Map<String, INDArray> values) {
        network.setParameters(values);
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        return network.parameterCount();
    }

    /**
     * Scores a batch.
     *
     * @param batch [N, C, H, W] with the config's image shape (any float type; cast to the critic's precision)
     * @return [N] scores f(x_n) in the critic's precision (a detached array)
     * @throws ShapeMismatchException if the batch does not have the critic's image shape
     */
    public INDArray forward(INDArray batch) {
        return network.forward(batch);
    }

    /**
     * Scores many images with the weights built once, in batches of {@value LayerNetwork#EVALUATION_BATCH}, in double.
     *
     * @param images [N, C, H, W] with the config's image shape
     * @throws ShapeMismatchException if the images do not have the critic's image shape
     */
    public double[] scores(INDArray images) {
        return network.scores(images);
    }

    /** Every layer exported from the current weights, as the forward pass uses them, in double. */
    public List<PlainLayer> materialise() {
        return network.materialise();
    }

    /**
     * The certified Lipschitz constant of the critic as it is now: every layer exported ({@link #materialise()}) and
     * bounded exactly in double on its own map size and padding, the network bound being the product
     * ({@link Certificate#networkBound()}). For a BCOP critic this is 1 up to Björck's residual; for OSSN it is the
     * true constant, whatever the layer's running estimate says.
     */
    public Certificate certify() {
        return network.certify();
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
        return network.inputGradient(batch);
    }

    /**
     * Writes the critic (config, parameters and layer state) to one file, atomically: a temporary sibling, then a
     * rename, so {@code file} is either the complete critic or absent/unchanged. See {@link #load}.
     *
     * @throws DataIoException naming the file and the OS reason (full disk, read-only directory) if it cannot be
     *         written; no temporary file is left
     */
    public void save(Path file) {
        save(file, List.of());
    }

    /** As {@link #save(Path)}, the file's manifest recording the data the critic was trained on. */
    public void save(Path file, List<SourceDigest> sources) {
        CriticArchive.save(this, file, sources);
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
        c.setParameters(network.arrays());
        return c;
    }
}
