package dev.lipschitzw1.generator.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageGrid;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.SourceOptions;
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
 * Command-line entry of {@code scripts/train-generators.sh}:
 * <pre>
 *   TrainGenerators train   JOB.json RUN_DIR [--data SPEC]   train (or resume) one job into RUN_DIR
 *   TrainGenerators publish RESOURCES_DIR DOCS_DIR JOB.json RUN_DIR [JOB.json RUN_DIR …]
 *                                                            copy each job's ladder snapshots to RESOURCES_DIR,
 *                                                            write manifest.json (SHA-256, steps, time, data) and
 *                                                            8×8 sample grids DOCS_DIR/NAME-LEVEL.png
 * </pre>
 * Progress goes to standard output, one line per report. Exit status 0 on success, 1 on any failure, 2 on usage.
 */
public final class TrainGenerators {
    /** Seed of the latents of the published sample grids. */
    public static final long GRID_SEED = 20261126L;

    private TrainGenerators() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            if (args.length >= 3 && args[0].equals("train")) {
                String data = args.length == 5 && args[3].equals("--data") ? args[4] : null;
                train(Path.of(args[1]), Path.of(args[2]), data, out);
            } else if (args.length >= 5 && args[0].equals("publish") && args.length % 2 == 1) {
                List<Path[]> jobs = new ArrayList<>();
                for (int i = 3; i < args.length; i += 2) {
                    jobs.add(new Path[] {Path.of(args[i]), Path.of(args[i + 1])});
                }
                publish(Path.of(args[1]), Path.of(args[2]), jobs, out);
            } else {
                System.err.println("usage: TrainGenerators train JOB.json RUN_DIR [--data SPEC]\n"
                        + "       TrainGenerators publish RESOURCES_DIR DOCS_DIR JOB.json RUN_DIR [JOB.json RUN_DIR …]");
                System.exit(2);
            }
        } catch (W1Exception e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    static GeneratorTrainingJob readJob(Path file) {
        try {
            return Json.readConfig(Files.readString(file), GeneratorTrainingJob.class, file.toString());
        } catch (IOException e) {
            throw new W1Exception("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Trains (or resumes) one job; progress lines go to {@code out}. */
    static WganGpTrainer train(Path jobFile, Path runDir, String dataOverride, PrintStream out) {
        GeneratorTrainingJob job = readJob(jobFile);
        if (dataOverride != null) {
            job = job.withData(dataOverride);
        }
        ImageSet data = DataSources.resolveSet(job.data(), SourceOptions.DEFAULT);
        out.println(job.name() + ": " + data.size() + " images from " + job.data() + ", " + job.training().steps()
                + " steps into " + runDir);
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
                    GeneratorDistribution g = new GeneratorDistribution(job.name() + "@" + level.getKey(),
                            file.toGenerator());
                    Path png = docs.resolve(job.name() + "-" + level.getKey() + ".png");
                    ImageGrid.writePng(g.sample(64, new SplittableRandom(GRID_SEED)), 8, 8, png);
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
