package dev.lipschitzw1.experiments.cli;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.experiments.sweep.LocalExecutor;
import dev.lipschitzw1.experiments.sweep.Sweep;
import dev.lipschitzw1.experiments.sweep.SweepEngine;
import dev.lipschitzw1.experiments.sweep.SweepExecutor;
import dev.lipschitzw1.experiments.sweep.SweepSpec;
import dev.lipschitzw1.experiments.sweep.SweepSummary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code w1 sweep SPEC}: many (P, Q) pairs × critics × seeds as one job (docs/sweeps.md), each task one seed of an
 * estimate, run by worker processes on this machine ({@code --engine local}) or as a Spark job ({@code --engine
 * spark}, from the {@code lipschitz-w1-spark} jar under {@code spark-submit}), then aggregated into one table.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a sweep: P sources × Q sources × critics × seeds (a JSON or YAML spec, docs/sweeps.md), "
                + "each task one seed of `w1 estimate`, then write OUT/summary.csv, summary.json and report.html.",
            "Exit code 0 when every task succeeded, " + ExitCodes.SWEEP_INCOMPLETE + " when some failed (their "
                + "errors are in the report and OUT/tasks/<id>/error.json; --resume reruns them)."})
public final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "The sweep spec (.json, .yaml or "
            + ".yml); not with --resume, which reads OUT/sweep.json.")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (a Hadoop path such as "
            + "hdfs://… with --engine spark); default: results/sweep-TIME.")
    String out;

    @Option(names = "--overwrite", description = "Start afresh in --out even if it exists.")
    boolean overwrite;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the sweep in DIR: finished tasks are "
            + "kept, failed and unfinished ones run again (an interrupted one from its checkpoint).")
    String resume;

    @Option(names = "--workers", paramLabel = "N", description = "Worker processes at once, each single-threaded "
            + "(default: the free cores: available processors minus the load average).")
    Integer workers;

    @Option(names = "--worker-heap", paramLabel = "SIZE", defaultValue = LocalExecutor.DEFAULT_HEAP,
            description = "-Xmx of each worker process (default: ${DEFAULT-VALUE}).")
    String workerHeap;

    @Option(names = "--engine", defaultValue = "local", description = "local (worker processes) or spark (only in "
            + "the lipschitz-w1-spark jar run by spark-submit; docs/sweeps.md). Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--quiet", description = "No progress output (failed tasks are still named).")
    boolean quiet;

    @Mixin
    SourceOptionsMixin sourceOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        InvalidConfigException.require(resume == null || specFile == null, "SPEC", specFile,
                "no spec with --resume (the sweep's own OUT/sweep.json is used)");
        InvalidConfigException.require(resume != null || specFile != null, "SPEC", null,
                "a spec file, or --resume DIR");
        InvalidConfigException.require(resume == null || out == null, "--out", out, "not with --resume");
        SweepExecutor executor = executor();
        String target;
        SweepSpec sweepSpec;
        if (resume != null) {
            target = resume;
            String saved = executor.savedSpec(resume);
            InvalidConfigException.require(saved != null, "--resume", resume, "a sweep's output directory (with "
                    + "sweep.json)");
            sweepSpec = SweepSpec.fromJson(parse(saved));
        } else {
            sweepSpec = SweepSpec.read(specFile);
            target = out != null ? out : Path.of("results", "sweep-" + java.time.LocalDateTime.now().format(
                    java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).toString();
            if (engine.equals("local")) {
                InvalidConfigException.require(!Files.exists(Path.of(target)) || overwrite, "--out", target,
                        "a directory that does not exist yet (or --overwrite; --resume continues a sweep)");
                if (overwrite && Files.exists(Path.of(target))) {
                    dev.lipschitzw1.files.AtomicFiles.deleteRecursively(Path.of(target));
                }
            }
        }
        Sweep sweep = Sweep.of(sweepSpec, sourceOptions.toOptions());
        SweepSummary summary;
        try (SweepProgress progress = new SweepProgress(spec.commandLine().getErr(), quiet)) {
            summary = sweep.run(target, executor, progress);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.println(summary.outcomes().size() - summary.failures().size() + " of " + summary.outcomes().size()
                + " tasks succeeded; table: " + target + "/summary.csv, report: " + target + "/report.html");
        w.flush();
        return summary.allSucceeded() ? ExitCodes.OK : ExitCodes.SWEEP_INCOMPLETE;
    }

    private SweepExecutor executor() {
        if (engine.equals("local")) {
            int n = workers != null ? workers : LocalExecutor.freeCores();
            return new LocalExecutor(n, workerHeap, System.getProperty("java.class.path"), sourceOptions.toOptions());
        }
        for (SweepEngine e : ServiceLoader.load(SweepEngine.class)) {
            if (e.name().equals(engine)) {
                return e.create(sourceOptions.toOptions());
            }
        }
        throw new InvalidConfigException("--engine", engine, engine.equals("spark") ? "local here: the runner jar "
                + "does not hold Spark; submit the lipschitz-w1-spark jar with spark-submit (docs/sweeps.md)"
                : "local or spark");
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return dev.lipschitzw1.json.JsonMappers.create().readTree(json);
        } catch (java.io.IOException e) {
            throw new InvalidConfigException("--resume", json, "a readable sweep.json");
        }
    }
}
