package dev.lipschitzw1.generator.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.datasets.ImageGrid;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.NumericalFailureException;
import dev.lipschitzw1.generator.DcganGenerator;
import dev.lipschitzw1.generator.GaussianLatents;
import dev.lipschitzw1.generator.StreamSeeds;
import dev.lipschitzw1.generator.io.GeneratorFile;
import dev.lipschitzw1.generator.io.Json;
import dev.lipschitzw1.provenance.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a DCGAN generator against the WGAN-GP discriminator ({@link WganGpDiscriminator}) on a finite image set
 * (Gulrajani et al. 2017, Algorithm 1, with the BCOP authors' settings: {@link WganGpConfig#authors}). Step s:
 * <pre>  rng = SplittableRandom(StreamSeeds.of(seed, s))
 *   repeat n_critic times:  x ~ data (B, uniform with replacement), z ~ N(0, I), ε ~ U(0, 1) per image,
 *                           x̂ = εx + (1 − ε)G(z);   Adam step of D on  mean D(G(z)) − mean D(x) + λ·penalty(x̂)
 *   z ~ N(0, I);  Adam step of G on  −mean D(G(z))   (gradient Jᵀ(−∇ₓD(G(z))/B), through the explicit ∇ₓD)  </pre>
 * All randomness of step s comes from its own stream, so a checkpoint needs no random state: a run stopped after
 * any checkpoint and resumed ends bit-identical to an uninterrupted one on the same backend and thread count (tested).
 * Training runs in float32.
 */
public final class WganGpTrainer {
    /** The checkpoint file inside a run directory. */
    public static final String CHECKPOINT = "checkpoint.zip";
    private static final int GRID_SIDE = 8;

    private final WganGpConfig config;
    private final ImageSet data;
    private final DcganGenerator generator;
    private final WganGpDiscriminator discriminator;
    private final Adam generatorAdam;
    private final Adam discriminatorAdam;
    private final Provenance provenance;
    private int step;
    private double secondsBefore;
    private long startedNanos;
    private final double[] sums = new double[4];

    /** A fresh run at step 0. */
    public WganGpTrainer(WganGpConfig config, ImageSet data) {
        this(config, data, DcganGenerator.initialise(config.generator(), StreamSeeds.of(config.seed(), "init"),
                DataType.FLOAT), WganGpDiscriminator.initialise(config.discriminator(), config.penalty(),
                config.lambda(), StreamSeeds.of(config.seed(), "init"), DataType.FLOAT));
    }

    private WganGpTrainer(WganGpConfig config, ImageSet data, DcganGenerator g, WganGpDiscriminator d) {
        InvalidConfigException.require(data != null && data.shape().equals(config.generator().output()), "training.data",
                data == null ? null : data.name() + " " + data.shape(), "images of shape " + config.generator().output());
        this.config = config;
        this.data = data;
        this.generator = g;
        this.discriminator = d;
        this.generatorAdam = new Adam(config.adam(), g.parameters());
        this.discriminatorAdam = new Adam(config.adam(), d.parameters());
        this.provenance = Provenance.capture(Json.write(config), config.seed());
        this.startedNanos = System.nanoTime();
    }

    /**
     * Continues the run saved in {@code checkpoint}; {@code config} may differ from the saved one only in
     * {@link WganGpConfig#steps()} (to extend a run).
     *
     * @throws InvalidConfigException if the configs differ otherwise
     */
    public static WganGpTrainer resume(Path checkpoint, WganGpConfig config, ImageSet data) {
        TrainingCheckpoint c = TrainingCheckpoint.read(checkpoint);
        InvalidConfigException.require(c.config().withSteps(0).equals(config.withSteps(0)), "training.config",
                checkpoint + " was written by another config", "the same config as the checkpoint's (only steps may "
                        + "change); use another run directory");
        InvalidConfigException.require(c.step() <= config.steps(), "training.steps", config.steps(),
                "≥ the checkpoint's step " + c.step());
        WganGpTrainer t = new WganGpTrainer(config, data,
                DcganGenerator.withParameters(config.generator(), c.generator(), DataType.FLOAT),
                WganGpDiscriminator.withParameters(config.discriminator(), config.penalty(), config.lambda(),
                        c.discriminator(), DataType.FLOAT));
        t.generatorAdam.restore(c.generatorAdamSteps(), c.generatorMoments().get("m"), c.generatorMoments().get("v"));
        t.discriminatorAdam.restore(c.discriminatorAdamSteps(), c.discriminatorMoments().get("m"),
                c.discriminatorMoments().get("v"));
        t.step = c.step();
        t.secondsBefore = c.trainingSeconds();
        return t;
    }

    /**
     * Trains until {@code config.steps()}, resuming from {@code runDir/checkpoint.zip} when it exists, and writes
     * into {@code runDir}: the checkpoint (atomically, every {@link TrainingSchedule#checkpointEvery()} steps and at
     * the end), {@code samples/step-NNNNNN.png} grids of 64 fixed latents, and {@code generators/step-NNNNNN.zip}
     * generator files at the snapshot steps.
     *
     * @return the trainer in its final state
     */
    public static WganGpTrainer run(WganGpConfig config, ImageSet data, Path runDir, TrainingSchedule schedule,
                                    TrainingListener listener) {
        Path checkpoint = runDir.resolve(CHECKPOINT);
        WganGpTrainer t = Files.exists(checkpoint) ? resume(checkpoint, config, data) : new WganGpTrainer(config, data);
        t.train(runDir, schedule, listener);
        return t;
    }

    private void train(Path runDir, TrainingSchedule schedule, TrainingListener listener) {
        long intervalStart = System.nanoTime();
        int intervalSteps = 0;
        if (step == 0 && schedule.gridEvery() > 0) {
            listener.onFileWritten(0, writeGrid(runDir.resolve("samples").resolve(String.format("step-%06d.png", 0))));
        }
        while (step < config.steps()) {
            step();
            intervalSteps++;
            if (TrainingSchedule.due(schedule.progressEvery(), step) || step == config.steps()) {
                double now = System.nanoTime();
                int updates = intervalSteps * config.criticIterations();
                listener.onProgress(new TrainingProgress(step, config.steps(), sums[0] / updates, sums[1] / updates,
                        sums[2] / updates, (now - intervalStart) * 1e-9 / intervalSteps, trainingSeconds()));
                java.util.Arrays.fill(sums, 0);
                intervalStart = System.nanoTime();
                intervalSteps = 0;
            }
            if (TrainingSchedule.due(schedule.gridEvery(), step)) {
                Path png = runDir.resolve("samples").resolve(String.format("step-%06d.png", step));
                listener.onFileWritten(step, writeGrid(png));
            }
            if (schedule.snapshots().contains(step)) {
                Path zip = runDir.resolve("generators").resolve(String.format("step-%06d.zip", step));
                generatorFile().write(zip);
                listener.onFileWritten(step, zip);
            }
            if (TrainingSchedule.due(schedule.checkpointEvery(), step) || step == config.steps()) {
                Path c = runDir.resolve(CHECKPOINT);
                writeCheckpoint(c);
                listener.onFileWritten(step, c);
            }
        }
    }

    /** One generator step with its n_critic discriminator steps (class comment). */
    public void step() {
        SplittableRandom rng = new SplittableRandom(StreamSeeds.of(config.seed(), step));
        int b = config.batchSize();
        int d = config.generator().latentSize();
        for (int c = 0; c < config.criticIterations(); c++) {
            INDArray real = data.sample(b, rng);
            INDArray fake = generator.forward(GaussianLatents.sample(rng, b, d));
            float[] eps = new float[b];
            for (int i = 0; i < b; i++) {
                eps[i] = (float) rng.nextDouble();
            }
            INDArray diff = real.sub(fake);
            INDArray epsArray = Nd4j.createFromArray(eps);
            Broadcast.mul(diff, epsArray, diff, 0);
            INDArray xhat = diff.addi(fake);
            WganGpDiscriminator.Step s = discriminator.lossAndGradients(real, fake, xhat);
            closeAll(real, fake, xhat, epsArray);
            if (!Double.isFinite(s.loss())) {
                throw new NumericalFailureException("discriminator loss", step, s.loss(),
                        "lower adam.learningRate or check the data for NaN");
            }
            discriminatorAdam.step(discriminator.parameters(), s.gradients());
            sums[0] += s.wasserstein();
            sums[1] += s.penalty();
            sums[2] += s.meanGradientNorm();
        }
        INDArray z = GaussianLatents.sample(rng, b, d);
        INDArray fake = generator.forward(z);
        INDArray upstream = discriminator.inputGradient(fake).muli(-1.0 / b);
        generatorAdam.step(generator.parameters(), generator.pullback(z, upstream));
        closeAll(z, fake, upstream);
        step++;
    }

    /**
     * Releases the off-heap memory of per-step arrays at once rather than at the next garbage collection: a training
     * step makes ~100 MB of temporaries that a large Java heap would otherwise let pile up.
     */
    private static void closeAll(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.closeable()) {
                a.close();
            }
        }
    }

    /** Writes the complete run state atomically. */
    public void writeCheckpoint(Path file) {
        Map<String, INDArray> g = copy(generator.parameters());
        Map<String, INDArray> dd = copy(discriminator.parameters());
        new TrainingCheckpoint(config, step, trainingSeconds(), g, dd, generatorAdam.steps(),
                generatorAdam.moments(), discriminatorAdam.steps(), discriminatorAdam.moments()).write(file);
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> m) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    /** The generator as a file with its provenance: config, seed, steps, training time, the data it saw. */
    public GeneratorFile generatorFile() {
        ObjectNode info = Json.MAPPER.createObjectNode();
        info.put("trainer", "WGAN-GP (" + config.penalty() + ", λ = " + config.lambda() + ")");
        info.put("seed", config.seed());
        info.put("steps", step);
        info.put("trainingSeconds", Math.round(trainingSeconds() * 10) / 10.0);
        ObjectNode seen = info.putObject("data");
        seen.put("name", data.name());
        seen.put("images", data.size());
        seen.put("realImagesDrawn", (long) step * config.criticIterations() * config.batchSize());
        info.set("training", Json.tree(config));
        info.set("provenance", Json.provenance(provenance));
        return GeneratorFile.of(generator, info);
    }

    private Path writeGrid(Path png) {
        SplittableRandom rng = new SplittableRandom(StreamSeeds.of(config.seed(), "grid"));
        INDArray z = GaussianLatents.sample(rng, GRID_SIDE * GRID_SIDE, config.generator().latentSize());
        ImageGrid.writePng(generator.generate(z), GRID_SIDE, GRID_SIDE, png);
        return png;
    }

    /** Generator steps done. */
    public int stepsDone() {
        return step;
    }

    public WganGpConfig config() {
        return config;
    }

    /** Wall time spent training, over all resumptions of this run. */
    public double trainingSeconds() {
        return secondsBefore + (System.nanoTime() - startedNanos) * 1e-9;
    }

    public DcganGenerator generator() {
        return generator;
    }

    public WganGpDiscriminator discriminator() {
        return discriminator;
    }

    /** Adam states (t, then m and v by parameter) of the generator and the discriminator, for tests. */
    Map<String, Object> optimiserState() {
        return Map.of("generatorSteps", generatorAdam.steps(), "generator", generatorAdam.moments(),
                "discriminatorSteps", discriminatorAdam.steps(), "discriminator", discriminatorAdam.moments());
    }
}
