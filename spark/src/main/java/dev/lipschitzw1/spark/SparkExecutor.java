package dev.lipschitzw1.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lipschitzw1.critic.tensor.IntraOpThreads;
import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.experiments.report.EstimateStore;
import dev.lipschitzw1.experiments.sweep.SweepExecutor;
import dev.lipschitzw1.experiments.sweep.SweepListener;
import dev.lipschitzw1.experiments.sweep.SweepSpec;
import dev.lipschitzw1.experiments.sweep.SweepTask;
import dev.lipschitzw1.experiments.sweep.TaskOutcome;
import dev.lipschitzw1.experiments.sweep.TaskRunner;
import dev.lipschitzw1.experiments.sweep.TaskStore;
import dev.lipschitzw1.files.AtomicFiles;
import dev.lipschitzw1.json.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a sweep's tasks as one Spark job: one partition per unfinished task, each running {@link TaskRunner} inside an
 * executor on one thread per operation ({@code TaskRunner.ONE_THREAD}: the numbers of the local executor's worker
 * processes, value by value), in a local scratch directory whose task directory is then copied to
 * {@code OUT/tasks/<id>} on any Hadoop-compatible file system (HDFS, S3A, a shared {@code file:} path) and renamed
 * into place, so OUT never holds half a task. The outcome (the estimate's stored JSON or the error) also comes back
 * to the driver, which aggregates as the local executor does. A task lost with its executor is retried by Spark from
 * its start (its checkpoint was on that executor's disk); a resumed sweep skips the tasks OUT holds as finished.
 *
 * <p>Each executor JVM limits ND4J to one thread per operation once, for good, before its first task: the estimator's
 * own per-run limit is then a no-op, so concurrent tasks in one executor cannot undo each other's setting. Executors
 * need {@code spark.task.cpus=1} and {@code spark.executorEnv.OMP_NUM_THREADS=1} (docs/sweeps.md).
 */
public final class SparkExecutor implements SweepExecutor {
    private final transient SparkSession spark;
    private final SourceOptions sources;

    public SparkExecutor(SparkSession spark, SourceOptions sources) {
        this.spark = spark;
        this.sources = sources;
    }

    @Override
    public List<TaskOutcome> run(SweepSpec spec, List<SweepTask> tasks, String out, SweepListener listener) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Map<String, TaskOutcome> outcomes = new HashMap<>();
        List<String> todo = new ArrayList<>();
        for (SweepTask t : tasks) {
            String stored = read(conf, new Path(new Path(out, "tasks"), t.id() + "/estimate.json"));
            if (stored != null) {
                outcomes.put(t.id(), TaskOutcome.success(t.id(), EstimateStore.parse(stored,
                        java.nio.file.Path.of(out, "tasks", t.id(), "estimate.json"))));
            } else {
                todo.add(t.id());
            }
        }
        listener.started(tasks.size(), outcomes.size());
        if (!todo.isEmpty()) {
            TaskJob job = new TaskJob(spec.toJson().toString(), out, path(sources.mnistDir()),
                    path(sources.fashionMnistDir()));
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            List<String[]> results = jsc.parallelize(todo, todo.size()).map(job).collect();
            int done = outcomes.size();
            for (String[] r : results) {
                TaskOutcome o = r[1] != null ? TaskOutcome.success(r[0], EstimateStore.parse(r[1],
                        java.nio.file.Path.of(out, "tasks", r[0], "estimate.json")))
                        : TaskOutcome.failure(r[0], r[2], Integer.parseInt(r[3]));
                outcomes.put(r[0], o);
                listener.finished(o, ++done, tasks.size());
            }
        }
        return tasks.stream().map(t -> outcomes.get(t.id())).toList();
    }

    @Override
    public String savedSpec(String out) {
        return read(spark.sparkContext().hadoopConfiguration(), new Path(out, "sweep.json"));
    }

    @Override
    public void publish(String out, Map<String, byte[]> files) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = new Path(out, f.getKey());
            Path tmp = new Path(target.getParent(), "." + target.getName() + ".partial");
            try {
                FileSystem fs = target.getFileSystem(conf);
                try (OutputStream o = fs.create(tmp, true)) {
                    o.write(f.getValue());
                }
                fs.delete(target, false);
                if (!fs.rename(tmp, target)) {
                    throw new IOException("rename " + tmp + " → " + target + " failed");
                }
            } catch (IOException e) {
                throw new DataIoException(java.nio.file.Path.of(target.toString()), "write", e);
            }
        }
    }

    /** The text of {@code file}, or null if it does not exist. */
    static String read(Configuration conf, Path file) {
        try {
            FileSystem fs = file.getFileSystem(conf);
            if (!fs.exists(file)) {
                return null;
            }
            try (InputStream in = fs.open(file)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new DataIoException(java.nio.file.Path.of(file.toString()), "read", e);
        }
    }

    private static String path(java.nio.file.Path p) {
        return p == null ? null : p.toString();
    }

    /**
     * The function every Spark task applies to its task id: runs the task in a scratch directory, copies its task
     * directory to OUT and returns {id, estimate JSON or null, error or null, exit code}.
     */
    static final class TaskJob implements Function<String, String[]>, Serializable {
        private static final long serialVersionUID = 1L;
        private static volatile IntraOpThreads.Limit oneThread;
        private final String specJson;
        private final String out;
        private final String mnistDir;
        private final String fashionMnistDir;

        TaskJob(String specJson, String out, String mnistDir, String fashionMnistDir) {
            this.specJson = specJson;
            this.out = out;
            this.mnistDir = mnistDir;
            this.fashionMnistDir = fashionMnistDir;
        }

        @Override
        public String[] call(String id) throws Exception {
            singleThreaded();
            JsonNode n = JsonMappers.create().readTree(specJson);
            SweepSpec spec = SweepSpec.fromJson(n);
            SweepTask task = spec.tasks().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
            java.nio.file.Path scratch = Files.createTempDirectory("w1-sweep-" + id);
            try {
                TaskStore store = new TaskStore(scratch.resolve("tasks"));
                TaskOutcome o = TaskRunner.run(spec, task, store, new SourceOptions(
                        mnistDir == null ? null : java.nio.file.Path.of(mnistDir),
                        fashionMnistDir == null ? null : java.nio.file.Path.of(fashionMnistDir)));
                upload(store.dir(id), new Path(new Path(out, "tasks"), id));
                String estimate = o.succeeded() ? Files.readString(store.dir(id).resolve("estimate.json"),
                        StandardCharsets.UTF_8) : null;
                return new String[] {id, estimate, o.error(), Integer.toString(o.exitCode())};
            } finally {
                AtomicFiles.deleteRecursively(scratch);
            }
        }

        /** ND4J on one thread per operation in this executor JVM, once and for good (class comment). */
        private static synchronized void singleThreaded() {
            if (oneThread == null) {
                oneThread = IntraOpThreads.limit(1);
            }
        }

        /** Copies {@code local} to {@code target} through a temporary sibling, then renames it into place. */
        private static void upload(java.nio.file.Path local, Path target) throws IOException {
            Configuration conf = new Configuration();
            FileSystem fs = target.getFileSystem(conf);
            Path tmp = new Path(target.getParent(), "." + target.getName() + ".partial");
            fs.delete(tmp, true);
            FileUtil.copy(local.toFile(), fs, tmp, false, conf);
            fs.delete(target, true);
            if (!fs.rename(tmp, target)) {
                throw new IOException("rename " + tmp + " → " + target + " failed");
            }
        }
    }
}
