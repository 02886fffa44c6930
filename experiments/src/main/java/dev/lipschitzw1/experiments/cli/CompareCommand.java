package dev.lipschitzw1.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.experiments.report.CompareJson;
import dev.lipschitzw1.experiments.report.Comparison;
import dev.lipschitzw1.experiments.report.KnownTruth;
import dev.lipschitzw1.experiments.report.ComparisonReport;
import dev.lipschitzw1.experiments.report.ComparisonRow;
import dev.lipschitzw1.experiments.report.SampleGrid;
import dev.lipschitzw1.json.JsonMappers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code w1 compare}: the estimator once per critic (BCOP and the paper's baselines) on the same pair, seeds and
 * splits, as one table like the paper's, written as a result directory ({@link RunDirectory}, {@link
 * CriticComparison}). Baselines certified above 1 + 1e-4 are reported (raw, L, raw / L), never refused.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare critics (BCOP vs RKO vs OSSN vs GP) on the same pair, seeds and splits; print the "
                + "table and write a result directory.",
            "With no arguments: the bundled MNIST test set vs the shipped MNIST generator, quick preset."})
public final class CompareCommand implements Callable<Integer> {
    static final ObjectMapper JSON = JsonMappers.create();

    @Option(names = "--p", paramLabel = "SOURCE", defaultValue = "mnist-test",
            description = "First distribution (default: ${DEFAULT-VALUE}).")
    String p;

    @Option(names = "--q", paramLabel = "SOURCE", defaultValue = "generator:mnist",
            description = "Second distribution (default: ${DEFAULT-VALUE}).")
    String q;

    @Option(names = "--critics", paramLabel = "LIST", defaultValue = "bcop,rko,ossn,gp",
            description = "Comma-separated critics, each of bcop, rko, ossn, aol, soc, sll, cayley, gp, lp (default: ${DEFAULT-VALUE}).")
    String critics;

    @Option(names = "--preset", defaultValue = "quick",
            description = "quick (CPU default: small critic, short schedule) or paper (the authors' protocol; a GPU "
                    + "workload). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Mixin
    EstimatorOptions estimatorOptions;

    @Mixin
    RunOptions runOptions;

    @Mixin
    SourceOptionsMixin sourceOptions;

    @Spec
    CommandSpec spec;

    /** Test seam: told after each critic. */
    CriticComparison.Listener listener = CriticComparison.Listener.NONE;

    @Override
    public Integer call() throws IOException {
        RunDirectory dir = runOptions.open("compare");
        if (!dir.resumed()) {
            dir.run().put("p", p);
            dir.run().put("q", q);
            ArrayNode list = dir.run().putArray("critics");
            CriticKind.parseList(critics, "--critics").forEach(k -> list.add(k.id()));
        }
        List<CriticKind> kinds = kindsOf(dir.run());
        ImageDistribution pd = DataSources.resolve(dir.run().path("p").asText(), sourceOptions.toOptions());
        ImageDistribution qd = DataSources.resolve(dir.run().path("q").asText(), sourceOptions.toOptions());
        EstimatorConfig base = dir.resumed() ? EstimatorConfig.fromJson(dir.run().path("config").toString())
                : estimatorOptions.apply(EstimatorOptions.preset(preset, pd.shape()), List.of(pd, qd));
        if (!dir.resumed()) {
            kinds.forEach(k -> CriticComparison.configFor(base, k));   // a bad combination fails before any work
            dir.run().set("config", JSON.readTree(base.toJson()));
        }
        dir.start();
        List<ComparisonRow> rows;
        try (ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), runOptions.quiet)) {
            rows = CriticComparison.runIn(dir, pd, qd, base, kinds, progress, runOptions.parallelism(), listener);
        }
        Comparison comparison = new Comparison(CompareJson.SCHEMA, "W1 critic comparison: " + pd.name() + " vs "
                + qd.name(), pd.name(), qd.name(), base.preset(), CriticComparison.space(base.critic()), rows,
                List.of(), List.of(), totalSeconds(rows), base.critic().upsample(),
                DataSources.funnelPair(dir.run().path("p").asText(), dir.run().path("q").asText(),
                        sourceOptions.toOptions()).map(KnownTruth::of).orElse(null));
        ComparisonReport report = new ComparisonReport(comparison, SampleGrid.png(pd, base.seed()),
                SampleGrid.png(qd, base.seed() + 1));
        report.writeTo(dir.staging());
        dir.commit();
        PrintWriter outWriter = spec.commandLine().getOut();
        outWriter.print(report.table());
        outWriter.println("result: " + dir.target().resolve("result.json") + ", report: "
                + dir.target().resolve("report.html"));
        outWriter.flush();
        return ExitCodes.OK;
    }

    /**
     * The comparison's wall time, as far as its rows tell it: critics train together and each is timed from the start
     * of its session's training to the end of its last run, so this is the longest of those (after a resume, that of
     * whichever session ran longest: the rows do not record which session trained them).
     */
    static double totalSeconds(List<ComparisonRow> rows) {
        return rows.stream().mapToDouble(r -> r.estimate().wallSeconds()).max().orElse(0);
    }

    static List<CriticKind> kindsOf(JsonNode run) {
        List<CriticKind> kinds = new ArrayList<>();
        for (JsonNode k : run.path("critics")) {
            kinds.add(CriticKind.parse(k.asText(), "critics in run.json"));
        }
        return kinds;
    }
}
