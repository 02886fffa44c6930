package dev.lipschitzw1.experiments.sweep;

import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.experiments.backend.MemoryPolicy;
import dev.lipschitzw1.experiments.backend.NativeBuildStartup;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The main class of the local executor's worker processes: {@code SweepWorker OUT TASK-ID [MNIST-DIR
 * FASHION-MNIST-DIR]} runs one task of the sweep saved in {@code OUT/sweep.json} ({@link TaskRunner}) and exits with
 * the task's exit code (0: success). Nothing on stdout; the worker's stderr goes to {@code OUT/logs/TASK-ID.log}.
 */
public final class SweepWorker {
    private SweepWorker() {
    }

    public static void main(String[] args) {
        MemoryPolicy.configure();
        OptionalInt rerun = NativeBuildStartup.select(args, SweepWorker.class.getName());
        if (rerun.isPresent()) {
            System.exit(rerun.getAsInt());
        }
        // A worker ends with its sweep, even one killed with SIGKILL (no shutdown hook then): an orphan would train on
        // and race the resumed sweep for its task directory. Its checkpoint stays for --resume.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(
                () -> Runtime.getRuntime().halt(1)));
        Path out = Path.of(args[0]);
        SweepSpec spec = LocalExecutor.readSpec(out);
        SweepTask task = spec.tasks().stream().filter(t -> t.id().equals(args[1])).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no task " + args[1] + " in " + out.resolve(LocalExecutor.SPEC)));
        SourceOptions sources = new SourceOptions(args.length > 2 && !args[2].isEmpty() ? Path.of(args[2]) : null,
                args.length > 3 && !args[3].isEmpty() ? Path.of(args[3]) : null);
        TaskOutcome o = TaskRunner.run(spec, task, new TaskStore(out.resolve(LocalExecutor.TASKS)), sources);
        if (!o.succeeded()) {
            System.err.println("task " + o.taskId() + " failed: " + o.error());
        }
        System.exit(o.exitCode());
    }
}
