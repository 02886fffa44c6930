package dev.lipschitzw1.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.SourceNotFoundException;
import dev.lipschitzw1.experiments.cli.CriticKind;
import dev.lipschitzw1.experiments.cli.EstimatorSettings;
import dev.lipschitzw1.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A sweep as its user states it (docs/sweeps.md): P sources × Q sources × critics × seeds, every run with the same
 * preset and estimator options. The task list is the product
 * <pre>  tasks = {(p, q, c, k) : p ∈ P, q ∈ Q', c ∈ critics, k ∈ 0..seeds−1}  </pre>
 * where Q' is Q with each {@code checkpoints:DIR} entry replaced by the generator files in DIR in training-step order
 * ({@link CheckpointDirectory}). Sources use {@code w1 estimate}'s syntax, critics its names ({@link CriticKind}), and
 * {@code options} its estimator options by long name ({@link EstimatorSettings}); {@code seeds} and {@code seed} are
 * {@code --seeds} and {@code --seed}, so task (p, q, c, k) computes exactly seed k of {@code w1 estimate --p p --q q
 * --critic c --seeds seeds --seed seed OPTIONS}.
 *
 * @param name           a label for reports
 * @param p              P sources, at least one
 * @param q              Q sources or {@code checkpoints:DIR[?IMPORT-OPTIONS]} entries, at least one
 * @param critics        critic names, each at most once
 * @param preset         quick or paper
 * @param options        estimator options (epochs, steps-per-epoch, batch-size, validation-size, test-size, lr,
 *                       lr-decay, width, depth, ossn-iterations, until-converged, patience, tolerance,
 *                       max-steps)
 * @param seeds          seeds per (pair, critic), ≥ 1
 * @param seed           the root seed
 * @param baselineReport report a constrained critic whose certificate is refused as raw / L instead of failing the
 *                       task (penalised critics, gp and lp, are always reported so)
 * @param exactSamples   images per side for the exact W1 between finite samples beside each pair (0: none)
 */
public record SweepSpec(String name, List<String> p, List<String> q, List<String> critics, String preset,
                        Map<String, Object> options, int seeds, long seed, boolean baselineReport, int exactSamples) {
    /** The estimator options a spec may not set: the sweep sets them ({@code seeds} and {@code seed} are fields). */
    private static final Set<String> RESERVED = Set.of("seeds", "seed", "no-floor");
    private static final Set<String> FIELDS = Set.of("name", "p", "q", "critics", "preset", "options", "seeds", "seed",
            "baselineReport", "exactSamples");

    public SweepSpec {
        p = List.copyOf(p);
        q = List.copyOf(q);
        critics = List.copyOf(critics);
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Reads a spec file: YAML when its name ends in .yaml or .yml, JSON otherwise; validated ({@link #validate}).
     *
     * @throws SourceNotFoundException if the file does not exist
     * @throws CorruptDataException if it is not JSON / YAML
     * @throws InvalidConfigException naming the first invalid field
     */
    public static SweepSpec read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SourceNotFoundException(file.toString(), "the sweep spec does not exist",
                    "give a JSON or YAML spec (docs/sweeps.md)");
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = lower.endsWith(".yaml") || lower.endsWith(".yml") ? new ObjectMapper(new YAMLFactory())
                : JsonMappers.create();
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (IOException e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new CorruptDataException(file, -1, "sweep spec", first, "a JSON or YAML object (docs/sweeps.md)", e);
        }
        return fromJson(root);
    }

    /** The spec of a parsed JSON / YAML object, validated. @throws InvalidConfigException naming the field */
    public static SweepSpec fromJson(JsonNode root) {
        InvalidConfigException.require(root instanceof ObjectNode, "spec", root == null ? null : root.getNodeType(),
                "an object with the fields " + String.join(", ", FIELDS.stream().sorted().toList()));
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            InvalidConfigException.require(FIELDS.contains(f), f, root.get(f), "no such field; the fields are "
                    + String.join(", ", FIELDS.stream().sorted().toList()));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        JsonNode o = root.path("options");
        InvalidConfigException.require(o.isMissingNode() || o.isObject(), "options", o, "an object such as "
                + "{\"epochs\": 2, \"steps-per-epoch\": 10}");
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            InvalidConfigException.require(v.isValueNode() && !v.isNull(), "options." + e.getKey(), v,
                    "a number, a string or a boolean");
            options.put(e.getKey(), v.isBoolean() ? (Object) v.booleanValue() : v.asText());
        }
        SweepSpec spec = new SweepSpec(text(root, "name", "sweep"), strings(root, "p"), strings(root, "q"),
                strings(root, "critics"), text(root, "preset", "quick"), options,
                (int) integer(root, "seeds", 1), integer(root, "seed", 0), bool(root, "baselineReport"),
                (int) integer(root, "exactSamples", 0));
        spec.validate();
        return spec;
    }

    /** The spec as JSON (the form saved in the sweep's output, read back by {@link #fromJson}). */
    public ObjectNode toJson() {
        ObjectMapper m = JsonMappers.create();
        ObjectNode n = m.createObjectNode();
        n.put("name", name);
        p.forEach(n.putArray("p")::add);
        q.forEach(n.putArray("q")::add);
        critics.forEach(n.putArray("critics")::add);
        n.put("preset", preset);
        ObjectNode o = n.putObject("options");
        options.forEach((k, v) -> {
            if (v instanceof Boolean b) {
                o.put(k, b);
            } else {
                o.put(k, String.valueOf(v));
            }
        });
        n.put("seeds", seeds);
        n.put("seed", seed);
        n.put("baselineReport", baselineReport);
        n.put("exactSamples", exactSamples);
        return n;
    }

    /**
     * Checks every field that can be checked without opening a source: non-empty lists, critic names (each once), the
     * preset and the options (as {@code estimate} parses them), seeds ≥ 1, exactSamples ≥ 0, and that each
     * {@code checkpoints:} directory exists and holds generator files with a training step each.
     *
     * @throws InvalidConfigException naming the field, e.g. {@code critics[1]} or {@code options.epochs}
     */
    public void validate() {
        InvalidConfigException.require(!p.isEmpty(), "p", p, "a list of at least one source");
        InvalidConfigException.require(!q.isEmpty(), "q", q, "a list of at least one source or checkpoints:DIR");
        InvalidConfigException.require(!critics.isEmpty(), "critics", critics, "a list of at least one of "
                + CriticKind.NAMES);
        for (int i = 0; i < p.size(); i++) {
            InvalidConfigException.require(!p.get(i).isBlank(), "p[" + i + "]", p.get(i), "a source");
        }
        for (int i = 0; i < q.size(); i++) {
            InvalidConfigException.require(!q.get(i).isBlank(), "q[" + i + "]", q.get(i), "a source");
            if (CheckpointDirectory.isEntry(q.get(i))) {
                CheckpointDirectory.expand(q.get(i), "q[" + i + "]");
            }
        }
        List<CriticKind> kinds = new ArrayList<>();
        for (int i = 0; i < critics.size(); i++) {
            CriticKind k = CriticKind.parse(critics.get(i), "critics[" + i + "]");
            InvalidConfigException.require(!kinds.contains(k), "critics[" + i + "]", critics.get(i),
                    "each critic at most once");
            kinds.add(k);
        }
        InvalidConfigException.require(seeds >= 1, "seeds", seeds, "an integer ≥ 1");
        InvalidConfigException.require(exactSamples >= 0, "exactSamples", exactSamples,
                "an integer ≥ 0 (0: no exact W1)");
        for (String key : options.keySet()) {
            InvalidConfigException.require(!RESERVED.contains(key), "options." + key, options.get(key),
                    "not an option: seeds and seed are top-level fields, and a sweep computes no floor");
        }
        for (CriticKind k : kinds) {
            try {
                settings(k).validate();
            } catch (InvalidConfigException e) {
                throw new InvalidConfigException(specField(e.key()), e.found(), e.expected());
            }
        }
    }

    /**
     * The spec field behind a key that the estimator's checks name: {@code --preset} → preset, an option
     * ({@code --batch-size}, or the config's {@code batchSize}) → {@code options.batch-size}; others unchanged.
     */
    private String specField(String key) {
        if (key.equals("--preset")) {
            return "preset";
        }
        String option = key.startsWith("--") ? key.substring(2) : key.replaceAll("([a-z])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
        return key.startsWith("--") || options.containsKey(option) ? "options." + option : key;
    }

    /**
     * The estimator settings of critic {@code k}'s tasks: the options with --seeds, --seed and --no-floor added, and a
     * baseline report for a penalised critic (it can never be certified) or when the spec asks for one.
     */
    public EstimatorSettings settings(CriticKind k) {
        Map<String, Object> all = new LinkedHashMap<>(options);
        all.put("seeds", seeds);
        all.put("seed", seed);
        all.put("no-floor", true);
        return new EstimatorSettings(preset, k.id(), all, baselineReport || k.penalised());
    }

    /** The task list, in a fixed order (pairs, then critics, then seeds): ids are stable for an unchanged spec. */
    public List<SweepTask> tasks() {
        List<SweepPair> pairs = pairs();
        List<SweepTask> tasks = new ArrayList<>();
        for (SweepPair pair : pairs) {
            for (String c : critics) {
                for (int k = 0; k < seeds; k++) {
                    tasks.add(new SweepTask(pair, CriticKind.parse(c, "critics").id(), k));
                }
            }
        }
        return tasks;
    }

    /** P × Q', Q' with each checkpoint directory expanded (class comment). */
    public List<SweepPair> pairs() {
        List<SweepPair> pairs = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            int qIndex = 0;
            for (int j = 0; j < q.size(); j++) {
                String entry = q.get(j);
                if (CheckpointDirectory.isEntry(entry)) {
                    for (CheckpointDirectory.Checkpoint c : CheckpointDirectory.expand(entry, "q[" + j + "]")) {
                        pairs.add(new SweepPair(i, qIndex++, p.get(i).strip(), c.source(), entry, c.step()));
                    }
                } else {
                    pairs.add(new SweepPair(i, qIndex++, p.get(i).strip(), entry.strip(), null, null));
                }
            }
        }
        return pairs;
    }

    private static String text(JsonNode root, String field, String fallback) {
        JsonNode n = root.get(field);
        if (n == null) {
            return fallback;
        }
        InvalidConfigException.require(n.isTextual() && !n.asText().isBlank(), field, n, "a non-empty string");
        return n.asText();
    }

    private static List<String> strings(JsonNode root, String field) {
        JsonNode n = root.get(field);
        InvalidConfigException.require(n != null, field, null, "a list of strings (required)");
        if (n.isTextual()) {
            return List.of(n.asText());
        }
        InvalidConfigException.require(n instanceof ArrayNode, field, n, "a list of strings");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            InvalidConfigException.require(n.get(i).isTextual(), field + "[" + i + "]", n.get(i), "a string");
            out.add(n.get(i).asText());
        }
        return out;
    }

    private static long integer(JsonNode root, String field, long fallback) {
        JsonNode n = root.get(field);
        if (n == null) {
            return fallback;
        }
        InvalidConfigException.require(n.isIntegralNumber() && n.canConvertToInt(), field, n, "an integer");
        return n.asLong();
    }

    private static boolean bool(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null) {
            return false;
        }
        InvalidConfigException.require(n.isBoolean(), field, n, "true or false");
        return n.booleanValue();
    }
}
