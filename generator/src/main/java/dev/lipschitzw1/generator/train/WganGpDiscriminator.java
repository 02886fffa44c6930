package dev.lipschitzw1.generator.train;

import dev.lipschitzw1.critic.layers.Dense;
import dev.lipschitzw1.critic.layers.Flatten;
import dev.lipschitzw1.critic.layers.LeakyRelu;
import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.StridedConv2d;
import dev.lipschitzw1.critic.network.LayerNetwork;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.ShapeMismatchException;
import dev.lipschitzw1.generator.StreamSeeds;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The WGAN-GP discriminator D ({@link DiscriminatorArchitecture}) as a {@link LayerNetwork} of the training engine's
 * layers, which the critic module's {@link dev.lipschitzw1.critic.network.GradientPenaltyTrainer} trains with its
 * penalty ({@link DiscriminatorCritic}):
 * <pre>  conv1  StridedConv2d 4×4/2, pad 1, C → c₁      act1  LeakyRelu(α)
 *   conv2  StridedConv2d 4×4/2, pad 1, c₁ → c₂     act2  LeakyRelu(α)
 *   flatten c₂·(H/4)·(W/4)
 *   fc1    Dense → h                                act3  LeakyRelu(α)
 *   fc2    Dense → 1  </pre>
 * Every layer has the Jacobian–vector products the penalty's parameter gradient needs, so D's input gradient and its
 * derivative are computed by the same code as the critic module's GP critic (docs/decisions.md 53).
 *
 * <p>Parameters as the generator module names and stores them (checkpoints, {@link #parameters()}):
 * {@code conv1.W} [4, 4, C, c₁] (YXIO), {@code conv1.b}, {@code conv2.W} [4, 4, c₁, c₂], {@code conv2.b},
 * {@code fc1.W} [c₂HW/16, h], {@code fc1.b}, {@code fc2.W} [h, 1], {@code fc2.b} [1]; the engine's are
 * {@code conv1/W} … with the dense weights transposed ([out, in]), and {@link #toEngine} / {@link #fromEngine} map one
 * onto the other exactly (a renaming and a transposition). Initialisation U(±1/√fan_in) per tensor, fan_in = 16·c_in
 * for a convolution and the input width for a dense layer (biases take their layer's bound), each tensor drawn in
 * row-major order of its stored shape from its own stream {@link StreamSeeds#of(long, String)}("discriminator:" + name),
 * in double, then cast. Not thread-safe.
 */
public final class WganGpDiscriminator {
    private static final String[] DENSE_WEIGHTS = {"fc1.W", "fc2.W"};

    private final DiscriminatorArchitecture architecture;
    private final LayerNetwork network;

    private WganGpDiscriminator(DiscriminatorArchitecture architecture, DataType dataType,
                                Map<String, INDArray> values) {
        this.architecture = architecture;
        this.network = LayerNetwork.of(architecture.input(), dataType, layers(architecture));
        setParameters(values);
    }

    /** A freshly initialised discriminator (see the class comment). */
    public static WganGpDiscriminator initialise(DiscriminatorArchitecture architecture, long seed, DataType dataType) {
        Map<String, INDArray> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = parameterShapes(architecture);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                long[] shape = e.getValue();
                long[] weightShape = shapes.get(e.getKey().substring(0, e.getKey().indexOf('.')) + ".W");
                long fanIn = weightShape.length == 4 ? weightShape[0] * weightShape[1] * weightShape[2]
                        : weightShape[0];
                double bound = 1.0 / Math.sqrt(fanIn);
                SplittableRandom rng = new SplittableRandom(StreamSeeds.of(seed, "discriminator:" + e.getKey()));
                double[] v = new double[(int) Arrays.stream(shape).reduce(1, Math::multiplyExact)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = bound * (2 * rng.nextDouble() - 1);
                }
                values.put(e.getKey(), Nd4j.create(v, shape, 'c'));
            }
        }
        return new WganGpDiscriminator(architecture, dataType, values);
    }

    /**
     * A discriminator with the given parameter values (copied, cast to {@code dataType}), e.g. from a checkpoint.
     *
     * @throws ShapeMismatchException if a tensor is missing or misshapen
     */
    public static WganGpDiscriminator withParameters(DiscriminatorArchitecture architecture,
                                                     Map<String, INDArray> values, DataType dataType) {
        return new WganGpDiscriminator(architecture, dataType, values);
    }

    /** The engine layers of the class comment, in order (their own initialisation is overwritten). */
    private static List<LipschitzLayer> layers(DiscriminatorArchitecture a) {
        int k = DiscriminatorArchitecture.KERNEL;
        ImageShape s = a.input();
        StridedConv2d conv1 = new StridedConv2d("conv1", s.toArray(), a.conv1(), k, 2, true, 0);
        LeakyRelu act1 = new LeakyRelu("act1", conv1.outputShape(), a.slope());
        StridedConv2d conv2 = new StridedConv2d("conv2", act1.outputShape(), a.conv2(), k, 2, true, 0);
        LeakyRelu act2 = new LeakyRelu("act2", conv2.outputShape(), a.slope());
        Flatten flatten = new Flatten("flatten", act2.outputShape());
        Dense fc1 = new Dense("fc1", a.flatSize(), a.hidden(), true, 0);
        LeakyRelu act3 = new LeakyRelu("act3", new int[] {a.hidden()}, a.slope());
        Dense fc2 = new Dense("fc2", a.hidden(), 1, true, 0);
        return List.of(conv1, act1, conv2, act2, flatten, fc1, act3, fc2);
    }

    /**
     * Checks that {@code values} holds every parameter of the architecture with its shape.
     *
     * @throws ShapeMismatchException naming the first tensor that is missing or misshapen
     */
    static void requireShapes(DiscriminatorArchitecture architecture, Map<String, INDArray> values) {
        for (Map.Entry<String, long[]> e : parameterShapes(architecture).entrySet()) {
            INDArray v = values.get(e.getKey());
            if (v == null || !Arrays.equals(e.getValue(), v.shape())) {
                throw new ShapeMismatchException("discriminator parameter " + e.getKey(),
                        Arrays.stream(e.getValue()).mapToInt(x -> (int) x).toArray(),
                        v == null ? new int[0] : Arrays.stream(v.shape()).mapToInt(x -> (int) x).toArray());
            }
        }
    }

    /** Names and shapes of the parameters as stored (class comment), in a fixed order. */
    public static Map<String, long[]> parameterShapes(DiscriminatorArchitecture a) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        int k = DiscriminatorArchitecture.KERNEL;
        shapes.put("conv1.W", new long[] {k, k, a.input().channels(), a.conv1()});
        shapes.put("conv1.b", new long[] {a.conv1()});
        shapes.put("conv2.W", new long[] {k, k, a.conv1(), a.conv2()});
        shapes.put("conv2.b", new long[] {a.conv2()});
        shapes.put("fc1.W", new long[] {a.flatSize(), a.hidden()});
        shapes.put("fc1.b", new long[] {a.hidden()});
        shapes.put("fc2.W", new long[] {a.hidden(), 1});
        shapes.put("fc2.b", new long[] {1});
        return shapes;
    }

    /**
     * Stored names and layouts → the engine's: {@code fc1.W} → {@code fc1/W} transposed, {@code conv1.b} →
     * {@code conv1/b}, … (also for optimiser moments, which are elementwise). Arrays are copied.
     */
    static Map<String, INDArray> toEngine(Map<String, INDArray> stored) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            stored.forEach((name, v) -> out.put(name.replace('.', '/'), isDenseWeight(name) ? v.transpose().dup('c')
                    : v.dup('c')));
        }
        return out;
    }

    /** The engine's names and layouts → the stored ones: the inverse of {@link #toEngine}. */
    static Map<String, INDArray> fromEngine(Map<String, INDArray> engine) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            engine.forEach((name, v) -> {
                String stored = name.replace('/', '.');
                out.put(stored, isDenseWeight(stored) ? v.transpose().dup('c') : v.dup('c'));
            });
        }
        return out;
    }

    private static boolean isDenseWeight(String storedName) {
        return Arrays.asList(DENSE_WEIGHTS).contains(storedName);
    }

    public DiscriminatorArchitecture architecture() {
        return architecture;
    }

    public DataType dataType() {
        return network.dataType();
    }

    /** The engine network (what the trainers update, and what {@link LayerNetwork#certify()} bounds). */
    public LayerNetwork network() {
        return network;
    }

    /** Copies of the parameters by stored name and layout (class comment). */
    public Map<String, INDArray> parameters() {
        return fromEngine(network.parameters());
    }

    /**
     * Overwrites the parameters with copies of {@code values} (stored names and layout), cast to the network's type.
     *
     * @throws ShapeMismatchException if a tensor is missing or misshapen
     */
    public void setParameters(Map<String, INDArray> values) {
        requireShapes(architecture, values);
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        parameterShapes(architecture).keySet().forEach(name -> ordered.put(name, values.get(name)));
        network.setParameters(toEngine(ordered));
    }

    /** The scores D(x_i), in double. */
    public double[] scores(INDArray x) {
        return network.scores(x);
    }

    /** The input gradient ∇ₓD(x_i) of each image, [n, C, H, W], in the discriminator's precision. */
    public INDArray inputGradient(INDArray x) {
        return network.inputGradient(x);
    }
}
