package dev.lipschitzw1.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.W1Exception;
import dev.lipschitzw1.experiments.backend.NativeBuildSelector;
import dev.lipschitzw1.files.AtomicFiles;
import dev.lipschitzw1.json.JsonMappers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a sweep's tasks on this machine in N worker processes: each task is a child JVM ({@link SweepWorker}) started
 * with this JVM's {@code java}, the given class path, a modest heap ({@code -Xmx}, default {@value #DEFAULT_HEAP})
 * and {@code OMP_NUM_THREADS=1}, so N single-threaded workers share N cores without oversubscribing them. A process
 * per task rather than threads: a crash, an out-of-memory or a kill ends one task, which is recorded as failed and
 * continued from its checkpoint on resume, and the others go on. The JVM start (about a second) is small beside a
 * task's training.
 *
 * <p>Layout of OUT: {@code sweep.json} (the spec), {@code tasks/} ({@link TaskStore}), {@code logs/<id>.log} (each
 * worker's stderr), and the reports written by {@link Sweep}.
 */
public final class LocalExecutor implements SweepExecutor {
    public static final String DEFAULT_HEAP = "1g";
    static final String SPEC = "sweep.json";
    static final String TASKS = "tasks";

    private final int workers;
    private final String heap;
    private final String classPath;
    private final SourceOptions sources;
    /** The worker process of each running task, by task id. */
    private final Map<String, Process> running = new ConcurrentHashMap<>();

    /**
     * @param workers   worker processes at once, ≥ 1 ({@link #freeCores()} is the command line's default)
     * @param heap      each worker's -Xmx, e.g. "1g"
     * @param classPath the workers' class path (this JVM's {@code java.class.path} for the runner jar)
     * @param sources   where named sources find their files
     */
    public LocalExecutor(int workers, String heap, String classPath, SourceOptions sources) {
        InvalidConfigException.require(workers >= 1, "workers", workers, "an integer ≥ 1");
        InvalidConfigException.require(heap.matches("\\d+[kKmMgG]?"), "worker heap", heap, "a size such as 1g or 768m");
        this.workers = workers;
        this.heap = heap;
        this.classPath = classPath;
        this.sources = sources;
    }

    /** The cores not busy now: available processors − the 1-minute load average (rounded), at least 1. */
    public static int freeCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? cores : Math.max(1, cores - (int) Math.round(load));
    }

    @Override
    public List<TaskOutcome> run(SweepSpec spec, List<SweepTask> tasks, String out, SweepListener listener) {
        Path dir = Path.of(out);
        TaskStore store = new TaskStore(dir.resolve(TASKS));
        List<SweepTask> todo = tasks.stream().filter(t -> !store.succeeded(t.id())).toList();
        int total = tasks.size();
        int[] done = {total - todo.size()};
        listener.started(total, done[0]);
        // A killed sweep should not leave its workers training on: they are stopped with it (SIGTERM, SIGINT).
        Thread stopWorkers = new Thread(() -> running.values().forEach(Process::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(stopWorkers);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, Math.max(1, todo.size())));
        try {
            List<Future<TaskOutcome>> futures = new ArrayList<>();
            for (SweepTask t : todo) {
                futures.add(pool.submit(() -> runWorker(dir, store, t)));
            }
            for (Future<TaskOutcome> f : futures) {
                TaskOutcome o = f.get();
                listener.finished(o, ++done[0], total);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new W1Exception("the sweep was interrupted; continue it with --resume " + out, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new W1Exception("a worker could not be run: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
            running.values().forEach(Process::destroyForcibly);
            try {
                Runtime.getRuntime().removeShutdownHook(stopWorkers);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
        List<TaskOutcome> outcomes = new ArrayList<>();
        for (SweepTask t : tasks) {
            outcomes.add(store.outcome(t.id()).orElse(TaskOutcome.failure(t.id(), "no result", 1)));
        }
        return outcomes;
    }

    /** The worker process running task {@code id} now, if any (tests kill it). */
    Optional<Process> worker(String id) {
        return Optional.ofNullable(running.get(id));
    }

    private TaskOutcome runWorker(Path dir, TaskStore store, SweepTask t)
            throws IOException, InterruptedException {
        Path log = dir.resolve("logs").resolve(t.id() + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        String build = System.getProperty(NativeBuildSelector.PROPERTY);
        if (build != null) {
            command.add("-D" + NativeBuildSelector.PROPERTY + "=" + build);   // the build this JVM chose
        }
        command.addAll(List.of("-cp", classPath, SweepWorker.class.getName(), dir.toString(), t.id(),
                sources.mnistDir() == null ? "" : sources.mnistDir().toString(),
                sources.fashionMnistDir() == null ? "" : sources.fashionMnistDir().toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        running.put(t.id(), p);
        int code;
        try {
            code = p.waitFor();
        } finally {
            running.remove(t.id());
        }
        var recorded = store.outcome(t.id());
        if (code == 0 && recorded.isPresent() && recorded.get().succeeded()) {
            return recorded.get();
        }
        if (recorded.isPresent() && !recorded.get().succeeded()) {
            return recorded.get();
        }
        // Killed or crashed before recording anything: its checkpoint stays in <id>.partial for --resume.
        TaskOutcome failure = TaskOutcome.failure(t.id(), "worker exited with code " + code + " before the task "
                + "ended (killed or out of memory?); see " + log + "; --resume continues it from its checkpoint", 1);
        store.recordFailure(failure);
        return failure;
    }

    @Override
    public String savedSpec(String out) {
        Path f = Path.of(out).resolve(SPEC);
        try {
            return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new DataIoException(f, "read", e);
        }
    }

    @Override
    public void publish(String out, Map<String, byte[]> files) {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            AtomicFiles.write(Path.of(out).resolve(e.getKey()), f -> Files.write(f, e.getValue()));
        }
    }

    /** The spec saved in {@code out/sweep.json}. @throws CorruptDataException if it is not a valid spec */
    static SweepSpec readSpec(Path out) {
        Path f = out.resolve(SPEC);
        try {
            JsonNode n = JsonMappers.create().readTree(f.toFile());
            return SweepSpec.fromJson(n);
        } catch (IOException e) {
            throw new CorruptDataException(f, -1, "sweep spec", String.valueOf(e.getMessage()),
                    "the sweep.json a sweep saves", e);
        }
    }
}
