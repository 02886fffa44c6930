package dev.lipschitzw1.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.estimate.DualW1Estimator;
import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.GradientPenalty;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageGrid;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.W1Exception;
import dev.lipschitzw1.experiments.report.EstimateReport;
import dev.lipschitzw1.files.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code w1 estimate}: the certified W1 estimate between two sources, written as one result directory. The run works
 * in {@code OUT.partial} (config, checkpoints and each seed's selected critic, so {@code --resume OUT} continues a
 * killed run) and renames it to {@code OUT} when done; OUT never holds a partial result. On an output failure
 * (read-only parent, full disk) the error names the path and the OS reason; OUT.partial is kept only when it holds a
 * checkpoint to resume from.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = {"Estimate W1(P, Q) with a certified 1-Lipschitz critic and write a result directory.",
            "With no arguments: the bundled MNIST test set vs the shipped MNIST generator, BCOP critic, quick preset."})
public final class EstimateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--p", paramLabel = "SOURCE", defaultValue = "mnist-test",
            description = "First distribution (default: ${DEFAULT-VALUE}).")
    String p;

    @Option(names = "--q", paramLabel = "SOURCE", defaultValue = "generator:mnist",
            description = "Second distribution (default: ${DEFAULT-VALUE}).")
    String q;

    @Option(names = "--critic", paramLabel = "KIND", defaultValue = "bcop",
            description = "bcop, rko, ossn, gp (WGAN-GP penalty) or lp (one-sided penalty); default: ${DEFAULT-VALUE}. "
                    + "rko/ossn/gp/lp are the paper's baselines.")
    String critic;

    @Option(names = "--preset", defaultValue = "quick",
            description = "quick (CPU default: small critic, short schedule) or paper (the authors' protocol; a GPU "
                    + "workload). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--seeds", paramLabel = "N", description = "Number of seeds (default: the preset's).")
    Integer seeds;

    @Option(names = "--seed", defaultValue = "0", description = "Root seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--epochs", description = "Epochs (default: the preset's).")
    Integer epochs;

    @Option(names = "--steps-per-epoch", paramLabel = "N", description = "Training steps per epoch.")
    Integer stepsPerEpoch;

    @Option(names = "--batch-size", paramLabel = "N", description = "Batch size per distribution.")
    Integer batchSize;

    @Option(names = "--validation-size", paramLabel = "N", description = "Validation samples per distribution.")
    Integer validationSize;

    @Option(names = "--test-size", paramLabel = "N", description = "Held-out test samples per distribution.")
    Integer testSize;

    @Option(names = "--lr", description = "Initial learning rate (default: the preset's).")
    Double learningRate;

    @Option(names = "--no-floor", description = "Skip the same-distribution floor (P vs P).")
    boolean noFloor;

    @Option(names = "--baseline-report", description = "Report a critic whose certified bound exceeds 1 + 1e-4 as "
            + "raw estimate, L and raw / L instead of refusing it.")
    boolean baselineReport;

    @Option(names = "--out", paramLabel = "DIR", description = "Result directory (default: results/estimate-TIME).")
    Path out;

    @Option(names = "--overwrite", description = "Replace --out if it exists.")
    boolean overwrite;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the killed run whose result directory "
            + "was DIR (its settings are taken from DIR.partial).")
    Path resume;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Mixin
    SourceOptionsMixin sourceOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter outWriter = spec.commandLine().getOut();
        Path target = resume != null ? resume : out != null ? out
                : Path.of("results", "estimate-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
                        "yyyyMMdd-HHmmss")));
        Path staging = target.resolveSibling(target.getFileName() + ".partial");
        JsonNode run;
        boolean created = false;
        if (resume != null) {
            Path runFile = staging.resolve("run.json");
            InvalidConfigException.require(Files.isRegularFile(runFile), "--resume", resume,
                    "a run interrupted before it finished (" + staging + "/run.json)");
            run = JSON.readTree(runFile.toFile());
        } else {
            InvalidConfigException.require(!Files.exists(target) || overwrite, "--out", target,
                    "a directory that does not exist yet (or --overwrite)");
            InvalidConfigException.require(!Files.exists(staging), "--out", target,
                    "no interrupted run in " + staging + " (continue it with --resume " + target
                            + " or delete it)");
            run = describeRun();
        }
        ImageDistribution pd = DataSources.resolve(run.path("p").asText(), sourceOptions.toOptions());
        ImageDistribution qd = DataSources.resolve(run.path("q").asText(), sourceOptions.toOptions());
        EstimatorConfig config = resume != null ? EstimatorConfig.fromJson(run.path("config").toString())
                : configFor(pd);
        if (resume == null) {
            ((ObjectNode) run).set("config", JSON.readTree(config.toJson()));
            try {
                Files.createDirectories(staging);
            } catch (IOException e) {
                throw new DataIoException(target, "write", e);
            }
            created = true;
        }
        W1Estimate estimate;
        try (ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), quiet)) {
            if (resume == null) {
                String runJson = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run);
                AtomicFiles.write(staging.resolve("run.json"), f -> Files.writeString(f, runJson,
                        StandardCharsets.UTF_8));
            }
            estimate = new DualW1Estimator(config).withCheckpoints(staging.resolve("checkpoint"))
                    .withSelectedCritics(staging.resolve("critics")).withProgress(progress).estimate(pd, qd);
            EstimateReport report = new EstimateReport(estimate, grid(pd, config.seed()), grid(qd, config.seed() + 1));
            try {
                report.writeTo(staging);
            } catch (IOException e) {
                throw new DataIoException(staging, "write the report into", e);
            }
            AtomicFiles.moveDirectory(staging, target, true);
        } catch (DataIoException e) {
            throw outputFailure(e, staging, target);
        } catch (W1Exception e) {
            // A typed failure (refused critic, NaN, bad data) is deterministic: resuming would fail again.
            if (created || resume != null) {
                AtomicFiles.deleteRecursively(staging);
            }
            throw e;
        }
        outWriter.println(estimate.summary());
        outWriter.println("result: " + target.resolve("result.json") + ", report: " + target.resolve("report.html"));
        outWriter.flush();
        return estimate.certified() || baselineReport ? ExitCodes.OK : ExitCodes.NOT_CERTIFIED;
    }

    /**
     * An I/O failure (a full disk, a read-only directory, a data file that became unreadable) is not deterministic:
     * when the staging directory holds a checkpoint it is kept (checkpoints are replaced atomically, so the last one
     * is complete) and the message says how to continue; otherwise the staging directory is deleted.
     */
    private static RuntimeException outputFailure(DataIoException e, Path staging, Path target) {
        if (Files.isRegularFile(staging.resolve("checkpoint").resolve("state.json"))) {
            return new W1Exception(e.getMessage() + "; " + staging + " keeps the last checkpoint: fix the cause and "
                    + "continue with --resume " + target, e);
        }
        try {
            AtomicFiles.deleteRecursively(staging);
        } catch (IOException cleanup) {
            e.addSuppressed(cleanup);
        }
        return e;
    }

    private ObjectNode describeRun() {
        ObjectNode run = JSON.createObjectNode();
        run.put("command", "estimate");
        run.put("p", p);
        run.put("q", q);
        return run;
    }

    EstimatorConfig configFor(ImageDistribution pd) {
        EstimatorConfig c = switch (preset) {
            case "quick" -> EstimatorConfig.quick(pd.shape());
            case "paper" -> EstimatorConfig.paper(pd.shape());
            default -> throw new InvalidConfigException("--preset", preset, "quick or paper");
        };
        CriticConfig.Variant variant = switch (critic) {
            case "bcop" -> CriticConfig.Variant.BCOP;
            case "rko" -> CriticConfig.Variant.RKO;
            case "ossn" -> CriticConfig.Variant.OSSN;
            case "gp", "lp" -> CriticConfig.Variant.GP;
            default -> throw new InvalidConfigException("--critic", critic, "bcop, rko, ossn, gp or lp");
        };
        c = c.withCritic(c.critic().withVariant(variant));
        if (critic.equals("lp")) {
            c = c.withPenalty(GradientPenalty.oneSided(GradientPenalty.WGAN_GP.lambda()));
        }
        if (learningRate != null) {
            c = c.withOptimiser(c.optimiser().withLearningRate(learningRate));
        }
        c = c.withSchedule(epochs != null ? epochs : c.epochs(), stepsPerEpoch != null ? stepsPerEpoch
                : c.itersPerEpoch(), c.lrDecay());
        c = c.withSamples(batchSize != null ? batchSize : c.batchSize(), validationSize != null ? validationSize
                : c.validationSize(), testSize != null ? testSize : c.testSize());
        c = c.withSeeds(seeds != null ? seeds : c.seeds(), seed);
        return c.withFlags(c.keepBest(), c.sameDistributionFloor() && !noFloor, baselineReport);
    }

    private static byte[] grid(ImageDistribution d, long seed) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(ImageGrid.render(d.sample(64, new SplittableRandom(seed)), 8, 8), "png", png);
        return png.toByteArray();
    }
}
