package dev.lipschitzw1.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.dl4j.export.CriticExport;
import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.tensor.IntraOpThreads;
import dev.lipschitzw1.errors.SourceNotFoundException;
import dev.lipschitzw1.experiments.report.CertifyReport;
import dev.lipschitzw1.provenance.Provenance;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code w1 certify DIR|FILE}: loads saved critics and prints each one's per-layer certificate
 * ({@code Critic.certify()}: every layer exported and bounded exactly in double), the network bound (the product) and
 * whether it is certified (≤ a·(1 + 1e-4), a the critic's nearest-upsampling factor, 1 for none: the estimator's rule,
 * docs/decisions.md 33). Which critics a directory means is {@link #locate}'s rule.
 */
@Command(name = "certify", mixinStandardHelpOptions = true,
        description = {"Certify saved critics: per-layer Lipschitz bounds, their product, certified or not.",
            "DIR|FILE is a critic file (Critic.save), a plain-network export (`w1 export`), a result directory of `w1 estimate` (its critics/seed-<k>.zip "
                + "and critics/floor.zip) or its checkpoint/ directory (the critic being trained).",
            "Exit code 4 when a critic's bound exceeds a·(1 + 1e-4), a its nearest-upsampling factor (1 for none, "
                + "2 for the paper critic)."})
public final class CertifyCommand implements Callable<Integer> {
    private static final Pattern SEED_FILE = Pattern.compile("seed-(\\d+)\\.zip");
    private static final Pattern RUN_DIR = Pattern.compile("run-(\\d+)");
    private static final String HOW_TO = "pass a critic file written by Critic.save, a result directory of "
            + "`w1 estimate` (critics/seed-<k>.zip) or its checkpoint/ directory";

    @Parameters(index = "0", paramLabel = "DIR|FILE", description = "A critic file or a `w1 estimate` result "
            + "directory (or its checkpoint/).")
    Path input;

    @Option(names = "--json", description = "Print the report as JSON (schema lipschitz-w1/certify/1) instead of "
            + "tables.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write DIR/result.json and DIR/report.md "
            + "(atomically).")
    Path out;

    @Option(names = "--overwrite", description = "Replace --out if it exists.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    /** A critic file and what it is. */
    record Located(String label, Path file) { }

    @Override
    public Integer call() throws IOException {
        ResultOutput.checkTarget(out, overwrite);
        List<Located> critics = locate(input);
        int threads = recordedThreads(input);
        Provenance provenance;
        List<CertifyReport.Entry> entries = new ArrayList<>();
        // The kernels are built in float by ND4J operations whose rounding depends on their thread count: a result
        // directory is certified on the count its run used, so that the bounds are the recorded ones exactly.
        try (IntraOpThreads.Limit ignored = threads > 0 ? IntraOpThreads.limit(threads) : () -> { }) {
            provenance = Provenance.capture(new ObjectMapper().createObjectNode().put("command", "certify")
                    .put("input", input.toString()).toString(), 0);
            for (Located c : critics) {
                if (CriticExport.isExport(c.file())) {
                    // A plain-network export (`w1 export`): certified from the weights in its graph.
                    CriticExport.Exported exported = CriticExport.read(c.file());
                    entries.add(new CertifyReport.Entry("exported " + c.label(), c.file(), exported.config(),
                            exported.certify()));
                    continue;
                }
                Critic critic = Critic.load(c.file());
                entries.add(new CertifyReport.Entry(c.label(), c.file(), critic.config(), critic.certify()));
            }
        }
        CertifyReport report = new CertifyReport(input.toString(), entries, provenance);
        if (out != null) {
            ResultOutput.write(out, overwrite, report::writeTo);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.print(json ? report.jsonText() + System.lineSeparator() : report.text());
        if (out != null && !json) {
            w.println("result: " + out.resolve("result.json") + ", report: " + out.resolve("report.md"));
        }
        w.flush();
        return report.certified() ? ExitCodes.OK : ExitCodes.NOT_CERTIFIED;
    }

    /** ND4J threads per operation that {@code input}'s result.json records, or 0 (none recorded: ND4J's own). */
    static int recordedThreads(Path input) throws IOException {
        Path result = Files.isDirectory(input) ? input.resolve("result.json") : null;
        if (result == null || !Files.isRegularFile(result)) {
            return 0;
        }
        return Math.max(0, new ObjectMapper().readTree(result.toFile()).path("provenance").path("threads").asInt(0));
    }

    /**
     * The critics {@code input} names: a file is itself; a directory holding {@code critics/} gives its
     * {@code seed-<k>.zip} in order of k, then {@code floor.zip} (a result directory of {@code w1 estimate}, or its
     * {@code .partial} staging directory); otherwise {@code critic.zip} or {@code checkpoint/critic.zip}, or else every
     * {@code run-<r>/critic.zip} of the directory or of its {@code checkpoint/} (the critics being trained when the
     * checkpoint was written, not selected ones).
     *
     * @throws SourceNotFoundException if {@code input} does not exist or a directory holds no critic
     */
    static List<Located> locate(Path input) throws IOException {
        if (!Files.exists(input)) {
            throw new SourceNotFoundException(input.toString(), "no such file or directory", HOW_TO);
        }
        if (!Files.isDirectory(input)) {
            return List.of(new Located("critic", input));
        }
        Path dir = input.resolve("critics");
        if (Files.isDirectory(dir)) {
            List<Located> found = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                files.map(f -> SEED_FILE.matcher(f.getFileName().toString())).filter(Matcher::matches)
                        .sorted(Comparator.comparingLong(m -> Long.parseLong(m.group(1))))
                        .forEach(m -> found.add(new Located("seed " + m.group(1), dir.resolve(m.group()))));
            }
            if (Files.isRegularFile(dir.resolve("floor.zip"))) {
                found.add(new Located("floor (P vs P)", dir.resolve("floor.zip")));
            }
            if (!found.isEmpty()) {
                return found;
            }
        }
        for (Path d : new Path[] {input, input.resolve("checkpoint")}) {
            if (Files.isRegularFile(d.resolve("critic.zip"))) {
                return List.of(new Located("checkpoint critic (being trained, not the selected one)",
                        d.resolve("critic.zip")));
            }
            List<Located> training = new ArrayList<>();
            if (Files.isDirectory(d)) {
                try (Stream<Path> runs = Files.list(d)) {
                    runs.map(r -> RUN_DIR.matcher(r.getFileName().toString())).filter(Matcher::matches)
                            .sorted(Comparator.comparingLong(m -> Long.parseLong(m.group(1))))
                            .filter(m -> Files.isRegularFile(d.resolve(m.group()).resolve("critic.zip")))
                            .forEach(m -> training.add(new Located("checkpoint critic of run " + m.group(1)
                                    + " (being trained, not the selected one)",
                                    d.resolve(m.group()).resolve("critic.zip"))));
                }
            }
            if (!training.isEmpty()) {
                return training;
            }
        }
        throw new SourceNotFoundException(input.toString(), "a directory with no critic in it (no critics/seed-<k>"
                + ".zip, critic.zip, checkpoint/critic.zip or checkpoint/run-<r>/critic.zip)", HOW_TO);
    }
}
