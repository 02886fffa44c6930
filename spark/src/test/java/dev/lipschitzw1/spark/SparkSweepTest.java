package dev.lipschitzw1.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.estimate.W1Estimate;
import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.datasets.io.IdxWriter;
import dev.lipschitzw1.experiments.report.EstimateStore;
import dev.lipschitzw1.experiments.sweep.LocalExecutor;
import dev.lipschitzw1.experiments.sweep.Sweep;
import dev.lipschitzw1.experiments.sweep.SweepListener;
import dev.lipschitzw1.experiments.sweep.SweepSummary;
import dev.lipschitzw1.experiments.sweep.SweepTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark executor on a real {@code SparkSession} in {@code local[2]} (two tasks at once in this JVM) against the
 * local executor (worker processes) on the same tiny sweep: 8×8 synthetic images, bcop, 2 seeds, 2 epochs × 8 steps.
 * Oracle: the local executor's per-task results; every task's per-seed result (estimate, certificate, learning
 * curve) must be equal exactly, and the aggregated rows too. The Spark output is a {@code file:} URI, the Hadoop path
 * a cluster would give as hdfs:// or s3a://.
 */
class SparkSweepTest {
    private static void writeIdx(Path dir, int bias) throws Exception {
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(bias);
        byte[] px = new byte[120 * 64];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) Math.min(255, rng.nextInt(180) + bias);
        }
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte"), px, 120, 8, 8, false);
    }

    @Test
    void sparkLocal2_perTaskResults_equalLocalExecutor(@TempDir Path tmp) throws Exception {
        writeIdx(tmp.resolve("dark"), 0);
        writeIdx(tmp.resolve("bright"), 60);
        SourceOptions sources = new SourceOptions(null, null);
        Sweep sweep = Sweep.builder().name("tiny").p("mnist-train:" + tmp.resolve("dark"))
                .q("mnist-train:" + tmp.resolve("bright")).critics("bcop").seeds(2).option("epochs", 2)
                .option("steps-per-epoch", 8).option("batch-size", 8).option("validation-size", 10)
                .option("test-size", 10).sources(sources).build();

        Path local = tmp.resolve("local");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        SweepSummary a = sweep.run(local.toString(), new LocalExecutor(2, "512m", classPath, sources),
                SweepListener.NONE);
        assertTrue(a.allSucceeded(), a.failures().toString());

        Path onSpark = tmp.resolve("spark");
        SweepSummary b;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("SparkSweepTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        try {
            b = sweep.run(onSpark.toUri().toString(), new SparkExecutor(spark, sources), SweepListener.NONE);
        } finally {
            spark.stop();
        }
        assertTrue(b.allSucceeded(), b.failures().toString());
        for (SweepTask t : sweep.tasks()) {
            W1Estimate x = EstimateStore.load(local.resolve("tasks").resolve(t.id()).resolve("estimate.json"));
            W1Estimate y = EstimateStore.load(onSpark.resolve("tasks").resolve(t.id()).resolve("estimate.json"));
            assertEquals(x.perSeed(), y.perSeed(), t.id() + ": estimate, certificate and curve");
            assertEquals(x.value(), y.value(), 0, t.id());
            assertTrue(Files.isRegularFile(onSpark.resolve("tasks").resolve(t.id()).resolve("result.json")));
        }
        assertEquals(a.rows(), b.rows(), "the same table");
        for (String f : new String[] {"summary.csv", "summary.json", "report.html", "sweep.json"}) {
            assertTrue(Files.isRegularFile(local.resolve(f)) && Files.isRegularFile(onSpark.resolve(f)), f);
        }
        assertEquals(Files.readString(local.resolve("summary.csv")), Files.readString(onSpark.resolve("summary.csv")));
    }
}
