package dev.lipschitzw1.experiments.sweep;

import dev.lipschitzw1.datasets.SourceOptions;

/**
 * An executor that {@code w1 sweep --engine NAME} can find on the class path ({@link java.util.ServiceLoader}): the
 * {@code lipschitz-w1-spark} module registers {@code spark}, so the command line reaches Spark only when that module's
 * jar is what runs it (through {@code spark-submit}); the runner jar holds the local engine alone.
 */
public interface SweepEngine {
    /** The name {@code --engine} selects, e.g. "spark". */
    String name();

    /** The executor, finding named sources with {@code sources}. */
    SweepExecutor create(SourceOptions sources);
}
