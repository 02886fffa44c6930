package dev.lipschitzw1.generator.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageGrid;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.W1Exception;
import dev.lipschitzw1.files.AtomicFiles;
import dev.lipschitzw1.generator.GeneratorDistribution;
import dev.lipschitzw1.generator.io.GeneratorFile;
import dev.lipschitzw1.generator.io.Json;
import dev.lipschitzw1.generator.pretrained.PretrainedGenerators;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Command-line entry of {@code scripts/train-generators.sh}; {@link #USAGE} is its help text. Progress goes to
 * standard output, one line per report: {@code System.out} is taken in {@link #main} only (a command-line program's
 * output), and the methods it calls write to the stream they are given. Exit status 0 on success (and for
 * {@code --help}), 1 on any failure, 2 on usage.
 */
public final class TrainGenerators {
    /** Seed of the latents of the published sample grids. */
    public static final long GRID_SEED = 20261126L;

    /** The help text ({@code --help}, and on a usage error). */
    public static final String USAGE = """
            usage: TrainGenerators train JOB.json RUN_DIR [--data SPEC] [--critic wgan-gp|bcop]
                   TrainGenerators publish RESOURCES_DIR DOCS_DIR JOB.json RUN_DIR [JOB.json RUN_DIR ...]
                   TrainGenerators grid GENERATOR.zip OUT.png
                   TrainGenerators --help

              train    train (or resume from RUN_DIR/checkpoint.zip) one job (scripts/generators/*.json) into RUN_DIR:
                       progress lines, samples/step-N.png, generators/step-N.zip at the snapshot steps
                --data SPEC        the training images instead of the job's "data", e.g. mnist-train:/tmp/mnist/package/data
                --critic wgan-gp   train against the job's WGAN-GP discriminator (gradient penalty); an error for a
                                   job without one
                --critic bcop      train against a certified BCOP critic (critic module, no penalty) instead: the job's
                                   own "bcop" settings, else the default (the quick critic, Adam 2e-4, beta (0.5, 0.999));
                                   its certified Lipschitz bound is recorded in every checkpoint and generator file
              publish  copy each job's ladder snapshots to RESOURCES_DIR, write manifest.json (SHA-256, steps, time,
                       data) and 8x8 sample grids DOCS_DIR/NAME-LEVEL.png
              grid     render an 8x8 sample grid of a generator file (the published grids' latents)

            exit status: 0 success (and --help), 1 failure (message on standard error), 2 usage error
            """;

    private TrainGenerators() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
                out.print(USAGE);
            } else if (args.length >= 3 && args[0].equals("train")) {
                String data = null;
                String critic = null;
                for (int i = 3; i < args.length; i += 2) {
                    if (i + 1 >= args.length) {
                        usageError("missing value of " + args[i]);
                    } else if (args[i].equals("--data")) {
                        data = args[i + 1];
                    } else if (args[i].equals("--critic") && (args[i + 1].equals("bcop")
                            || args[i + 1].equals("wgan-gp"))) {
                        critic = args[i + 1];
                    } else {
                        usageError("unknown option " + args[i] + " " + args[i + 1]);
                    }
                }
                train(Path.of(args[1]), Path.of(args[2]), data, critic, out);
            } else if (args.length == 3 && args[0].equals("grid")) {
                Path png = Path.of(args[2]);
                grid(GeneratorFile.read(Path.of(args[1])), png);
                out.println("wrote " + png);
            } else if (args.length >= 5 && args[0].equals("publish") && args.length % 2 == 1) {
                List<Path[]> jobs = new ArrayList<>();
                for (int i = 3; i < args.length; i += 2) {
                    jobs.add(new Path[] {Path.of(args[i]), Path.of(args[i + 1])});
                }
                publish(Path.of(args[1]), Path.of(args[2]), jobs, out);
            } else {
                usageError(args.length == 0 ? "no command" : "cannot parse " + String.join(" ", args));
            }
        } catch (W1Exception e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usageError(String problem) {
        System.err.print("error: " + problem + "\n" + USAGE);
        System.exit(2);
    }

    /**
     * The job with its critic chosen on the command line: {@code null} keeps it; {@code bcop} keeps a BCOP job and
     * turns a WGAN-GP one into one against {@link BcopCriticSettings#defaults} (same generator, optimiser, n_critic,
     * batch, steps, seed); {@code wgan-gp} keeps a WGAN-GP job.
     *
     * @throws InvalidConfigException for {@code wgan-gp} on a job without discriminator settings
     */
    static GeneratorTrainingJob withCritic(GeneratorTrainingJob job, String critic) {
        WganGpConfig t = job.training();
        if (critic == null || critic.equals("bcop") && t.critic() == CriticKind.BCOP) {
            return job;
        }
        if (critic.equals("bcop")) {
            return job.withTraining(t.withBcopCritic(BcopCriticSettings.defaults(t.generator().output())));
        }
        InvalidConfigException.require(t.critic() == CriticKind.WGAN_GP, "--critic", critic,
                "a job with WGAN-GP discriminator settings (this one trains against the BCOP critic)");
        return job;
    }

    /** Writes the 8×8 grid of {@link #GRID_SEED}'s 64 samples of a generator file. */
    static void grid(GeneratorFile file, Path png) {
        GeneratorDistribution g = new GeneratorDistribution("grid", file.toGenerator());
        ImageGrid.writePng(g.sample(64, new SplittableRandom(GRID_SEED)), 8, 8, png);
    }

    static GeneratorTrainingJob readJob(Path file) {
        try {
            return Json.readConfig(Files.readString(file), GeneratorTrainingJob.class, file.toString());
        } catch (IOException e) {
            throw new W1Exception("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Trains (or resumes) one job; progress lines go to {@code out}. */
    static WganGpTrainer train(Path jobFile, Path runDir, String dataOverride, String critic, PrintStream out) {
        GeneratorTrainingJob job = withCritic(readJob(jobFile), critic);
        if (dataOverride != null) {
            job = job.withData(dataOverride);
        }
        ImageSet data = DataSources.resolveSet(job.data(), SourceOptions.DEFAULT);
        out.println(job.name() + ": " + data.size() + " images from " + job.data() + ", " + job.training().steps()
                + " steps against the " + job.training().critic() + " critic into " + runDir);
        try {
            Files.createDirectories(runDir);
            Files.writeString(runDir.resolve("job.json"), Json.write(job));
        } catch (IOException e) {
            throw new W1Exception("cannot write " + runDir + ": " + e.getMessage(), e);
        }
        return WganGpTrainer.run(job.training(), data, runDir, job.schedule(), new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress p) {
                out.println(p.line());
                out.flush();
            }

            @Override
            public void onFileWritten(int step, Path file) {
                if (!file.getFileName().toString().equals(WganGpTrainer.CHECKPOINT)) {
                    out.println("  wrote " + file);
                }
            }
        });
    }

    /** Copies the ladders into the resources with a manifest, and renders their sample grids. */
    static void publish(Path resources, Path docs, List<Path[]> jobs, PrintStream out) {
        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("note", "Written by scripts/train-generators.sh (TrainGenerators publish); do not edit by hand.");
        ArrayNode list = manifest.putArray("generators");
        try {
            Files.createDirectories(resources);
            Files.createDirectories(docs);
            for (Path[] pair : jobs) {
                GeneratorTrainingJob job = readJob(pair[0]);
                Path runDir = pair[1];
                for (Map.Entry<String, Integer> level : job.ladder().entrySet()) {
                    Path source = runDir.resolve("generators").resolve(String.format("step-%06d.zip", level.getValue()));
                    GeneratorFile file = GeneratorFile.read(source);
                    byte[] bytes = Files.readAllBytes(source);
                    String name = job.name() + "-" + level.getKey() + ".zip";
                    AtomicFiles.write(resources.resolve(name), tmp -> Files.write(tmp, bytes));
                    ObjectNode e = list.addObject();
                    e.put("dataset", job.name());
                    e.put("level", level.getKey());
                    e.put("file", name);
                    e.put("sha256", PretrainedGenerators.sha256(bytes));
                    e.put("steps", file.info().path("steps").asInt());
                    e.put("trainingSeconds", file.info().path("trainingSeconds").asDouble());
                    e.put("seed", job.training().seed());
                    e.put("config", "scripts/generators/" + pair[0].getFileName());
                    e.put("data", file.info().path("data").path("name").asText() + " ("
                            + file.info().path("data").path("images").asInt() + " images; "
                            + file.info().path("data").path("realImagesDrawn").asLong() + " real images drawn)");
                    Path png = docs.resolve(job.name() + "-" + level.getKey() + ".png");
                    grid(file, png);
                    out.println(name + "  " + bytes.length + " bytes  sha256 " + e.get("sha256").asText() + "  " + png);
                }
            }
            byte[] json = Json.write(manifest).getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(resources.resolve(PretrainedGenerators.MANIFEST), tmp -> Files.write(tmp, json));
        } catch (IOException e) {
            throw new W1Exception("cannot publish into " + resources + ": " + e.getMessage(), e);
        }
    }
}
