package dev.lipschitzw1.experiments.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.experiments.backend.MemoryPolicy;
import dev.lipschitzw1.experiments.bench.BenchCase;
import dev.lipschitzw1.experiments.bench.BenchCases;
import dev.lipschitzw1.experiments.bench.BenchResult;
import dev.lipschitzw1.experiments.bench.ProcessStats;
import dev.lipschitzw1.json.JsonMappers;
import dev.lipschitzw1.provenance.Provenance;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code w1 bench}: times the performance cases of docs/benchmarks.md (critic training steps, the BCOP layer, Björck,
 * certification) with warm-up and repetitions, prints a table (median, min, max, peak RSS, load average) and writes
 * the same as JSON together with the backend and thread settings. Wall-clock figures: compare only with runs of the
 * reference made in the same sitting.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time critic steps, the BCOP layer, Björck and certification (docs/benchmarks.md).")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--case", split = ",", paramLabel = "NAME",
            description = "Cases to run (comma-separated; default: all). Names: ${COMPLETION-CANDIDATES}",
            completionCandidates = CaseNames.class)
    List<String> cases = new ArrayList<>();

    @Option(names = "--repeat", defaultValue = "5", description = "Timed repetitions per case (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed warm-up runs per case (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", defaultValue = "bench.json", description = "JSON output file (default: ${DEFAULT-VALUE}).")
    Path json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The case names, for the help text. */
    static final class CaseNames extends ArrayList<String> {
        CaseNames() {
            BenchCases.all().forEach(c -> add(c.name()));
        }
    }

    @Override
    public Integer call() throws Exception {
        InvalidConfigException.require(repeat >= 1, "bench.repeat", repeat, "≥ 1");
        InvalidConfigException.require(warmup >= 0, "bench.warmup", warmup, "≥ 0");
        List<BenchCase> selected = new ArrayList<>();
        for (BenchCase c : BenchCases.all()) {
            if (cases.isEmpty() || cases.contains(c.name())) {
                selected.add(c);
            }
        }
        for (String name : cases) {
            InvalidConfigException.require(selected.stream().anyMatch(c -> c.name().equals(name)), "bench.case", name,
                    "one of " + new CaseNames());
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> env = environment();
        out.println("backend: " + env);
        out.printf("%-24s %10s %10s %10s %6s %9s %9s %6s%n", "case", "median_s", "min_s", "max_s", "n", "setup_s",
                "peakMiB", "load");
        out.flush();
        List<BenchResult> results = new ArrayList<>();
        for (BenchCase c : selected) {
            BenchResult r = run(c);
            results.add(r);
            out.printf("%-24s %10.4f %10.4f %10.4f %6d %9.2f %9d %6.2f%n", r.name(), r.median(), r.min(), r.max(),
                    r.seconds().size(), r.setupSeconds(), r.peakRssMiB(), r.loadAverage());
            out.flush();
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("environment", env);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BenchResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("case", r.name());
            row.put("description", r.description());
            row.put("reference", r.reference());
            row.put("median_s", r.median());
            row.put("min_s", r.min());
            row.put("max_s", r.max());
            row.put("all_s", r.seconds());
            row.put("warmup", r.warmup());
            row.put("setup_s", r.setupSeconds());
            row.put("rss_mib", r.rssMiB());
            row.put("peak_rss_mib", r.peakRssMiB());
            row.put("load_average_1min", r.loadAverage());
            rows.add(row);
        }
        doc.put("results", rows);
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JsonMappers.create().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
        out.println("wrote " + json);
        return 0;
    }

    private BenchResult run(BenchCase c) throws Exception {
        long t0 = System.nanoTime();
        Runnable op = c.setup().prepare();
        MemoryPolicy.trim(); // set-up temporaries out of the heap before the steps size their workspaces
        op.run();
        for (int i = 1; i < warmup; i++) {
            op.run();
        }
        double setup = (System.nanoTime() - t0) / 1e9;
        List<Double> seconds = new ArrayList<>();
        double load = ProcessStats.loadAverage();
        for (int i = 0; i < repeat; i++) {
            long s = System.nanoTime();
            op.run();
            seconds.add((System.nanoTime() - s) / 1e9);
            MemoryPolicy.trimIfDue(); // the runner's heap policy, as between training epochs; outside the timed part
        }
        load = Math.max(load, ProcessStats.loadAverage());
        return new BenchResult(c.name(), c.description(), c.reference(), Math.max(warmup, 1), seconds, setup,
                ProcessStats.statusMiB("VmRSS"), ProcessStats.statusMiB("VmHWM"), load);
    }

    /** The backend build, thread settings and allocator environment, recorded with every result. */
    static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("nd4j_native_build", Provenance.nativeBuild()); // the build loaded, e.g. linux-x86_64-onednn-avx512
        Properties p = Nd4j.getExecutioner().getEnvironmentInformation();
        for (String key : new String[] {"backend", "blas.vendor", "omp.threads", "cores", "cpu"}) {
            if (p.get(key) != null) {
                env.put(key, String.valueOf(p.get(key)));
            }
        }
        env.put("nd4j_max_threads", Nd4j.getEnvironment().maxThreads());
        env.put("nd4j_max_master_threads", Nd4j.getEnvironment().maxMasterThreads());
        env.put("available_processors", Runtime.getRuntime().availableProcessors());
        for (String var : new String[] {"OMP_NUM_THREADS", "OMP_WAIT_POLICY", "MALLOC_ARENA_MAX", "MALLOC_TRIM_THRESHOLD_"}) {
            env.put(var, System.getenv(var) == null ? "(unset)" : System.getenv(var));
        }
        env.put("java", System.getProperty("java.version"));
        env.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        return env;
    }
}
