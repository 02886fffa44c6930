package dev.lipschitzw1.examples;

import dev.lipschitzw1.critic.estimate.DualW1Estimator;
import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.ot.ExactW1;
import dev.lipschitzw1.critic.ot.OptimalTransport;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.FloatImageSet;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * A trained critic next to the optimal one. On n MNIST test images P and n generated images Q, exact optimal
 * transport gives W1 between the two samples and the optimal critic f on them (its dual potential); a certified BCOP
 * critic g trained by the estimator on the same images is then scored on them. By Kantorovich–Rubinstein every
 * 1-Lipschitz g satisfies
 * <pre>  mean g(P) − mean g(Q) ≤ mean f(P) − mean f(Q) = W1(P̂, Q̂),  </pre>
 * so the gap says how far training is from the optimum on these samples, and the correlation of g with f says how much
 * of the optimal critic's shape it has found. (W1 between finite samples in R^784 lies far above the distributions'
 * W1: the estimator's held-out estimate is about the distributions, this comparison only about these samples.)
 * Run: {@code mvn -B -q -f examples/pom.xml compile exec:java -Dexec.mainClass=dev.lipschitzw1.examples.OptimalCritic}.
 */
public final class OptimalCritic {

    /** The comparison on one pair of samples. */
    public record Comparison(double exactW1, double trainedDual, double correlation, double certifiedLipschitz) { }

    private OptimalCritic() {
    }

    public static void main(String[] args) throws IOException {
        ImageSet p = DataSources.bundledMnistTest().head(1000);
        ImageSet q = FloatImageSet.fromArray("generator:mnist", DataSources.resolve("generator:mnist",
                SourceOptions.DEFAULT).sample(1000, new SplittableRandom(1)));
        Comparison c = compare(p, q, EstimatorConfig.quick(p.shape()).withSeeds(1, 42));
        System.out.printf("W1 between the samples (exact) = %.4f%n", c.exactW1());
        System.out.printf("trained critic: mean g(P) - mean g(Q) = %.4f (%.1f %% of the optimum), certified L = %.6f%n",
                c.trainedDual(), 100 * c.trainedDual() / c.exactW1(), c.certifiedLipschitz());
        System.out.printf("correlation of g with the optimal critic f on P and Q = %.3f%n", c.correlation());
    }

    /** Trains one critic of {@code config} on p and q, and compares it with the exact optimal critic on them. */
    public static Comparison compare(ImageSet p, ImageSet q, EstimatorConfig config) throws IOException {
        OptimalTransport ot = ExactW1.transport(p, q);
        Path dir = Files.createTempDirectory("optimal-critic");
        new DualW1Estimator(config.withSeeds(1, config.seed())).withSelectedCritics(dir).estimate(p, q);
        Critic g = Critic.load(dir.resolve("seed-1.zip"));
        double[] gp = g.scores(p.range(0, p.size()));
        double[] gq = g.scores(q.range(0, q.size()));
        double trained = Arrays.stream(gp).average().orElseThrow() - Arrays.stream(gq).average().orElseThrow();
        double[] f = concat(ot.critic().onFirst(), ot.critic().onSecond());
        double r = new PearsonsCorrelation().correlation(concat(gp, gq), f);
        return new Comparison(ot.result().value(), trained, r, g.certify().networkBound());
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
