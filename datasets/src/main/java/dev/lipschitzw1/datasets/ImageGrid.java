package dev.lipschitzw1.datasets;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.files.AtomicFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Renders a batch of NCHW images in [0, 1] as one PNG grid (rows × cols tiles with a 2-pixel gap), grey for C = 1,
 * RGB for C = 3; pixel byte = round(255·clamp(x, 0, 1)).
 */
public final class ImageGrid {
    private static final int GAP = 2;

    private ImageGrid() {
    }

    /** The grid as an image; tiles beyond the batch size stay black. */
    public static BufferedImage render(INDArray images, int rows, int cols) {
        long[] s = images.shape();
        InvalidConfigException.require(s.length == 4 && (s[1] == 1 || s[1] == 3), "grid.images",
                java.util.Arrays.toString(s), "an NCHW batch with C = 1 or 3");
        InvalidConfigException.require(rows >= 1 && cols >= 1, "grid.size", rows + "×" + cols, "≥ 1×1");
        int n = (int) s[0];
        int c = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        BufferedImage out = new BufferedImage(cols * (w + GAP) + GAP, rows * (h + GAP) + GAP,
                BufferedImage.TYPE_INT_RGB);
        float[] px = images.dup('c').data().asFloat();
        for (int k = 0; k < Math.min(n, rows * cols); k++) {
            int x0 = GAP + (k % cols) * (w + GAP);
            int y0 = GAP + (k / cols) * (h + GAP);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = 0;
                    for (int ch = 0; ch < 3; ch++) {
                        int plane = c == 1 ? 0 : ch;
                        rgb = (rgb << 8) | toByte(px[((k * c + plane) * h + y) * w + x]);
                    }
                    out.setRGB(x0 + x, y0 + y, rgb);
                }
            }
        }
        return out;
    }

    /** Writes the grid to {@code file} as PNG, atomically. */
    public static void writePng(INDArray images, int rows, int cols, Path file) {
        BufferedImage image = render(images, rows, cols);
        AtomicFiles.write(file, tmp -> {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new java.io.IOException("no PNG writer in javax.imageio");
            }
        });
    }

    private static int toByte(float v) {
        return Math.round(255f * Math.min(1f, Math.max(0f, v)));
    }
}
