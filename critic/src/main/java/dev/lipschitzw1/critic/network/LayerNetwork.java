package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.critic.certify.Certificate;
import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.Parameter;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.ShapeMismatchException;
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
 * A network f: images → ℝ made of an explicit chain of {@link LipschitzLayer}s, executed eagerly in one precision:
 * <pre>  f(x) = L_n ∘ … ∘ L_1 (x),   x [N, C, H, W],   f(x) [N]  </pre>
 * What the trainers ({@link CriticTrainer}, {@link GradientPenaltyTrainer}) and the certifier need of a network,
 * whatever built its layers: a {@link Critic} is one built from a {@link CriticConfig}; the generator module's WGAN-GP
 * discriminator is one built from its own layer list ({@link #of}).
 *
 * <p>Every computation runs in a per-thread ND4J workspace ({@link Workspaces}), so resident memory stays flat over
 * any number of steps; returned arrays are detached. Certification: {@link #materialise()} exports every layer as
 * used by the forward pass, and {@link #certify()} bounds each exactly in double and multiplies the bounds. Mutable
 * through the trainers and {@link #setParameters} only; not thread-safe (one network per thread).
 */
public final class LayerNetwork {

    /** Scoring batch of {@link #scores}: weights are built once, images go through in batches of this size. */
    static final int EVALUATION_BATCH = 128;

    private final ImageShape input;
    private final DataType dataType;
    private final List<LipschitzLayer> layers;

    private LayerNetwork(ImageShape input, DataType dataType, List<LipschitzLayer> layers) {
        this.input = input;
        this.dataType = dataType;
        this.layers = List.copyOf(layers);
        int[] shape = input.toArray();
        for (LipschitzLayer layer : this.layers) {
            if (!Arrays.equals(shape, layer.inputShape())) {
                throw new ShapeMismatchException(layer.name() + " input", layer.inputShape(), shape);
            }
            shape = layer.outputShape();
        }
        if (!Arrays.equals(shape, new int[] {1})) {
            throw new ShapeMismatchException("network output", new int[] {1}, shape);
        }
        for (LipschitzLayer layer : this.layers) {
            layer.initialise(dataType);
        }
    }

    /**
     * A network of fresh layers, each initialised now (from its own seed) in {@code dataType}.
     *
     * @param layers not yet initialised, each taking the previous one's output shape, the first {@code input}, the
     *               last ending in {1}
     * @throws ShapeMismatchException if the shapes do not chain from the images to one score
     */
    public static LayerNetwork of(ImageShape input, DataType dataType, List<LipschitzLayer> layers) {
        return new LayerNetwork(input, dataType, layers);
    }

    /** The image shape C×H×W. */
    public ImageShape input() {
        return input;
    }

    /** The precision every layer computes in. */
    public DataType dataType() {
        return dataType;
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
     * Copies of everything that defines the function, by name: the trainable parameters and the layers' state (OSSN's
     * power-iteration vectors u, v), in layer order. Restoring them with {@link #setParameters} gives back exactly this
     * function.
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
     * Overwrites the parameters and layer state with copies of {@code values} (as returned by {@link #parameters()}),
     * each cast to the network's precision.
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
    Map<String, INDArray> arrays() {
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
     * @param batch [N, C, H, W] with the network's image shape (any float type; cast to its precision)
     * @return [N] scores f(x_n) in the network's precision (a detached array)
     * @throws ShapeMismatchException if the batch does not have the network's image shape
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
     * @param images [N, C, H, W] with the network's image shape
     * @throws ShapeMismatchException if the images do not have the network's image shape
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
     * The certified Lipschitz constant of the network as it is now: every layer exported ({@link #materialise()}) and
     * bounded exactly in double on its own map size and padding, the network bound being the product
     * ({@link Certificate#networkBound()}).
     */
    public Certificate certify() {
        return LayerCertification.certify(materialise());
    }

    /**
     * ∇ₓ Σ_n f(x_n) for a batch: per sample, the gradient of f at x_n, [N, C, H, W], in the network's precision (a
     * detached array). Samples do not interact, so row n is ∇f(x_n).
     *
     * @param batch [N, C, H, W] with the network's image shape (any float type; cast to its precision)
     * @throws ShapeMismatchException if the batch does not have the network's image shape
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

    /** Throws unless {@code batch} has the network's image shape. */
    void checkShape(INDArray batch) {
        int[] want = {-1, input.channels(), input.height(), input.width()};
        long[] s = batch.shape();
        if (s.length != 4 || s[1] != want[1] || s[2] != want[2] || s[3] != want[3]) {
            throw new ShapeMismatchException("critic input", want, ints(s));
        }
    }

    /** {@code batch} in the network's precision, c-ordered. */
    INDArray input(INDArray batch) {
        INDArray x = batch.dataType() == dataType ? batch : batch.castTo(dataType);
        return x.isView() || x.ordering() != 'c' ? x.dup('c') : x;
    }

    private static int[] ints(long[] s) {
        return Arrays.stream(s).mapToInt(d -> (int) d).toArray();
    }
}
