package dev.lipschitzw1.spark;

import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.experiments.sweep.SweepEngine;
import dev.lipschitzw1.experiments.sweep.SweepExecutor;
import org.apache.spark.sql.SparkSession;

/**
 * {@code w1 sweep --engine spark}: the {@link SparkExecutor} on the session spark-submit configured
 * ({@code SparkSession.builder().getOrCreate()}: master, executors and memory come from spark-submit's options).
 * Registered as a {@link SweepEngine} service, so it exists only when this module's jar runs the command.
 */
public final class SparkEngine implements SweepEngine {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public SweepExecutor create(SourceOptions sources) {
        try {
            return new SparkExecutor(SparkSession.builder().appName("w1 sweep").getOrCreate(), sources);
        } catch (NoClassDefFoundError e) {
            // Spark is provided by spark-submit; java -jar on this jar has none.
            throw new InvalidConfigException("--engine", "spark", "a run under spark-submit, which provides Spark ("
                    + e.getMessage() + " is missing; docs/sweeps.md)");
        }
    }
}
