package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.critic.layers.Parameter;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.lipschitzw1.critic.tensor.Ops;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The project's one optimiser, with PyTorch's update rules ({@link OptimiserConfig}; g the gradient, t the step from
 * 1):
 * <pre>
 *   RMSPROP:  v ← α·v + (1 − α)·g²;                 θ ← θ − lr·g / (√v + ε)
 *   ADAM:     m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²;
 *             θ ← θ − (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * applied in place to each {@link Parameter} from its accumulated gradient. ND4J's Adam updater folds the bias
 * corrections into the step size and adds ε to √v unscaled, which differs from the reference implementation's PyTorch
 * optimiser near v ≈ ε²; this class keeps PyTorch's arithmetic and order of operations (docs/decisions.md 25).
 * State: first moments {@code m/<name>}, second moments {@code v/<name>} (allocated outside any workspace on first
 * use) and the step count.
 */
public final class Optimiser {

    private OptimiserConfig config;
    private final Map<String, INDArray> first = new TreeMap<>();
    private final Map<String, INDArray> second = new TreeMap<>();
    private long steps;

    public Optimiser(OptimiserConfig config) {
        this.config = config;
    }

    public OptimiserConfig config() {
        return config;
    }

    /** Changes the learning rate from the next step on; the state is kept. */
    public void setLearningRate(double lr) {
        config = config.withLearningRate(lr);
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    /** One update of every parameter from its gradient. */
    public void step(List<Parameter> parameters) {
        steps++;
        for (Parameter p : parameters) {
            update(p.name(), p.value(), p.grad());
        }
    }

    /**
     * One update of named arrays with gradients of the same names (for networks that keep their parameters in a map).
     */
    public void step(Map<String, INDArray> parameters, Map<String, INDArray> gradients) {
        steps++;
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            update(e.getKey(), e.getValue(), gradients.get(e.getKey()));
        }
    }

    private void update(String name, INDArray param, INDArray grad) {
        double lr = config.learningRate();
        double eps = config.epsilon();
        if (config.kind() == OptimiserConfig.Kind.RMSPROP) {
            double a = config.alpha();
            INDArray v = moment(second, name, param);
            INDArray g2 = Ops.mul(grad, grad);
            Ops.scale(g2, 1 - a, g2);
            Ops.scale(v, a, v);
            Ops.add(v, g2, v);
            INDArray denom = Transforms.sqrt(v, true);
            Ops.add(denom, Nd4j.scalar(denom.dataType(), eps), denom);
            INDArray delta = Ops.scale(grad, lr);
            Ops.div(delta, denom, delta);
            Ops.sub(param, delta, param);
        } else {
            // PyTorch's order of operations: step size lr/(1 − β₁ᵗ), denominator √v/√(1 − β₂ᵗ) + ε.
            double b1 = config.beta1();
            double b2 = config.beta2();
            double stepSize = lr / (1 - Math.pow(b1, steps));
            double sqrtBiasSecond = Math.sqrt(1 - Math.pow(b2, steps));
            INDArray m = moment(first, name, param);
            INDArray v = moment(second, name, param);
            INDArray g2 = Ops.mul(grad, grad);
            Ops.scale(g2, 1 - b2, g2);
            Ops.scale(v, b2, v);
            Ops.add(v, g2, v);
            Ops.scale(m, b1, m);
            Ops.add(m, Ops.scale(grad, 1 - b1), m);
            INDArray denom = Transforms.sqrt(v, true);
            Ops.div(denom, Nd4j.scalar(denom.dataType(), sqrtBiasSecond), denom);
            Ops.add(denom, Nd4j.scalar(denom.dataType(), eps), denom);
            INDArray delta = Ops.div(m, denom, Nd4j.create(m.dataType(), m.shape()));
            Ops.scale(delta, stepSize, delta);
            Ops.sub(param, delta, param);
        }
    }

    private static INDArray moment(Map<String, INDArray> moments, String name, INDArray param) {
        INDArray m = moments.get(name);
        if (m == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                m = Nd4j.zeros(param.dataType(), param.shape());
            }
            moments.put(name, m);
        }
        return m;
    }

    /**
     * A copy of the state: {@code "m/<param>"} (Adam's first moment), {@code "v/<param>"} (second moment; RMSprop's
     * running mean of g²) and {@code "steps"} (a scalar).
     */
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new TreeMap<>();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            first.forEach((k, v) -> s.put("m/" + k, v.dup()));
            second.forEach((k, v) -> s.put("v/" + k, v.dup()));
            s.put("steps", Nd4j.scalar((double) steps));
        }
        return s;
    }

    /**
     * Allocates zero moments for these parameters now rather than at their first update, so that a state saved
     * before the first step already names every tensor (Adam: m and v; RMSprop: v).
     */
    public void initialise(Map<String, INDArray> parameters) {
        parameters.forEach((name, p) -> {
            if (config.kind() == OptimiserConfig.Kind.ADAM) {
                moment(first, name, p);
            }
            moment(second, name, p);
        });
    }

    /**
     * The moments grouped as {@code "m"} (Adam's first moments; empty for RMSprop) and {@code "v"}, by parameter name:
     * copies. The same content as {@link #state()} without the step count, in the layout of the GAN checkpoints.
     */
    public Map<String, Map<String, INDArray>> moments() {
        Map<String, INDArray> m = new TreeMap<>();
        Map<String, INDArray> v = new TreeMap<>();
        state().forEach((key, value) -> {
            if (key.startsWith("m/")) {
                m.put(key.substring(2), value);
            } else if (key.startsWith("v/")) {
                v.put(key.substring(2), value);
            }
        });
        return Map.of("m", m, "v", v);
    }

    /**
     * Restores the step count and moments grouped as {@link #moments()} returns them, each checked against the shape of
     * its parameter in {@code parameters} and cast to its type.
     *
     * @param owner names the network in errors, e.g. "generator"
     * @throws ShapeMismatchException if a moment belongs to no parameter or has another shape
     */
    public void restore(long steps, Map<String, Map<String, INDArray>> moments, Map<String, INDArray> parameters,
                        String owner) {
        Map<String, INDArray> state = new TreeMap<>();
        for (String group : new String[] {"m", "v"}) {
            moments.getOrDefault(group, Map.of()).forEach((name, value) -> {
                INDArray p = parameters.get(name);
                if (p == null || !Arrays.equals(p.shape(), value.shape())) {
                    throw new ShapeMismatchException(owner + " optimiser " + group + " of " + name,
                            p == null ? new int[0] : Arrays.stream(p.shape()).mapToInt(d -> (int) d).toArray(),
                            Arrays.stream(value.shape()).mapToInt(d -> (int) d).toArray());
                }
                state.put(group + "/" + name, value.castTo(p.dataType()));
            });
        }
        state.put("steps", Nd4j.scalar((double) steps));
        restoreState(state);
    }

    /** Restores a state returned by {@link #state()}. */
    public void restoreState(Map<String, INDArray> state) {
        first.clear();
        second.clear();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            state.forEach((k, v) -> {
                if (k.startsWith("m/")) {
                    first.put(k.substring(2), v.dup());
                } else if (k.startsWith("v/")) {
                    second.put(k.substring(2), v.dup());
                }
            });
        }
        steps = state.containsKey("steps") ? (long) state.get("steps").getDouble(0) : 0;
    }
}
