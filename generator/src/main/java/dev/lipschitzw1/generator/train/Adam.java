package dev.lipschitzw1.generator.train;

import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Adam optimiser ({@link AdamConfig}) over a fixed set of named parameter arrays, updated in place. Its whole state
 * is the step count t and the moments m, v, which a checkpoint saves and restores ({@link #moments()},
 * {@link #restore}), so a resumed run continues with identical updates.
 */
final class Adam {
    private final AdamConfig config;
    private final Map<String, INDArray> first = new LinkedHashMap<>();
    private final Map<String, INDArray> second = new LinkedHashMap<>();
    private final Map<String, INDArray> scratch = new LinkedHashMap<>();
    private long t;

    Adam(AdamConfig config, Map<String, INDArray> parameters) {
        this.config = config;
        parameters.forEach((name, p) -> {
            first.put(name, p.ulike().assign(0));
            second.put(name, p.ulike().assign(0));
        });
    }

    /**
     * Applies one update θ ← θ − Δ to every parameter, in place. Consumes {@code gradients}: they are overwritten
     * and closed (their off-heap memory released at once).
     */
    void step(Map<String, INDArray> parameters, Map<String, INDArray> gradients) {
        t++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        double biasFirst = 1 - Math.pow(b1, t);
        double sqrtBiasSecond = Math.sqrt(1 - Math.pow(b2, t));
        double stepSize = config.learningRate() / biasFirst;
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            INDArray g = gradients.get(e.getKey());
            INDArray m = first.get(e.getKey());
            INDArray v = second.get(e.getKey());
            INDArray tmp = scratch.computeIfAbsent(e.getKey(), k -> m.ulike());
            tmp.assign(g).muli(g).muli(1 - b2);
            v.muli(b2).addi(tmp);
            m.muli(b1).addi(g.muli(1 - b1));
            tmp.assign(v);
            Transforms.sqrt(tmp, false).divi(sqrtBiasSecond).addi(config.epsilon()).rdivi(m).muli(stepSize);
            e.getValue().subi(tmp);
            g.close();
        }
    }

    /** Updates done so far. */
    long steps() {
        return t;
    }

    /** The moments by group ("m", "v") and parameter name: live arrays. */
    Map<String, Map<String, INDArray>> moments() {
        return Map.of("m", Collections.unmodifiableMap(first), "v", Collections.unmodifiableMap(second));
    }

    /**
     * Restores t and the moments (copied).
     *
     * @throws ShapeMismatchException if a moment is missing or misshapen
     */
    void restore(long steps, Map<String, INDArray> m, Map<String, INDArray> v) {
        copyInto(first, m, "m");
        copyInto(second, v, "v");
        this.t = steps;
    }

    private static void copyInto(Map<String, INDArray> target, Map<String, INDArray> source, String group) {
        for (Map.Entry<String, INDArray> e : target.entrySet()) {
            INDArray s = source.get(e.getKey());
            if (s == null || !Arrays.equals(s.shape(), e.getValue().shape())) {
                throw new ShapeMismatchException("Adam " + group + " of " + e.getKey(),
                        Arrays.stream(e.getValue().shape()).mapToInt(x -> (int) x).toArray(),
                        s == null ? new int[0] : Arrays.stream(s.shape()).mapToInt(x -> (int) x).toArray());
            }
            e.getValue().assign(s);
        }
    }
}
