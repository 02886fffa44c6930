package dev.lipschitzw1.experiments.cli;

import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageGrid;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code w1 data SOURCE}: describes a source — image count, shape, pixel mean and standard deviation over all images
 * (or over {@code --samples} draws of a sampleable model) — and optionally writes a PNG grid of the first 64 images.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Describe an image source: count, shape, pixel mean/std; optionally a PNG grid of 64 images.")
public final class DataCommand implements Callable<Integer> {
    private static final int BATCH = 1000;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A source, e.g. mnist-test, fashion-mnist-train, "
            + "cifar10:DIR, stl10:FILE, folder:DIR@CxHxW.")
    String source;

    @Option(names = "--grid", paramLabel = "FILE", description = "Write an 8×8 PNG grid of the first 64 images.")
    Path grid;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "10000",
            description = "Images drawn from a sampleable model (default: ${DEFAULT-VALUE}); data sets use all images.")
    int samples;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for sampling a model (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    SourceOptionsMixin sourceOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InvalidConfigException.require(samples >= 1, "--samples", samples, "≥ 1");
        ImageDistribution d = DataSources.resolve(source, sourceOptions.toOptions());
        PrintWriter out = spec.commandLine().getOut();
        PixelMoments m = new PixelMoments();
        INDArray first;
        long count;
        if (d instanceof ImageSet set) {
            count = set.size();
            first = set.range(0, Math.min(64, set.size()));
            for (int from = 0; from < set.size(); from += BATCH) {
                m.add(set.range(from, Math.min(set.size(), from + BATCH)));
            }
        } else {
            count = samples;
            SplittableRandom rng = new SplittableRandom(seed);
            first = null;
            for (int done = 0; done < samples; done += BATCH) {
                INDArray batch = d.sample(Math.min(BATCH, samples - done), rng);
                first = first == null ? batch : first;
                m.add(batch);
            }
        }
        out.printf("source:  %s%n", d.name());
        out.printf("images:  %d%s%n", count, d instanceof ImageSet ? "" : " (sampled, seed " + seed + ")");
        out.printf("shape:   %s (C×H×W), pixels in [0, 1]%n", d.shape());
        out.printf("pixels:  mean %.6f, std %.6f%n", m.mean(), m.std());
        if (grid != null) {
            ImageGrid.writePng(first, 8, 8, grid);
            out.printf("grid:    %s (first %d images, 8×8)%n", grid, Math.min(64, first.size(0)));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Pixel mean and (population) standard deviation, accumulated in double batch by batch. */
    static final class PixelMoments {
        private double sum;
        private double sumSq;
        private long n;

        void add(INDArray batch) {
            INDArray x = batch.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
            sum += x.sumNumber().doubleValue();
            sumSq += x.mul(x).sumNumber().doubleValue();
            n += x.length();
        }

        double mean() {
            return sum / n;
        }

        double std() {
            double mean = mean();
            return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        }
    }
}
