package dev.lipschitzw1.datasets.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Builds small images and their encoded bytes for the image-folder tests. */
final class ImageFixtures {
    private ImageFixtures() {
    }

    /** A w×h sRGB image of seeded random colours. */
    static BufferedImage randomRgb(int w, int h, long seed) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rng.nextInt(1 << 24));
            }
        }
        return image;
    }

    /** A w×h 8-bit gray image of seeded random levels (raster samples set directly, no colour conversion). */
    static BufferedImage randomGray(int w, int h, long seed) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getRaster().setSample(x, y, 0, rng.nextInt(256));
            }
        }
        return image;
    }

    /** A w×h image of one RGB colour. */
    static BufferedImage uniform(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    /** The image encoded in {@code format} by ImageIO's own writer. */
    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The CHW bytes (C = 3) of an sRGB image as stored: R plane, G plane, B plane, each row-major. */
    static int[] rgbChw(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] out = new int[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                out[y * w + x] = (rgb >>> 16) & 0xFF;
                out[w * h + y * w + x] = (rgb >>> 8) & 0xFF;
                out[2 * w * h + y * w + x] = rgb & 0xFF;
            }
        }
        return out;
    }
}
