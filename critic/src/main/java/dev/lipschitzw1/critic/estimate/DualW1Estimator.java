package dev.lipschitzw1.critic.estimate;

import dev.lipschitzw1.critic.certify.Certificate;
import dev.lipschitzw1.critic.certify.LayerCertificate;
import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.CriticTrainer;
import dev.lipschitzw1.critic.network.DualStep;
import dev.lipschitzw1.critic.network.GradientNormDiagnostics;
import dev.lipschitzw1.critic.network.GradientPenaltyTrainer;
import dev.lipschitzw1.critic.network.Workspaces;
import dev.lipschitzw1.critic.tensor.IntraOpThreads;
import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.NotCertifiedException;
import dev.lipschitzw1.errors.NumericalFailureException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import dev.lipschitzw1.provenance.Provenance;
import dev.lipschitzw1.provenance.SourceDigest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Estimates W1(P, Q) by the Kantorovich–Rubinstein dual with a certified 1-Lipschitz critic (docs/estimator.md):
 * <pre>  W1(P, Q) = sup_{‖f‖_L ≤ 1} E_P f − E_Q f  ≥  mean f(P_test) − mean f(Q_test)  </pre>
 * for the critic f trained on the training parts, selected on the validation parts and scored once on the untouched
 * test parts. Each seed trains its own critic; the result carries the per-seed values, their mean, standard deviation
 * and 95 % t-interval, each critic's certified bound, the same-distribution floor and the provenance.
 *
 * <p>Acceptance (docs/decisions.md 33): the critic's architectural factor a (its nearest upsampling, exactly a in
 * operator norm; {@code CriticConfig.architecturalFactor()}) is known before training, and a selected critic whose
 * certified bound exceeds a·(1 + 1e-4) ({@link EstimatorConfig#certifiedLimit()}) is refused with
 * {@link NotCertifiedException} unless the config asks for a baseline report; each raw estimate is divided by a for
 * native pixels ({@link W1Estimate}). A critic that cannot pass (an unconstrained GP critic without a baseline report)
 * is refused before the first step ({@link EstimatorConfig#requireCertifiable()}). NaN or infinity in training or
 * evaluation stops the run with {@link NumericalFailureException}.
 *
 * <p>Convergence: each run's learning curve is judged by {@link EstimatorConfig#convergence()} and the verdict kept in
 * its {@link SeedEstimate}; with {@link EstimatorConfig#untilConverged()} a run trains epoch after epoch until the rule
 * holds or its step cap is reached. The verdict is a function of the (checkpointed) curve, so resuming needs no other
 * state. With a checkpoint directory, the state is saved
 * atomically after every epoch and an interrupted run resumes from it, ending bit-identical on CPU.
 *
 * <p>Baselines: with a gradient penalty in the config (the GP critic's default, WGAN-GP λ = 10), each step is
 * {@link GradientPenaltyTrainer}'s penalised step instead of {@link CriticTrainer}'s; the training objective recorded
 * is still the dual one (mean f(P) − mean f(Q), without the penalty). Such a critic certifies far above 1, so it needs
 * a baseline report, whose per-seed results carry L and raw / L next to the raw estimate.
 *
 * <p>With {@link #withSelectedCritics}, each selected critic is saved so that it can be certified again or reused.
 *
 * <p>Randomness: the critic of run r is initialised from seed mix(seed, r); the batches of epoch e of run r come from
 * SplittableRandom(mix(seed, r, e)), so a resumed epoch draws exactly the batches the lost one drew; with a penalty,
 * each step's interpolation weights t are drawn from the same stream right after its two batches. The selected
 * critic's {@link GradientNorms} use interpolation weights from SplittableRandom(mix(seed, r, −1)) (no epoch's stream).
 */
public final class DualW1Estimator {
    /** Images per side for the gradient-norm diagnostics (and as many interpolates). */
    static final int DIAGNOSTIC_SAMPLES = 128;

    static final long P_SIDE = 101;
    static final long Q_SIDE = 202;
    private final EstimatorConfig config;
    private final Path checkpointDir;
    private final Path criticDir;
    private final ProgressListener progress;
    private final Parallelism parallelism;
    /** The one seed index to train ({@link #withSeedIndex}), or −1 for all of them. */
    private final int onlySeed;

    public DualW1Estimator(EstimatorConfig config) {
        this(config, null, null, ProgressListener.NONE, Parallelism.sequential(), -1);
    }

    private DualW1Estimator(EstimatorConfig config, Path checkpointDir, Path criticDir, ProgressListener progress,
                            Parallelism parallelism, int onlySeed) {
        this.config = config;
        this.checkpointDir = checkpointDir;
        this.criticDir = criticDir;
        this.progress = progress;
        this.parallelism = parallelism;
        this.onlySeed = onlySeed;
    }

    /** This estimator saving its state to {@code dir} after every epoch and resuming from it if it holds a state. */
    public DualW1Estimator withCheckpoints(Path dir) {
        return new DualW1Estimator(config, dir, criticDir, progress, parallelism, onlySeed);
    }

    /**
     * This estimator saving each selected critic (the kept-best weights the held-out estimate and the certificate
     * are computed with) with {@link Critic#save} as {@code dir/seed-<k>.zip}, k = seedIndex + 1, and the
     * same-distribution floor's as {@code dir/floor.zip}, each written atomically once its run is certified (a
     * refused critic is not saved). {@code Critic.load(...).certify()} gives the run's per-layer certificate again.
     */
    public DualW1Estimator withSelectedCritics(Path dir) {
        return new DualW1Estimator(config, checkpointDir, dir, progress, parallelism, onlySeed);
    }

    public DualW1Estimator withProgress(ProgressListener listener) {
        return new DualW1Estimator(config, checkpointDir, criticDir, listener, parallelism, onlySeed);
    }

    /**
     * This estimator training its runs (seeds and the floor) as {@code parallelism} says: on several workers at once,
     * each with its own ND4J thread count. The numbers depend only on the threads per worker, not on the number of
     * workers (tested), and the listener is then called from the worker threads.
     */
    public DualW1Estimator withParallelism(Parallelism parallelism) {
        return new DualW1Estimator(config, checkpointDir, criticDir, progress, parallelism, onlySeed);
    }

    /**
     * This estimator training only seed {@code index} (0-based) of its config's seeds, and no floor: the one-seed
     * estimate it returns holds exactly the numbers that seed has in the full estimate (every random stream of run r
     * depends only on the root seed and r), so that a sweep can spread the seeds of one estimate over processes or
     * machines and still report what {@code estimate} reports for each seed.
     *
     * @throws InvalidConfigException unless 0 ≤ index &lt; config.seeds()
     */
    public DualW1Estimator withSeedIndex(int index) {
        InvalidConfigException.require(index >= 0 && index < config.seeds(), "seedIndex", index,
                "0 ≤ index < seeds (" + config.seeds() + ")");
        return new DualW1Estimator(config, checkpointDir, criticDir, progress, parallelism, index);
    }

    public EstimatorConfig config() {
        return config;
    }

    /**
     * Runs the protocol on P and Q.
     *
     * @throws InvalidConfigException before any training, if the critic can never be certified and no baseline report
     *                                was asked ({@link EstimatorConfig#requireCertifiable()})
     * @throws ShapeMismatchException if P, Q and the critic's input shape differ
     * @throws NotCertifiedException if a selected critic's bound exceeds a·(1 + 1e-4) and no baseline report was asked
     * @throws NumericalFailureException if NaN or infinity appears
     */
    public W1Estimate estimate(ImageDistribution p, ImageDistribution q) {
        W1Estimate[] result = new W1Estimate[1];
        // The pool's shutdown orders the worker's write before this read.
        estimateTogether(List.of(this), p, q, parallelism, progress, (index, estimate) -> result[0] = estimate);
        return result[0];
    }

    /** Told, on a worker thread, when one of {@link #estimateTogether}'s estimates is complete or has failed. */
    public interface Outcome {
        /** Estimate {@code index} of the list is complete (all its runs trained or read back). */
        void finished(int index, W1Estimate estimate);

        /**
         * A run of estimate {@code index} failed (not {@link #finished} itself); every run has stopped, and the
         * failure is rethrown afterwards.
         */
        default void failed(int index) {
        }
    }

    /**
     * Several estimates of the same P and Q (a comparison of critics) whose remaining runs share one pool of
     * {@code parallelism.workers()} workers, in the order given (estimate by estimate, seed by seed), so that no
     * worker idles while another estimate still has runs to train. Each estimate's numbers are those it has alone on
     * the same threads per worker (a run's numbers depend only on its own seeds and thread count); each estimator's
     * own listener gets its runs' steps, epochs and messages, {@code overall} the one {@code started} of all of them.
     * An estimate's {@code seconds} run from the pool's start to its last run's end. {@code outcome.finished} is
     * called as soon as an estimate is complete, so that a caller can save it before the others end.
     *
     * @throws RuntimeException the first failure of any run, after every worker has stopped (as {@link #estimate});
     *                          or, before any training, the first estimator's check that fails
     */
    public static void estimateTogether(List<DualW1Estimator> estimators, ImageDistribution p, ImageDistribution q,
                                        Parallelism parallelism, ProgressListener overall, Outcome outcome) {
        List<Plan> plans = new ArrayList<>();
        for (DualW1Estimator e : estimators) {
            plans.add(e.plan(p, q));
        }
        int tasks = plans.stream().mapToInt(pl -> pl.tasks.size()).sum();
        int workers = Math.min(parallelism.workers(), Math.max(1, tasks));
        AtomicInteger failed = new AtomicInteger(-1);
        // What outcome.finished throws stops the pool too, but is not a failure of the estimate it reports.
        Set<Throwable> fromOutcome = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        try (IntraOpThreads.Limit ignored = parallelism.threadsPerWorker() > 0
                ? IntraOpThreads.limit(parallelism.threadsPerWorker()) : () -> { }) {
            List<RunPool.Task> all = new ArrayList<>();
            for (int i = 0; i < plans.size(); i++) {
                Plan plan = plans.get(i);
                plan.start(workers);
                int index = i;
                Runnable done = () -> {
                    W1Estimate estimate = plan.finish();
                    try {
                        outcome.finished(index, estimate);
                    } catch (RuntimeException | Error e) {
                        fromOutcome.add(e);
                        throw e;
                    }
                };
                if (plan.tasks.isEmpty()) {
                    done.run();
                }
                for (RunPool.Task t : plan.poolTasks(done)) {
                    all.add(stop -> {
                        try {
                            t.run(stop);
                        } catch (RuntimeException | Error e) {
                            if (!(e instanceof RunPool.Stopped) && !fromOutcome.contains(e)) {
                                failed.compareAndSet(-1, index);
                            }
                            throw e;
                        }
                    });
                }
            }
            overall.started(plans.stream().mapToInt(pl -> pl.runs).sum(), workers,
                    plans.stream().mapToLong(Plan::totalSteps).sum(), plans.stream().mapToLong(Plan::doneSteps).sum());
            new RunPool(workers, parallelism.threadsPerWorker()).runAll(all);
        } catch (RuntimeException | Error e) {
            if (failed.get() >= 0) {
                outcome.failed(failed.get());
            }
            throw e;
        }
    }

    /**
     * Everything {@link #estimate} does around the training: the checks, the checkpoint's finished runs, the runs
     * still to train, and the summary once they have. Throws what {@link #estimate} throws before any training
     * (a critic that can never be certified, mismatched shapes, a checkpoint of another run).
     */
    private Plan plan(ImageDistribution p, ImageDistribution q) {
        config.requireCertifiable();
        if (!p.shape().equals(q.shape())) {
            throw new ShapeMismatchException("P = " + p.name() + " vs Q = " + q.name(), p.shape().toArray(),
                    q.shape().toArray());
        }
        if (!p.shape().equals(config.critic().input())) {
            throw new ShapeMismatchException("critic input vs P = " + p.name(), config.critic().input().toArray(),
                    p.shape().toArray());
        }
        return new Plan(p, q);
    }

    /** One estimate's runs: those read back from its checkpoint, those to train, and their results. */
    private final class Plan {
        private final ImageDistribution p;
        private final ImageDistribution q;
        private final EstimatorCheckpoint checkpoint;
        private final SeedEstimate[] seeds = new SeedEstimate[config.seeds()];
        private final SeedEstimate[] floor = new SeedEstimate[1];
        private final boolean withFloor;
        private final List<RunTask> tasks = new ArrayList<>();
        private final int runs;
        private final AtomicInteger remaining;
        private long started;
        private Provenance provenance;

        Plan(ImageDistribution p, ImageDistribution q) {
            this.p = p;
            this.q = q;
            checkpoint = checkpointDir == null ? null
                    : new EstimatorCheckpoint(checkpointDir, config, p.name(), q.name());
            EstimatorCheckpoint.Finished finished = checkpoint == null
                    ? new EstimatorCheckpoint.Finished(List.of(), null) : checkpoint.load();
            finished.seeds().forEach(s -> seeds[s.seedIndex()] = s);
            floor[0] = finished.floor();
            for (int run = 0; run < config.seeds(); run++) {
                if (seeds[run] == null && (onlySeed < 0 || run == onlySeed)) {
                    int r = run;
                    tasks.add(new RunTask(run, "seed " + (run + 1) + "/" + config.seeds(), "seed-" + (run + 1), () -> {
                        // Each seed draws its own splits, so the spread over seeds (and the interval) includes the
                        // sampling noise of the held-out estimate, not only the randomness of training.
                        return new SampleSplits[] {splits(p, P_SIDE, r), splits(q, Q_SIDE, r)};
                    }, e -> seeds[r] = e));
                }
            }
            withFloor = config.sameDistributionFloor() && onlySeed < 0;
            if (withFloor && floor[0] == null) {
                tasks.add(new RunTask(config.seeds(), "floor (P vs P)", "floor", () -> halvesOf(p), e -> floor[0] = e));
            }
            runs = onlySeed >= 0 ? 1 : config.seeds() + (withFloor ? 1 : 0);
            remaining = new AtomicInteger(tasks.size());
        }

        /** The clock starts and the provenance is taken (inside the workers' thread limit, which it records). */
        void start(int workers) {
            started = System.nanoTime();
            provenance = Provenance.capture(config.toJson(), config.seed(),
                    List.of(SourceDigest.of(p), SourceDigest.of(q))).withWorkers(workers);
            if (checkpoint != null) {
                checkpoint.recordSources(provenance.sources());
            }
        }

        long totalSteps() {
            return (long) runs * config.totalSteps();
        }

        long doneSteps() {
            return (long) (runs - tasks.size()) * config.totalSteps();
        }

        /** The runs to train as pool tasks; {@code lastDone} runs on the thread of the run that finishes last. */
        List<RunPool.Task> poolTasks(Runnable lastDone) {
            return tasks.stream().map(t -> (RunPool.Task) stop -> {
                progress.message(t.label() + ": preparing samples of " + p.name() + " and " + q.name());
                SampleSplits[] sides = t.splits().get();
                SeedEstimate e = trainRun(t.run(), t.label(), t.fileStem(), sides[0], sides[1], checkpoint, stop,
                        provenance.sources());
                t.result().accept(e);
                if (checkpoint != null) {
                    checkpoint.finish(e, t.run() == config.seeds());
                }
                if (remaining.decrementAndGet() == 0) {
                    lastDone.run();
                }
            }).toList();
        }

        W1Estimate finish() {
            List<SeedEstimate> trained = onlySeed >= 0 ? List.of(seeds[onlySeed]) : List.of(seeds);
            return summarise(trained, withFloor ? floor[0] : null, p, q, (System.nanoTime() - started) / 1e9,
                    provenance);
        }
    }

    /** One training run to do: its index, labels, how to draw its splits and where its result goes. */
    private record RunTask(int run, String label, String fileStem, Supplier<SampleSplits[]> splits,
                           Consumer<SeedEstimate> result) { }

    /** The splits of one side (P_SIDE or Q_SIDE) of seed {@code run}: seeded by mix(mix(seed, side), run). */
    SampleSplits splits(ImageDistribution d, long side, int run) {
        return SampleSplits.of(d, config.validationSize(), config.testSize(), mix(mix(config.seed(), side), run));
    }

    private SeedEstimate trainRun(int run, String label, String fileStem, SampleSplits ps, SampleSplits qs,
                                  EstimatorCheckpoint checkpoint, RunPool.StopSignal stop,
                                  List<SourceDigest> sources) {
        long criticSeed = mix(config.seed(), run);
        Critic critic;
        CriticTrainer trainer;
        List<EpochRecord> curve = new ArrayList<>();
        double bestValidation = Double.NEGATIVE_INFINITY;
        int bestEpoch = -1;
        Map<String, INDArray> best = null;
        int startEpoch = 0;
        Optional<EstimatorCheckpoint.Restored> restored = checkpoint == null ? Optional.empty()
                : checkpoint.restore(run, config);
        if (restored.isPresent()) {
            EstimatorCheckpoint.Restored r = restored.get();
            critic = r.critic();
            trainer = r.trainer();
            best = r.best();
            curve.addAll(r.state().curve());
            bestValidation = r.state().bestValidation();
            bestEpoch = r.state().bestEpoch();
            startEpoch = r.state().nextEpoch();
            progress.message(label + ": resumed at epoch " + (startEpoch + 1));
        } else {
            critic = Critic.create(config.critic().withSeed(criticSeed));
            trainer = new CriticTrainer(critic, config.optimiser());
        }
        DualStep update = DualStep.of(trainer, config.penalty());
        long total = config.totalSteps();
        ConvergenceRule rule = config.convergence();
        for (int epoch = startEpoch; epoch < config.maxEpochs(); epoch++) {
            if (config.untilConverged() != null && rule.judge(validation(curve)).converged()) {
                break;   // checked before each epoch, so a run resumed after its converging epoch stops too
            }
            double lr = config.optimiser().learningRate() * Math.pow(config.lrDecay(), epoch);
            trainer.setLearningRate(lr);
            SplittableRandom rng = new SplittableRandom(mix(mix(config.seed(), run), epoch));
            double objective = 0;
            for (int it = 0; it < config.itersPerEpoch(); it++) {
                stop.check();
                long step = (long) epoch * config.itersPerEpoch() + it + 1;
                double loss;
                // The batches live in a workspace of their own, so no per-step array waits for the collector.
                try (MemoryWorkspace ws = Workspaces.open(Workspaces.ITERATION)) {
                    INDArray real = ps.train().sample(config.batchSize(), rng);
                    INDArray fake = qs.train().sample(config.batchSize(), rng);
                    GradientPenaltyTrainer.Step s = update.step(real, fake, rng);
                    requireFinite("gradient penalty (" + label + ")", step, s.penalty());
                    loss = s.loss();
                }
                requireFinite("training loss (" + label + ")", step, loss);
                objective -= loss;
                progress.step(label, step, total);
            }
            double validation = objective(critic, ps.validation(), qs.validation());
            requireFinite("validation objective (" + label + ")", (long) (epoch + 1) * config.itersPerEpoch(),
                    validation);
            EpochRecord record = new EpochRecord(epoch, lr, objective / config.itersPerEpoch(), validation);
            curve.add(record);
            if (!config.keepBest() || validation > bestValidation) {
                bestValidation = validation;
                bestEpoch = epoch;
                best = critic.parameters();
            }
            if (checkpoint != null) {
                checkpoint.save(new EstimatorCheckpoint.RunState(run, epoch + 1, bestValidation, bestEpoch, curve),
                        critic, trainer, best);
            }
            progress.epoch(label, record);
        }
        critic.setParameters(best);
        double estimate = objective(critic, ps.test(), qs.test());
        requireFinite("test estimate (" + label + ")", (long) curve.size() * config.itersPerEpoch(), estimate);
        progress.message(label + ": certifying the selected critic");
        Certificate certificate = critic.certify();
        double bound = certificate.networkBound();
        String worst = describe(certificate.worstLayer());
        if (!(bound <= config.certifiedLimit()) && !config.baselineReport()) {
            // OSSN's own estimate is the usual culprit there, and no Björck setting reaches it.
            String fix = config.critic().variant() == CriticConfig.Variant.OSSN
                    ? "OSSN divides by a power-iteration estimate, which is not a bound (more steps: --ossn-iterations)"
                    : "raise the Björck iterations of the critic";
            throw new NotCertifiedException(bound, config.certifiedLimit(), worst, fix
                    + ", or ask for a baseline report (--baseline-report) to get raw, L and raw / L");
        }
        if (criticDir != null) {
            critic.save(criticDir.resolve(fileStem + ".zip"), sources);
        }
        GradientNorms norms = gradientNorms(critic, ps.test(), qs.test(), mix(mix(config.seed(), run), -1));
        return new SeedEstimate(run, criticSeed, estimate, bestValidation, bestEpoch, bound, worst,
                certificate.layers(), curve, norms, rule.judge(validation(curve)));
    }

    /** The validation objective of each epoch, in order. */
    private static double[] validation(List<EpochRecord> curve) {
        return curve.stream().mapToDouble(EpochRecord::validationObjective).toArray();
    }

    /**
     * {@link GradientNorms} of the selected critic on the first {@value #DIAGNOSTIC_SAMPLES} test images of each side
     * and on as many interpolates between them, with t drawn from {@code seed}.
     */
    static GradientNorms gradientNorms(Critic critic, INDArray pTest, INDArray qTest, long seed) {
        long n = Math.min(DIAGNOSTIC_SAMPLES, Math.min(pTest.size(0), qTest.size(0)));
        INDArray p = pTest.get(NDArrayIndex.interval(0, n)).castTo(DataType.DOUBLE);
        INDArray q = qTest.get(NDArrayIndex.interval(0, n)).castTo(DataType.DOUBLE);
        SplittableRandom rng = new SplittableRandom(seed);
        INDArray t = Nd4j.create(DataType.DOUBLE, n, 1, 1, 1);
        for (long i = 0; i < n; i++) {
            t.putScalar(i, rng.nextDouble());
        }
        INDArray between = p.mul(t).addi(q.mul(t.rsub(1.0)));
        return GradientNorms.of(GradientNormDiagnostics.measure(critic, Nd4j.concat(0, p, q)),
                GradientNormDiagnostics.measure(critic, between));
    }

    private static String describe(LayerCertificate layer) {
        return layer.name() + ", " + layer.kind() + " " + layer.shape() + ", bound " + layer.bound();
    }

    /** mean f(P) − mean f(Q) over two fixed samples, scored in batches, accumulated in double. */
    static double objective(Critic critic, INDArray p, INDArray q) {
        return meanScore(critic, p) - meanScore(critic, q);
    }

    private static double meanScore(Critic critic, INDArray x) {
        double sum = 0;
        for (double v : critic.scores(x)) {
            sum += v;
        }
        return sum / x.size(0);
    }

    /** Two disjoint halves of P with the protocol's sample sizes halved, for the same-distribution floor. */
    private SampleSplits[] halvesOf(ImageDistribution p) {
        int validation = Math.max(1, config.validationSize() / 2);
        int test = Math.max(2, config.testSize() / 2);
        if (p instanceof ImageSet set) {
            ImageSet.Split halves = set.split(0.5, mix(config.seed(), 303));
            return new SampleSplits[] {SampleSplits.of(halves.train(), validation, test, mix(config.seed(), 404)),
                SampleSplits.of(halves.heldOut(), validation, test, mix(config.seed(), 505))};
        }
        return new SampleSplits[] {SampleSplits.of(p, validation, test, mix(config.seed(), 404)),
            SampleSplits.of(p, validation, test, mix(config.seed(), 505))};
    }

    private W1Estimate summarise(List<SeedEstimate> seeds, SeedEstimate floor, ImageDistribution p,
                                 ImageDistribution q, double seconds, Provenance provenance) {
        // Native pixels: the fixed layers scale every distance by exactly a, so raw / a bounds W1 of the native images.
        double a = config.critic().architecturalFactor();
        double[] values = seeds.stream().mapToDouble(s -> s.estimate() / a).toArray();
        double[] lower = seeds.stream().mapToDouble(SeedEstimate::lowerBound).toArray();
        double maxL = seeds.stream().mapToDouble(SeedEstimate::certifiedLipschitz).max().orElse(Double.NaN);
        boolean certified = maxL <= config.certifiedLimit();
        int v = config.validationSize();
        int t = config.testSize();
        W1Estimate.SampleCounts counts = new W1Estimate.SampleCounts(SampleSplits.trainSizeOf(p, v, t),
                SampleSplits.trainSizeOf(q, v, t), v, v, t, t);
        return new W1Estimate(Interval.mean(values), Interval.standardDeviation(values), Interval.studentT(values, 0.95),
                seeds, maxL, a, certified, Interval.mean(lower), floor == null ? Double.NaN : floor.estimate() / a,
                counts, config.preset(), p.name(), q.name(), seconds, provenance);
    }

    private static void requireFinite(String where, long step, double value) {
        if (!Double.isFinite(value)) {
            throw new NumericalFailureException(where, step, value,
                    "lower the learning rate or check the inputs for NaN; no estimate is reported");
        }
    }

    /** SplitMix64 finaliser of a combination of seeds: distinct, well-mixed streams per (seed, run, epoch). */
    static long mix(long seed, long salt) {
        long z = seed * 0x9E3779B97F4A7C15L + salt + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}
