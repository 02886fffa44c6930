package dev.lipschitzw1.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import dev.lipschitzw1.critic.estimate.Parallelism;
import dev.lipschitzw1.errors.InvalidConfigException;
import picocli.CommandLine.Option;

/**
 * The options of every command that writes a resumable result directory ({@link RunDirectory}): where it goes,
 * whether an existing one may be replaced, which killed run to continue, and whether to print progress.
 */
final class RunOptions {
    @Option(names = "--out", paramLabel = "DIR",
            description = "Result directory (default: a new directory under results/ named after the command and the "
                    + "time).")
    Path out;

    @Option(names = "--overwrite", description = "Replace --out if it exists.")
    boolean overwrite;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the killed run whose result directory "
            + "was DIR: its settings are taken from DIR.partial, finished parts are reused and the interrupted one "
            + "continues from its last epoch.")
    Path resume;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--workers", paramLabel = "N", description = "Training runs (seeds and the floor) trained at "
            + "once, each on one thread per ND4J operation (default: one per available core); 1 trains them one after "
            + "another on ND4J's own thread setting. Results depend on the threads per operation, not on N.")
    int workers;

    /** How the estimator shares the CPU: {@code --workers}, or one single-threaded worker per core. */
    Parallelism parallelism() {
        if (workers < 0) {
            throw new InvalidConfigException("--workers", workers, "an integer ≥ 1");
        }
        return workers == 0 ? Parallelism.allCores() : Parallelism.of(workers);
    }

    /** The run directory of {@code command}: --resume's, --out, or {@code results/COMMAND-TIME}. */
    RunDirectory open(String command) throws IOException {
        return RunDirectory.open(command, out, resume, overwrite);
    }

    /** As {@link #open(String)} with another default than {@code results/COMMAND-TIME}. */
    RunDirectory open(String command, Path defaultOut) throws IOException {
        return RunDirectory.open(command, out != null || resume != null ? out : defaultOut, resume, overwrite);
    }
}
