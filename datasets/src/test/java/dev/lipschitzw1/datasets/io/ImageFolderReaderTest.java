package dev.lipschitzw1.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.ByteImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Image folders: write images with ImageIO, read the folder back, compare every value; order, skipping, channels. */
class ImageFolderReaderTest {
    private static final int W = 10;
    private static final int H = 8;
    private static final ImageShape RGB = new ImageShape(3, H, W);
    private static final ImageShape GRAY = new ImageShape(1, H, W);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"png", "bmp", "tiff"})
    void imageFolder_losslessRgbWriteThenRead_everyValueEqual(String format) throws IOException {
        BufferedImage[] images = new BufferedImage[3];
        for (int i = 0; i < images.length; i++) {
            images[i] = ImageFixtures.randomRgb(W, H, 60 + i);
            ImageIO.write(images[i], format, dir.resolve("img" + i + "." + format).toFile());
        }
        ByteImageSet set = ImageFolderReader.read(dir, RGB);
        assertEquals(3, set.size());
        assertEquals(RGB, set.shape());
        assertEquals(dir.getFileName().toString(), set.name());
        for (int i = 0; i < images.length; i++) {
            assertImageEquals(ImageFixtures.rgbChw(images[i]), set, i);
        }
    }

    @Test
    void imageFolder_grayPng_readAsGrayIsExactAndAsRgbReplicates() throws IOException {
        BufferedImage gray = ImageFixtures.randomGray(W, H, 61);
        ImageIO.write(gray, "png", dir.resolve("g.png").toFile());
        ByteImageSet one = ImageFolderReader.read(dir, GRAY);
        ByteImageSet three = ImageFolderReader.read(dir, RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int g = gray.getRaster().getSample(x, y, 0);
                assertEquals(g, one.rawPixel(0, y * W + x), "gray (" + y + ", " + x + ")");
                for (int c = 0; c < 3; c++) {
                    assertEquals(g, three.rawPixel(0, c * W * H + y * W + x), "replicated c " + c);
                }
            }
        }
    }

    @Test
    void imageFolder_rgbToGray_handComputedBt601Luma() throws IOException {
        int[] colours = {0xFF0000, 0x00FF00, 0x0000FF, 0x0AC81E, 0x010101, 0xFFFFFF, 0x000000, 0x808080};
        int[] luma = {76, 150, 29, 124, 1, 255, 0, 128}; // round(0.299 R + 0.587 G + 0.114 B), by hand
        BufferedImage image = new BufferedImage(colours.length, 1, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < colours.length; x++) {
            image.setRGB(x, 0, colours[x]);
        }
        ImageIO.write(image, "png", dir.resolve("luma.png").toFile());
        ByteImageSet set = ImageFolderReader.read(dir, new ImageShape(1, 1, colours.length));
        for (int x = 0; x < colours.length; x++) {
            assertEquals(luma[x], set.rawPixel(0, x), String.format("luma of #%06X", colours[x]));
        }
    }

    @Test
    void imageFolder_rgbToGray_withinHalfOfExactLumaEverywhere() throws IOException {
        BufferedImage image = ImageFixtures.randomRgb(W, H, 62);
        ImageIO.write(image, "png", dir.resolve("r.png").toFile());
        ByteImageSet set = ImageFolderReader.read(dir, GRAY);
        int[] chw = ImageFixtures.rgbChw(image);
        for (int p = 0; p < W * H; p++) {
            double exact = 0.299 * chw[p] + 0.587 * chw[W * H + p] + 0.114 * chw[2 * W * H + p];
            assertEquals(exact, set.rawPixel(0, p), 0.5 + 1e-9, "rounded luma at " + p);
        }
    }

    @Test
    void imageFolder_alphaDropped_colourKeptEvenWhenTransparent() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00FF8040); // fully transparent
        image.setRGB(1, 0, 0x80102030); // half transparent
        ImageIO.write(image, "png", dir.resolve("alpha.png").toFile());
        ByteImageSet set = ImageFolderReader.read(dir, new ImageShape(3, 1, 2));
        int[] want = {0xFF, 0x10, 0x80, 0x20, 0x40, 0x30}; // R plane, G plane, B plane
        for (int v = 0; v < want.length; v++) {
            assertEquals(want[v], set.rawPixel(0, v), "value " + v);
        }
    }

    @Test
    void imageFolder_sixteenBitGray_scaledRoundHalfUpTo8Bits() throws IOException {
        int[] samples = {0, 65535, 25700, 32896, 1000, 128};
        int[] want = {0, 255, 100, 128, 4, 0}; // round(v·255/65535): 25700 = 100·257, 1000 → 3.89, 128 → 0.498
        BufferedImage image = new BufferedImage(samples.length, 1, BufferedImage.TYPE_USHORT_GRAY);
        for (int x = 0; x < samples.length; x++) {
            image.getRaster().setSample(x, 0, 0, samples[x]);
        }
        ImageIO.write(image, "png", dir.resolve("deep.png").toFile());
        ByteImageSet set = ImageFolderReader.read(dir, new ImageShape(1, 1, samples.length));
        for (int x = 0; x < samples.length; x++) {
            assertEquals(want[x], set.rawPixel(0, x), "16-bit sample " + samples[x]);
        }
    }

    @Test
    void imageFolder_palettedGif_exactPaletteColours() throws IOException {
        // 8 rows: the JDK's GIF writer/reader pair loses rows of interlaced GIFs under 8 rows high (seen on JDK 17).
        byte[] r = {0, (byte) 255, 12, 100};
        byte[] g = {0, 0, (byte) 200, 100};
        byte[] b = {0, 0, 30, (byte) 250};
        int w = 4;
        int h = 8;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(2, 4, r,
                g, b));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getRaster().setSample(x, y, 0, (x + 3 * y) % 4);
            }
        }
        ImageIO.write(image, "gif", dir.resolve("p.gif").toFile());
        ByteImageSet set = ImageFolderReader.read(dir, new ImageShape(3, h, w));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int index = (x + 3 * y) % 4;
                int p = y * w + x;
                assertEquals(r[index] & 0xFF, set.rawPixel(0, p), "R " + p);
                assertEquals(g[index] & 0xFF, set.rawPixel(0, w * h + p), "G " + p);
                assertEquals(b[index] & 0xFF, set.rawPixel(0, 2 * w * h + p), "B " + p);
            }
        }
    }

    @Test
    void imageFolder_uniformJpeg_decodesWithinLossyTolerance() throws IOException {
        ImageIO.write(ImageFixtures.uniform(16, 16, 0x808080), "jpeg", dir.resolve("q.jpg").toFile());
        ByteImageSet set = ImageFolderReader.read(dir, new ImageShape(1, 16, 16));
        for (int p = 0; p < 256; p++) {
            assertEquals(128, set.rawPixel(0, p), 2, "JPEG gray 128 at " + p);
        }
    }

    @Test
    void imageFolder_orderByNameSkipsNonImagesAndSubfolders() throws IOException {
        String[] names = {"b.png", "a.png", "10.png", "9.png", "IMG.PNG", "noextension"};
        for (int i = 0; i < names.length; i++) {
            Files.write(dir.resolve(names[i]), ImageFixtures.encode(ImageFixtures.uniform(W, H, i * 40), "png"));
        }
        Files.writeString(dir.resolve("README.txt"), "not an image");
        Files.write(dir.resolve(".DS_Store"), IdxFixtures.randomBytes(300, 63));
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.write(sub.resolve("c.png"), ImageFixtures.encode(ImageFixtures.uniform(W, H, 0xFFFFFF), "png"));
        ByteImageSet set = ImageFolderReader.read(dir, GRAY);
        // String order: "10.png" < "9.png" < "IMG.PNG" < "a.png" < "b.png" < "noextension"
        int[] writtenIndex = {2, 3, 4, 1, 0, 5};
        assertEquals(writtenIndex.length, set.size(), "six images; README, .DS_Store and sub/ skipped");
        for (int i = 0; i < writtenIndex.length; i++) {
            int blue = (writtenIndex[i] * 40) & 0xFF;
            assertEquals(ChannelConversion.luma(0, 0, blue), set.rawPixel(i, 0), "image " + i);
        }
    }

    @Test
    void imageFolder_targetChannels2Or4_invalidConfig() {
        assertThrows(InvalidConfigException.class, () -> ImageFolderReader.read(dir, new ImageShape(4, H, W)));
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ImageFolderReader.read(dir, new ImageShape(2, H, W)));
        assertEquals("target.channels", e.key());
    }

    @Test
    void channelConversion_to8Bit_roundsHalfUp() {
        assertEquals(255, ChannelConversion.to8Bit(1, 1));
        assertEquals(0, ChannelConversion.to8Bit(0, 1));
        assertEquals(85, ChannelConversion.to8Bit(1, 2));
        assertEquals(17, ChannelConversion.to8Bit(1, 4));
        assertEquals(0, ChannelConversion.to8Bit(2, 10), "round(2·255/1023) = round(0.499)");
        assertEquals(1, ChannelConversion.to8Bit(3, 10), "round(3·255/1023) = round(0.748)");
        assertEquals(249, ChannelConversion.to8Bit(1000, 10), "round(1000·255/1023) = round(249.27)");
        assertEquals(128, ChannelConversion.to8Bit(32_896, 16), "32896 = 128·257");
        assertTrue(ChannelConversion.luma(255, 255, 255) == 255 && ChannelConversion.luma(0, 0, 0) == 0);
    }

    private static void assertImageEquals(int[] want, ByteImageSet set, int index) {
        for (int v = 0; v < want.length; v++) {
            assertEquals(want[v], set.rawPixel(index, v), "image " + index + " value " + v);
        }
    }
}
