package dev.lipschitzw1.experiments.cli;

import dev.lipschitzw1.critic.estimate.DualW1Estimator;
import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.critic.estimate.Parallelism;
import dev.lipschitzw1.critic.estimate.ProgressListener;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.experiments.report.ComparisonRow;
import dev.lipschitzw1.experiments.report.EstimateStore;
import dev.lipschitzw1.errors.CheckpointMismatchException;
import dev.lipschitzw1.errors.W1Exception;
import dev.lipschitzw1.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the estimator once per critic on the same pair with the same seeds and splits (the same base config, only the
 * critic differs), as {@code compare} and {@code reproduce} do. Every critic is a baseline report (never refused: a
 * critic certified above 1 + 1e-4 is reported as raw, L and raw / L). Inside the run's staging directory each critic
 * has {@code critics/NAME/checkpoint} (the estimator's, saved every epoch) and, once finished,
 * {@code critics/NAME/estimate.json}; a resumed run reuses finished critics and continues the interrupted ones (the
 * critics train together, so several may be part-way).
 */
final class CriticComparison {
    /** Told when a critic's estimate is ready: {@code reused} when it was read back from an earlier, killed run. */
    interface Listener {
        Listener NONE = (kind, reused) -> { };

        void criticDone(CriticKind kind, boolean reused);
    }

    private CriticComparison() {
    }

    /** The config of {@code kind}'s runs: {@code base} with that critic, as a baseline report. */
    static EstimatorConfig configFor(EstimatorConfig base, CriticKind kind) {
        EstimatorConfig c = kind.applyTo(base);
        return c.withFlags(c.keepBest(), c.sameDistributionFloor(), true);
    }

    /**
     * {@link #run} in a run directory's staging. On a typed failure ({@link W1Exception}: NaN, bad data, an unreadable
     * checkpoint) the failing critic's directory is deleted; the staging directory is deleted too when no critic had
     * finished, and kept otherwise, so that {@code --resume} reuses the finished critics and starts the failed one
     * afresh.
     */
    static List<ComparisonRow> runIn(RunDirectory dir, ImageDistribution p, ImageDistribution q,
                                     EstimatorConfig base, List<CriticKind> kinds, ProgressListener progress,
                                     Parallelism parallelism, Listener listener) throws IOException {
        try {
            return run(dir.staging(), p, q, base, kinds, progress, parallelism, listener);
        } catch (W1Exception e) {
            if (finished(dir.staging()).isEmpty()) {
                dir.discardAfter(e);
            } else {
                progress.message("finished critics " + finished(dir.staging()) + " are kept in " + dir.staging()
                        + ": --resume " + dir.target() + " reuses them and starts the failed one afresh");
            }
            throw e;
        }
    }

    /** The critics whose estimate is saved in {@code staging}. */
    static List<String> finished(Path staging) throws IOException {
        Path critics = staging.resolve("critics");
        if (!Files.isDirectory(critics)) {
            return List.of();
        }
        try (var dirs = Files.list(critics)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("estimate.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * One row per critic, in the order given; a critic that fails has its directory deleted. The critics not finished
     * in an earlier run train together: their runs (seeds, floors) share one pool of workers, critic after critic, so
     * that the last seeds of one critic train beside the first of the next ({@link DualW1Estimator#estimateTogether};
     * each critic's numbers are those it gets alone). Each critic's estimate is saved as soon as it is complete.
     */
    static List<ComparisonRow> run(Path staging, ImageDistribution p, ImageDistribution q, EstimatorConfig base,
                                   List<CriticKind> kinds, ProgressListener progress, Parallelism parallelism,
                                   Listener listener) throws IOException {
        W1Estimate[] estimates = new W1Estimate[kinds.size()];
        List<Integer> toTrain = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            Path done = dirOf(staging, kinds.get(i)).resolve("estimate.json");
            if (Files.isRegularFile(done)) {
                estimates[i] = EstimateStore.load(done);
                progress.message(kinds.get(i).id() + ": finished in the interrupted run, not rerun");
                listener.criticDone(kinds.get(i), true);
            } else {
                toTrain.add(i);
            }
        }
        List<DualW1Estimator> estimators = new ArrayList<>();
        for (int i : toTrain) {
            CriticKind kind = kinds.get(i);
            progress.message(kind.id() + ": training " + base.seeds() + " critic(s)");
            estimators.add(new DualW1Estimator(configFor(base, kind)).withCheckpoints(dirOf(staging, kind)
                    .resolve("checkpoint")).withProgress(prefixed(kind, progress)));
        }
        int[] failed = {-1};
        try {
            DualW1Estimator.estimateTogether(estimators, p, q, parallelism, progress, new DualW1Estimator.Outcome() {
                @Override
                public void finished(int index, W1Estimate estimate) {
                    // A failure here stops the other runs but keeps this critic's checkpoint: not a run's failure.
                    CriticKind kind = kinds.get(toTrain.get(index));
                    EstimateStore.save(estimate, dirOf(staging, kind).resolve("estimate.json"));
                    synchronized (estimates) {
                        estimates[toTrain.get(index)] = estimate;
                        listener.criticDone(kind, false);
                    }
                }

                @Override
                public void failed(int index) {
                    failed[0] = index;
                }
            });
        } catch (W1Exception e) {
            // A refused resume keeps its checkpoints; a critic one of whose runs failed starts afresh on --resume.
            if (failed[0] >= 0 && !(e instanceof CheckpointMismatchException)) {
                AtomicFiles.deleteRecursively(dirOf(staging, kinds.get(toTrain.get(failed[0]))));
            }
            throw e;
        }
        List<ComparisonRow> rows = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            rows.add(new ComparisonRow(kinds.get(i).id(), estimates[i]));
        }
        return rows;
    }

    private static Path dirOf(Path staging, CriticKind kind) {
        return staging.resolve("critics").resolve(kind.id());
    }

    /** The space the numbers are in, for a critic built like {@code c}. */
    static String space(CriticConfig c) {
        String base = "Euclidean (L2) distance between flattened images, pixels in [0, 1]";
        if (c.upsample() == 1) {
            return base + ", native " + c.input().channels() + "×" + c.input().height() + "×" + c.input().width()
                    + " pixels.";
        }
        int side = (c.padTo() == 0 ? c.input().height() : c.padTo()) * c.upsample();
        return base + ", native " + c.input().channels() + "×" + c.input().height() + "×" + c.input().width()
                + " pixels: the critics nearest-upsample ×" + c.upsample() + " (to " + side + "×" + side + " after "
                + "zero-padding), which scales every distance by exactly " + c.upsample() + ", so each estimate is the "
                + "raw objective / " + c.upsample() + " (certified against " + c.upsample() + "·(1 + 1e-4)). The ×"
                + c.upsample() + " column is the raw objective: a lower bound on W1 of the upsampled images ("
                + c.upsample() + " × native W1), the authors' space.";
    }

    private static ProgressListener prefixed(CriticKind kind, ProgressListener progress) {
        return new ProgressListener() {
            @Override
            public void started(int runs, int workers, long totalSteps, long doneSteps) {
                progress.started(runs, workers, totalSteps, doneSteps);
            }

            @Override
            public void step(String run, long step, long totalSteps) {
                progress.step(kind.id() + " " + run, step, totalSteps);
            }

            @Override
            public void epoch(String run, dev.lipschitzw1.critic.estimate.EpochRecord r) {
                progress.epoch(kind.id() + " " + run, r);
            }

            @Override
            public void message(String text) {
                progress.message(kind.id() + " " + text);
            }
        };
    }
}
