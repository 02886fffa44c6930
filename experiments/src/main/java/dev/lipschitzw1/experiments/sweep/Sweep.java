package dev.lipschitzw1.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lipschitzw1.critic.ot.ExactW1Result;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.W1Exception;
import dev.lipschitzw1.experiments.cli.ExactCommand;
import dev.lipschitzw1.files.ContainerManifest;
import dev.lipschitzw1.json.JsonMappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sweep in code: P sources × Q sources × critics × seeds ({@link SweepSpec}), run by a {@link SweepExecutor}
 * (locally: {@link #runLocally}; on Spark: {@code new SparkExecutor(spark, sources)} of the {@code lipschitz-w1-spark}
 * module),
 * then aggregated into one table ({@link SweepSummary}) and its report files ({@link SweepReport}) under the output.
 * <pre>
 *   SweepSummary s = Sweep.builder().p("mnist-test").q("generator:mnist@early", "generator:mnist@final")
 *           .critics("bcop", "gp").seeds(3).option("epochs", 2).build().runLocally(Path.of("out"), 2);
 * </pre>
 * Running again into the same output continues the sweep: finished tasks are read back, the others run (an
 * interrupted one from its checkpoint). The exact W1 beside each pair (spec {@code exactSamples} &gt; 0) is computed
 * by the caller's JVM ({@code ExactW1} on n images per side, seeded by the spec's seed).
 */
public final class Sweep {
    /** The format of a sweep's output directory in its {@link ContainerManifest}. */
    public static final String FORMAT = "lipschitz-w1-sweep";
    private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);
    private final SweepSpec spec;
    private final SourceOptions sources;

    private Sweep(SweepSpec spec, SourceOptions sources) {
        this.spec = spec;
        this.sources = sources;
    }

    /** The sweep of a validated spec, sources found with {@code sources}. */
    public static Sweep of(SweepSpec spec, SourceOptions sources) {
        spec.validate();
        return new Sweep(spec, sources);
    }

    public static Builder builder() {
        return new Builder();
    }

    public SweepSpec spec() {
        return spec;
    }

    public List<SweepTask> tasks() {
        return spec.tasks();
    }

    /** Runs on this machine with {@code workers} worker processes (this JVM's class path) into {@code out}. */
    public SweepSummary runLocally(Path out, int workers) {
        return run(out.toString(), new LocalExecutor(workers, LocalExecutor.DEFAULT_HEAP,
                System.getProperty("java.class.path"), sources), SweepListener.NONE);
    }

    /**
     * Runs (or continues) the sweep into {@code out} with {@code executor}: saves the spec ({@code sweep.json}) unless
     * it is there already, runs the unfinished tasks, aggregates and publishes the reports.
     *
     * @throws InvalidConfigException if {@code out} holds another sweep
     */
    public SweepSummary run(String out, SweepExecutor executor, SweepListener listener) {
        String spectext = spec.toJson().toPrettyString() + "\n";
        String saved = executor.savedSpec(out);
        if (saved == null) {
            // The directory container's manifest (decision 56): format, library version and commit; each task's
            // result.json names its own sources with their digests.
            executor.publish(out, Map.of(LocalExecutor.SPEC, spectext.getBytes(StandardCharsets.UTF_8),
                    ContainerManifest.ENTRY, ContainerManifest.current(FORMAT, 1, List.of()).toBytes()));
        } else {
            InvalidConfigException.require(sameSpec(saved), "out", out, "a new directory or one holding this "
                    + "sweep (it holds another sweep.json)");
        }
        List<SweepTask> tasks = spec.tasks();
        List<TaskOutcome> outcomes = executor.run(spec, tasks, out, listener);
        SweepSummary summary = SweepSummary.of(spec, tasks, outcomes, exactW1());
        executor.publish(out, SweepReport.files(summary));
        return summary;
    }

    private boolean sameSpec(String saved) {
        try {
            JsonNode n = JsonMappers.create().readTree(saved);
            return SweepSpec.fromJson(n).toJson().equals(spec.toJson());
        } catch (IOException | W1Exception e) {
            return false;
        }
    }

    /** The exact W1 per pair on exactSamples images per side; a pair whose sources fail is left out (logged). */
    private Map<String, Double> exactW1() {
        Map<String, Double> exact = new LinkedHashMap<>();
        if (spec.exactSamples() == 0) {
            return exact;
        }
        for (SweepPair pair : spec.pairs()) {
            try {
                ImageDistribution p = DataSources.resolve(pair.p(), sources);
                ImageDistribution q = DataSources.resolve(pair.q(), sources);
                ExactW1Result r = ExactCommand.between(p, q, spec.exactSamples(), spec.seed());
                exact.put(SweepSummary.pairKey(pair), r.value());
            } catch (W1Exception e) {
                LOG.warn("no exact W1 for {}: {}", pair.label(), e.getMessage());
            }
        }
        return exact;
    }

    /** Builds a {@link SweepSpec} field by field (the spec's defaults for what is not set). */
    public static final class Builder {
        private String name = "sweep";
        private final List<String> p = new ArrayList<>();
        private final List<String> q = new ArrayList<>();
        private final List<String> critics = new ArrayList<>();
        private String preset = "quick";
        private final Map<String, Object> options = new LinkedHashMap<>();
        private int seeds = 1;
        private long seed;
        private boolean baselineReport;
        private int exactSamples;
        private SourceOptions sources = new SourceOptions(null, SourceOptions.DEBIAN_FASHION_MNIST);

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder p(String... sources) {
            p.addAll(List.of(sources));
            return this;
        }

        public Builder q(String... sources) {
            q.addAll(List.of(sources));
            return this;
        }

        /** A directory of generator checkpoints as Q sources ({@link CheckpointDirectory}). */
        public Builder qCheckpoints(Path dir) {
            q.add(CheckpointDirectory.PREFIX + dir);
            return this;
        }

        public Builder critics(String... names) {
            critics.addAll(List.of(names));
            return this;
        }

        public Builder preset(String v) {
            preset = v;
            return this;
        }

        /** An estimator option of {@code w1 estimate} by long name without dashes, e.g. ("epochs", 2). */
        public Builder option(String name, Object value) {
            options.put(name, value instanceof Boolean ? value : String.valueOf(value));
            return this;
        }

        public Builder seeds(int v) {
            seeds = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder baselineReport(boolean v) {
            baselineReport = v;
            return this;
        }

        public Builder exactSamples(int v) {
            exactSamples = v;
            return this;
        }

        public Builder sources(SourceOptions v) {
            sources = v;
            return this;
        }

        /** @throws InvalidConfigException naming the first invalid field */
        public Sweep build() {
            return of(new SweepSpec(name, p, q, critics, preset, options, seeds, seed, baselineReport, exactSamples),
                    sources);
        }
    }
}
