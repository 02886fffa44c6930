package dev.lipschitzw1.datasets.io;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns a decoded {@link BufferedImage} into C×H×W unsigned bytes, C = 1 or 3, by these rules:
 * <ul>
 *   <li>Samples are taken as stored, not colour-managed: a gray image's gray levels, an sRGB image's R, G, B. A
 *       sample of b bits becomes round(v·255 / (2ᵇ − 1)) (16-bit PNG: round(v·255 / 65535)). Palette images and any
 *       other colour space (CMYK, YCCK, an embedded ICC profile, float samples) go through the colour model to
 *       8-bit sRGB ({@link BufferedImage#getRGB}).</li>
 *   <li>Alpha is dropped: colour samples are kept as they are, not composited over a background.</li>
 *   <li>C = 3 from gray replicates the gray level into R, G and B.</li>
 *   <li>C = 1 from colour is the ITU-R BT.601 luma, rounded half up:
 *       <pre>  Y = ⌊(299·R + 587·G + 114·B + 500) / 1000⌋  =  round(0.299·R + 0.587·G + 0.114·B)  </pre>
 *       (exact integer arithmetic; Y = v when R = G = B = v).</li>
 * </ul>
 */
final class ChannelConversion {
    private ChannelConversion() {
    }

    /** The image as CHW bytes with {@code channels} (1 or 3) channels, by the rules above. */
    static byte[] toChw(BufferedImage image, int channels) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        byte[] out = new byte[channels * plane];
        Raster raster = image.getRaster();
        ColorModel model = image.getColorModel();
        boolean gray = storedSamples(model, ColorSpace.TYPE_GRAY, 1);
        boolean rgb = storedSamples(model, ColorSpace.TYPE_RGB, 3);
        int[] rgbValues = new int[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (gray) {
                    int g = to8Bit(raster.getSample(x, y, 0), model.getComponentSize(0));
                    for (int c = 0; c < channels; c++) {
                        out[c * plane + p] = (byte) g;
                    }
                    continue;
                }
                if (rgb) {
                    for (int c = 0; c < 3; c++) {
                        rgbValues[c] = to8Bit(raster.getSample(x, y, c), model.getComponentSize(c));
                    }
                } else {
                    int argb = image.getRGB(x, y);
                    rgbValues[0] = (argb >>> 16) & 0xFF;
                    rgbValues[1] = (argb >>> 8) & 0xFF;
                    rgbValues[2] = argb & 0xFF;
                }
                if (channels == 1) {
                    out[p] = (byte) luma(rgbValues[0], rgbValues[1], rgbValues[2]);
                } else {
                    for (int c = 0; c < 3; c++) {
                        out[c * plane + p] = (byte) rgbValues[c];
                    }
                }
            }
        }
        return out;
    }

    /** BT.601 luma of 8-bit R, G, B, rounded half up: ⌊(299·R + 587·G + 114·B + 500) / 1000⌋. */
    static int luma(int r, int g, int b) {
        return (299 * r + 587 * g + 114 * b + 500) / 1000;
    }

    /** A sample of {@code bits} bits scaled to 8 bits: round(v·255 / (2ᵇ − 1)), half up. */
    static int to8Bit(int value, int bits) {
        if (bits == 8) {
            return value;
        }
        long max = (1L << bits) - 1;
        return (int) ((value * 255L + max / 2) / max);
    }

    /**
     * Whether the raster's first bands hold the colour samples themselves in the given colour-space type (gray or
     * sRGB), as unsigned integers of at most 16 bits, without a palette or premultiplied alpha.
     */
    private static boolean storedSamples(ColorModel model, int colorSpaceType, int colorComponents) {
        if (model instanceof IndexColorModel || model.isAlphaPremultiplied()
                || model.getNumColorComponents() != colorComponents) {
            return false;
        }
        int transfer = model.getTransferType();
        if (transfer != DataBuffer.TYPE_BYTE && transfer != DataBuffer.TYPE_USHORT
                && transfer != DataBuffer.TYPE_INT) {
            return false;
        }
        for (int c = 0; c < colorComponents; c++) {
            if (model.getComponentSize(c) < 1 || model.getComponentSize(c) > 16) {
                return false;
            }
        }
        ColorSpace space = model.getColorSpace();
        return colorSpaceType == ColorSpace.TYPE_GRAY ? space.getType() == ColorSpace.TYPE_GRAY : space.isCS_sRGB();
    }
}
