package dev.lipschitzw1.experiments.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.critic.estimate.DualW1Estimator;
import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.critic.estimate.Parallelism;
import dev.lipschitzw1.critic.estimate.ProgressListener;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.W1Exception;
import dev.lipschitzw1.experiments.cli.CriticKind;
import dev.lipschitzw1.experiments.cli.RunDirectory;
import dev.lipschitzw1.experiments.cli.W1Main;
import dev.lipschitzw1.experiments.report.EstimateStore;
import dev.lipschitzw1.experiments.report.ResultJson;
import dev.lipschitzw1.files.AtomicFiles;
import dev.lipschitzw1.json.JsonMappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task in this JVM, in its task directory ({@link TaskStore}), the way {@code w1 estimate} runs: sources
 * resolved, config built by {@code EstimatorSettings}, the estimator ({@link DualW1Estimator#withSeedIndex} k, one
 * thread per operation: {@code Parallelism(1, 1)}, {@code estimate}'s default on a multi-core machine) saving its
 * checkpoint after every epoch in {@code <id>.partial}, which a rerun continues. The outcome is published atomically:
 * {@code result.json} and {@code estimate.json}, or {@code error.json}. Used by the local executor's worker processes
 * and by the Spark executor's tasks.
 */
public final class TaskRunner {
    /** One single-threaded run: the same numbers in a worker process and in a Spark task. */
    public static final Parallelism ONE_THREAD = new Parallelism(1, 1);
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
    private static final ObjectMapper JSON = JsonMappers.create();

    private TaskRunner() {
    }

    /**
     * Runs {@code task} of {@code spec} into {@code store}; never throws for a failure of the task itself (it is
     * recorded and returned).
     */
    public static TaskOutcome run(SweepSpec spec, SweepTask task, TaskStore store, SourceOptions sources) {
        String id = task.id();
        try {
            return TaskOutcome.success(id, estimate(spec, task, store, sources));
        } catch (RuntimeException | IOException e) {
            LOG.debug("task {} failed", id, e);
            TaskOutcome failure = TaskOutcome.failure(id, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage(), W1Main.exitCode(e));
            store.recordFailure(failure);
            return failure;
        }
    }

    private static W1Estimate estimate(SweepSpec spec, SweepTask task, TaskStore store, SourceOptions sources)
            throws IOException {
        String id = task.id();
        Path staging = store.staging(id);
        boolean resumable = Files.isRegularFile(staging.resolve("run.json"));
        if (!resumable && Files.exists(staging)) {
            AtomicFiles.deleteRecursively(staging);   // killed before its run.json: nothing to continue
        }
        RunDirectory dir = RunDirectory.open("sweep-task", store.dir(id), resumable ? store.dir(id) : null, true);
        ImageDistribution p = DataSources.resolve(task.pair().p(), sources);
        ImageDistribution q = DataSources.resolve(task.pair().q(), sources);
        EstimatorConfig config;
        if (dir.resumed()) {
            config = EstimatorConfig.fromJson(dir.run().path("config").toString());
        } else {
            config = spec.settings(CriticKind.parse(task.critic(), "critic")).configFor(p, q);
            dir.run().put("task", id);
            dir.run().put("p", task.pair().p());
            dir.run().put("q", task.pair().q());
            dir.run().put("critic", task.critic());
            dir.run().put("seedIndex", task.seedIndex());
            dir.run().set("config", JSON.readTree(config.toJson()));
        }
        dir.start();
        try {
            W1Estimate e = new DualW1Estimator(config).withSeedIndex(task.seedIndex())
                    .withCheckpoints(dir.staging().resolve("checkpoint")).withProgress(ProgressListener.NONE)
                    .withParallelism(ONE_THREAD).estimate(p, q);
            try {
                Files.writeString(dir.staging().resolve("result.json"), ResultJson.text(e), StandardCharsets.UTF_8);
            } catch (IOException io) {
                throw new DataIoException(dir.staging(), "write the result into", io);
            }
            EstimateStore.save(e, dir.staging().resolve(TaskStore.ESTIMATE));
            AtomicFiles.deleteRecursively(dir.staging().resolve("checkpoint"));
            dir.commit();
            return e;
        } catch (DataIoException e) {
            throw dir.outputFailure(e);
        } catch (W1Exception e) {
            dir.discardAfter(e);   // deterministic (refused critic, NaN, bad data): a rerun would fail again
            throw e;
        }
    }
}
