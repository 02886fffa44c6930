package dev.lipschitzw1.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.critic.ot.CostMatrix;
import dev.lipschitzw1.critic.ot.ExactW1;
import dev.lipschitzw1.critic.ot.ExactW1Result;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import dev.lipschitzw1.experiments.report.ExactReport;
import dev.lipschitzw1.provenance.Provenance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code w1 exact}: the exact W1 (optimal transport, {@link ExactW1}) between N samples of P and N samples of Q,
 * L2 between flattened images with pixels in [0, 1]. Samples: {@link #draw}. It is exact for those samples — the
 * ground truth estimators are checked against on small sets — and, for N below the sets' sizes, a (biased upwards)
 * sample value of W1(P, Q), not a bound. Cost: 8·N² bytes for the cost matrix and O(N³) for the assignment.
 */
@Command(name = "exact", mixinStandardHelpOptions = true,
        description = {"Exact W1 (optimal transport) between N samples of P and N samples of Q.",
            "Finite sets are sampled without replacement (N ≤ their size); models i.i.d. Cost: 8·N² bytes, O(N³)."})
public final class ExactCommand implements Callable<Integer> {
    /** Bytes per cost-matrix entry while the matrix is built (8 for the matrix, as much again transiently, and the
     *  solver's O(N²) work arrays): the heap check of {@code --n}. */
    private static final long BYTES_PER_ENTRY = 24;

    @Option(names = "--p", paramLabel = "SOURCE", required = true, description = "First distribution.")
    String p;

    @Option(names = "--q", paramLabel = "SOURCE", required = true, description = "Second distribution.")
    String q;

    @Option(names = "--n", paramLabel = "N", required = true, description = "Samples per distribution.")
    int n;

    @Option(names = "--seed", defaultValue = "0", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write DIR/result.json (atomically).")
    Path out;

    @Option(names = "--overwrite", description = "Replace --out if it exists.")
    boolean overwrite;

    // Accepted like the other commands' --quiet, so that scripts can pass it to every command: this command prints
    // no progress, only its result.
    @Option(names = "--quiet", description = "No progress output (this command prints none; the result is still "
            + "printed).")
    boolean quiet;

    @Mixin
    SourceOptionsMixin sourceOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InvalidConfigException.require(n >= 1, "--n", n, "an integer ≥ 1");
        long heap = Runtime.getRuntime().maxMemory();
        long maxN = (long) Math.sqrt((double) heap / BYTES_PER_ENTRY);
        InvalidConfigException.require(n <= maxN, "--n", n, "at most " + maxN + " with this heap (" + (heap >> 20)
                + " MiB; the cost matrix needs about " + BYTES_PER_ENTRY + "·N² bytes): raise -Xmx or lower --n");
        ResultOutput.checkTarget(out, overwrite);
        ImageDistribution pd = DataSources.resolve(p, sourceOptions.toOptions());
        ImageDistribution qd = DataSources.resolve(q, sourceOptions.toOptions());
        Provenance provenance = Provenance.capture(new ObjectMapper().createObjectNode().put("command", "exact")
                .put("p", p).put("q", q).put("n", n).put("seed", seed).toString(), seed);
        long start = System.nanoTime();
        ExactW1Result result = between(pd, qd, n, seed);
        ExactReport report = new ExactReport(p, q, pd.name(), qd.name(), n, seed, result,
                (System.nanoTime() - start) / 1e9, provenance);
        if (out != null) {
            ResultOutput.write(out, overwrite, report::writeTo);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.println(report.summary());
        if (out != null) {
            w.println("result: " + out.resolve("result.json"));
        }
        w.flush();
        return ExitCodes.OK;
    }

    /**
     * The exact W1 between n samples ({@link #draw}) of P and n of Q: P's from the first {@code split()} of
     * {@code SplittableRandom(seed)}, Q's from the second.
     *
     * @throws ShapeMismatchException if the image shapes of P and Q differ
     * @throws InvalidConfigException if n exceeds the size of a finite set
     */
    public static ExactW1Result between(ImageDistribution p, ImageDistribution q, int n, long seed) {
        if (!p.shape().equals(q.shape())) {
            throw new ShapeMismatchException("--p " + p.name() + " vs --q " + q.name() + " (images)",
                    p.shape().toArray(), q.shape().toArray());
        }
        SplittableRandom root = new SplittableRandom(seed);
        INDArray x = draw(p, n, root.split());
        INDArray y = draw(q, n, root.split());
        return ExactW1.between(CostMatrix.euclidean(x, y));
    }

    /**
     * n samples of {@code d} as [n, C, H, W]: from a finite set n distinct images ({@link ImageSet#subsample}, so
     * n = size gives the whole set), from a model n i.i.d. draws ({@link ImageDistribution#sample}).
     *
     * @throws InvalidConfigException if n exceeds the size of a finite set
     */
    static INDArray draw(ImageDistribution d, int n, SplittableRandom rng) {
        if (d instanceof ImageSet set) {
            InvalidConfigException.require(n <= set.size(), "--n", n, "at most " + set.size() + ", the number of "
                    + "images in " + set.name() + " (finite sets are sampled without replacement)");
            return set.subsample(n, rng).range(0, n);
        }
        return d.sample(n, rng);
    }
}
