package dev.lipschitzw1.experiments.report;

import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageGrid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** The reports' picture of a distribution: 64 seeded samples as an 8×8 PNG grid. */
public final class SampleGrid {
    private SampleGrid() {
    }

    /** PNG bytes of 64 samples of {@code d} drawn with {@code seed}. */
    public static byte[] png(ImageDistribution d, long seed) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(ImageGrid.render(d.sample(64, new SplittableRandom(seed)), 8, 8), "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the sample grid of " + d.name(), e);
        }
    }
}
