package dev.lipschitzw1.dl4j.layers;

import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where an engine layer's arrays sit in DL4J's flat parameter (and gradient) view: its trainable parameters in the
 * engine's order, then its state arrays, each c-ordered and contiguous,
 * <pre>  view = [ θ₁ | θ₂ | … | s₁ | s₂ | … ],   slice i = view[offᵢ, offᵢ + |θᵢ|) reshaped to θᵢ's shape  </pre>
 * keyed by the suffix of the engine's name after the last {@code /} ({@code stage1.conv/M} → {@code M}).
 *
 * @param entries the slices in order
 */
public record ParameterLayout(List<Entry> entries) {

    /**
     * One slice.
     *
     * @param key    the DL4J parameter key
     * @param shape  the array's shape
     * @param offset first index in the flat view
     * @param state  whether it is layer state (not trained) rather than a parameter
     */
    public record Entry(String key, long[] shape, long offset, boolean state) {

        /** Number of values. */
        public long length() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    public ParameterLayout {
        entries = List.copyOf(entries);
    }

    /** The layout of {@code layer}'s arrays (the layer is initialised here, in float, to learn the shapes). */
    public static ParameterLayout of(LipschitzLayer layer) {
        layer.initialise(DataType.FLOAT);
        List<Entry> e = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, INDArray> a : arrays(layer).entrySet()) {
            boolean state = layer.state().containsValue(a.getValue());
            e.add(new Entry(a.getKey(), a.getValue().shape().clone(), offset, state));
            offset += a.getValue().length();
        }
        return new ParameterLayout(e);
    }

    /** The DL4J key of an engine array name: the part after the last {@code /}. */
    public static String key(String engineName) {
        return engineName.substring(engineName.lastIndexOf('/') + 1);
    }

    /** An initialised engine layer's parameter values, then its state arrays, by key (the layer's own arrays). */
    public static Map<String, INDArray> arrays(LipschitzLayer layer) {
        Map<String, INDArray> a = new LinkedHashMap<>();
        for (Parameter p : layer.parameters()) {
            a.put(key(p.name()), p.value());
        }
        for (Map.Entry<String, INDArray> s : layer.state().entrySet()) {
            a.put(key(s.getKey()), s.getValue());
        }
        return a;
    }

    /** All keys, parameters first. */
    public List<String> keys() {
        return entries.stream().map(Entry::key).toList();
    }

    /** Whether {@code key} names a state slice. */
    public boolean isState(String key) {
        return entries.stream().anyMatch(e -> e.state() && e.key().equals(key));
    }

    /** Total number of values. */
    public long length() {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).offset()
                + entries.get(entries.size() - 1).length();
    }

    /**
     * The slices of a flat view of {@link #length()} values as views (writing into one writes into {@code flat}).
     *
     * @param flat DL4J's parameter or gradient view of this layer ([1, n] or [n])
     */
    public Map<String, INDArray> views(INDArray flat) {
        Map<String, INDArray> v = new LinkedHashMap<>();
        if (entries.isEmpty()) {
            return v;
        }
        INDArray row = flat.reshape('c', new long[] {flat.length()});
        for (Entry e : entries) {
            v.put(e.key(), row.get(NDArrayIndex.interval(e.offset(), e.offset() + e.length())).reshape('c', e.shape()));
        }
        return v;
    }
}
