package dev.lipschitzw1.generator.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.Optimiser;
import dev.lipschitzw1.datasets.ImageGrid;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.generator.DcganGenerator;
import dev.lipschitzw1.generator.GaussianLatents;
import dev.lipschitzw1.generator.StreamSeeds;
import dev.lipschitzw1.generator.io.GeneratorFile;
import dev.lipschitzw1.generator.io.Json;
import dev.lipschitzw1.provenance.Provenance;
import dev.lipschitzw1.provenance.SourceDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains a DCGAN generator on a finite image set as a Wasserstein GAN (Gulrajani et al. 2017, Algorithm 1), against
 * the critic {@link WganGpConfig#critic()} names: the WGAN-GP discriminator ({@link WganGpDiscriminator}, the BCOP
 * authors' settings: {@link WganGpConfig#authors}) or a certified BCOP critic ({@link BcopCriticSettings}, no penalty).
 * Step s:
 * <pre>  rng = SplittableRandom(StreamSeeds.of(seed, s))
 *   repeat n_critic times:  x ~ data (B, uniform with replacement), z ~ N(0, I)
 *                           WGAN_GP: ε ~ U(0, 1) per image, x̂ = εx + (1 − ε)G(z);
 *                                    Adam step of D on  mean D(G(z)) − mean D(x) + λ·penalty(x̂)
 *                           BCOP:    optimiser step of f on  mean f(G(z)) − mean f(x)
 *   z ~ N(0, I);  Adam step of G on  −mean f(G(z))   (gradient Jᵀ(−∇ₓf(G(z))/B), through the critic's ∇ₓf)  </pre>
 * All randomness of step s comes from its own stream, so a checkpoint needs no random state: a run stopped after
 * any checkpoint and resumed ends bit-identical to an uninterrupted one on the same backend and thread count (tested
 * for both critics). Training runs in float32 (the BCOP critic in its config's precision).
 */
public final class WganGpTrainer {
    /** The checkpoint file inside a run directory. */
    public static final String CHECKPOINT = "checkpoint.zip";
    private static final int GRID_SIDE = 8;

    private final WganGpConfig config;
    private final ImageSet data;
    private final DcganGenerator generator;
    private final GanCritic critic;
    private final Optimiser generatorAdam;
    private final Provenance provenance;
    private int step;
    private double secondsBefore;
    private long startedNanos;
    /** Since the last report: Σ W, Σ penalty, Σ ‖∇f(x̂)‖ over critic updates; Σ mean ‖∇f(G(z))‖ over generator steps. */
    private final double[] sums = new double[4];

    /** A fresh run at step 0. */
    public WganGpTrainer(WganGpConfig config, ImageSet data) {
        this(config, data, DcganGenerator.initialise(config.generator(), StreamSeeds.of(config.seed(), "init"),
                DataType.FLOAT), newCritic(config));
    }

    /** The critic of a fresh run: the discriminator from the root seed, the BCOP critic from its config's seed. */
    private static GanCritic newCritic(WganGpConfig config) {
        return switch (config.critic()) {
            case WGAN_GP -> new DiscriminatorCritic(WganGpDiscriminator.initialise(config.discriminator(),
                    StreamSeeds.of(config.seed(), "init"), DataType.FLOAT), config.penalty(), config.lambda(),
                    config.adam());
            case BCOP -> new BcopGanCritic(config.bcop());
        };
    }

    private WganGpTrainer(WganGpConfig config, ImageSet data, DcganGenerator g, GanCritic critic) {
        InvalidConfigException.require(data != null && data.shape().equals(config.generator().output()), "training.data",
                data == null ? null : data.name() + " " + data.shape(), "images of shape " + config.generator().output());
        this.config = config;
        this.data = data;
        this.generator = g;
        this.critic = critic;
        this.generatorAdam = new Optimiser(config.adam().toOptimiserConfig());
        this.generatorAdam.initialise(g.parameters());
        this.provenance = Provenance.capture(Json.write(config), config.seed(), List.of(SourceDigest.of(data)));
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
                DcganGenerator.withParameters(config.generator(), c.generator(), DataType.FLOAT), newCritic(config));
        t.critic.restore(c.critic(), c.criticOptimiserSteps(), c.criticMoments());
        t.generatorAdam.restore(c.generatorAdamSteps(), c.generatorMoments(), t.generator.parameters(), "generator");
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
                double gradientNorm = critic.kind() == CriticKind.WGAN_GP ? sums[2] / updates : sums[3] / intervalSteps;
                listener.onProgress(new TrainingProgress(step, config.steps(), sums[0] / updates, sums[1] / updates,
                        gradientNorm, (now - intervalStart) * 1e-9 / intervalSteps, trainingSeconds()));
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

    /** One generator step with its n_critic critic steps (class comment). */
    public void step() {
        SplittableRandom rng = new SplittableRandom(StreamSeeds.of(config.seed(), step));
        int b = config.batchSize();
        int d = config.generator().latentSize();
        for (int c = 0; c < config.criticIterations(); c++) {
            INDArray real = data.sample(b, rng);
            INDArray fake = generator.forward(GaussianLatents.sample(rng, b, d));
            GanCritic.Update u = critic.update(real, fake, rng, step);
            closeAll(real, fake);
            sums[0] += u.wasserstein();
            sums[1] += u.penalty();
            sums[2] += u.gradientNorm();
        }
        INDArray z = GaussianLatents.sample(rng, b, d);
        GeneratorGradient g = generatorGradient(generator, critic, z);
        sums[3] += g.meanCriticGradientNorm();
        generatorAdam.step(generator.parameters(), g.gradients());
        closeAll(z);
        closeAll(g.gradients().values().toArray(INDArray[]::new));
        step++;
    }

    /**
     * The generator's loss gradient at one batch of latents.
     *
     * @param gradients ∂/∂θ of −mean_i f(G_θ(z_i)) by parameter name
     * @param meanCriticGradientNorm mean_i ‖∇ₓf(G(z_i))‖ (≤ the certified bound for the BCOP critic)
     */
    record GeneratorGradient(Map<String, INDArray> gradients, double meanCriticGradientNorm) {
    }

    /**
     * The generator step's gradient: the vector–Jacobian product Jᵀu of G at z with u_i = −∇ₓf(G(z_i))/B, B the
     * number of latents (one reverse pass of G alone, the critic's input gradient as its upstream).
     */
    static GeneratorGradient generatorGradient(DcganGenerator g, GanCritic f, INDArray z) {
        INDArray fake = g.forward(z);
        INDArray grad = f.inputGradient(fake);
        double norm = grad.reshape(grad.size(0), -1).norm2(1).meanNumber().doubleValue();
        INDArray upstream = grad.muli(-1.0 / z.size(0));
        Map<String, INDArray> gradients = g.pullback(z, upstream);
        closeAll(fake, upstream);
        return new GeneratorGradient(gradients, norm);
    }

    /**
     * Releases the off-heap memory of per-step arrays at once rather than at the next garbage collection: a training
     * step makes ~100 MB of temporaries that a large Java heap would otherwise let pile up.
     */
    static void closeAll(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.closeable()) {
                a.close();
            }
        }
    }

    /** Writes the complete run state atomically (with the BCOP critic, also its certified bound, computed now). */
    public void writeCheckpoint(Path file) {
        ObjectNode criticInfo = Json.MAPPER.createObjectNode();
        critic.describe(criticInfo);
        new TrainingCheckpoint(config, step, trainingSeconds(), DiscriminatorCritic.copy(generator.parameters()),
                generatorAdam.steps(), generatorAdam.moments(), critic.parameters(), critic.optimiserSteps(),
                critic.moments(), criticInfo).write(file, provenance.sources());
    }

    /**
     * The generator as a file with its provenance: config, seed, steps, training time, the data it saw; with the BCOP
     * critic also {@code "critic": {"kind", "parameters", "certifiedBound"}}, the bound computed now.
     */
    public GeneratorFile generatorFile() {
        ObjectNode info = Json.MAPPER.createObjectNode();
        info.put("trainer", critic.trainerName());
        info.put("seed", config.seed());
        info.put("steps", step);
        info.put("trainingSeconds", Math.round(trainingSeconds() * 10) / 10.0);
        ObjectNode seen = info.putObject("data");
        seen.put("name", data.name());
        seen.put("images", data.size());
        seen.put("realImagesDrawn", (long) step * config.criticIterations() * config.batchSize());
        info.set("training", Json.tree(config));
        critic.describe(info);
        info.set("provenance", Json.provenance(provenance));
        return GeneratorFile.of(generator, info, provenance.sources());
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

    /**
     * The WGAN-GP discriminator being trained.
     *
     * @throws IllegalStateException if this run trains against the BCOP critic ({@link #bcopCritic()})
     */
    public WganGpDiscriminator discriminator() {
        if (critic instanceof DiscriminatorCritic d) {
            return d.discriminator();
        }
        throw new IllegalStateException("this run trains against the " + critic.kind() + " critic, not the WGAN-GP "
                + "discriminator");
    }

    /**
     * The BCOP critic being trained (certify it with {@code certify()}).
     *
     * @throws IllegalStateException if this run trains against the WGAN-GP discriminator ({@link #discriminator()})
     */
    public Critic bcopCritic() {
        if (critic instanceof BcopGanCritic c) {
            return c.critic();
        }
        throw new IllegalStateException("this run trains against the " + critic.kind() + " critic, not a BCOP critic");
    }

    /** Copies of the critic's parameters (discriminator or BCOP critic), for tests. */
    Map<String, INDArray> criticParameters() {
        return critic.parameters();
    }

    /** Optimiser states (t, then m and v by parameter) of the generator and the critic, for tests. */
    Map<String, Object> optimiserState() {
        return Map.of("generatorSteps", generatorAdam.steps(), "generator", generatorAdam.moments(),
                "discriminatorSteps", critic.optimiserSteps(), "discriminator", critic.moments());
    }
}
