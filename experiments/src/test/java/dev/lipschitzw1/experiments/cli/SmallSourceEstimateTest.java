package dev.lipschitzw1.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code w1 estimate} with the default sizes on folders of 400 images per side, the case that used to be refused
 * ("expected at least validationSize + testSize + 2 = 3002 images"): one seed, two training steps and no floor, so
 * the run is about the sizes and the one-seed report, not accuracy (that the floor's halves fit is checked in
 * DerivedSampleSizesTest). Oracles: the rule's closed form (quick preset, 400 images: ⌊1000·400 / 6000⌋ = 66 and
 * ⌊2000·400 / 6000⌋ = 133), a standard JSON parser's tokens, the report texts.
 */
class SmallSourceEstimateTest {
    private static final ObjectMapper STANDARD = new ObjectMapper();

    /** Two folder sources of 8×8 grey images, as {@code --p} / {@code --q} specs. */
    record FolderPair(String p, String q) {
        /** 60 dark images under {@code data/dark} and 60 brighter ones under {@code data/bright}. */
        static FolderPair darkAndBright(Path data) throws Exception {
            return new FolderPair("folder:" + writeFolder(data.resolve("dark"), 60, 0) + "@1x8x8",
                    "folder:" + writeFolder(data.resolve("bright"), 60, 60) + "@1x8x8");
        }

        /**
         * {@code w1 estimate} on this pair with one seed of 2 steps per epoch, batch 8, 10 validation and test images,
         * no floor, one worker, quiet, into {@code out}, then {@code extra}: mechanics, not accuracy.
         */
        DataCommandTest.Run estimate(Path out, String... extra) {
            List<String> args = new ArrayList<>(List.of("estimate", "--p", p, "--q", q, "--seeds", "1",
                    "--steps-per-epoch", "2", "--batch-size", "8", "--validation-size", "10", "--test-size", "10",
                    "--no-floor", "--workers", "1", "--quiet", "--out", out.toString()));
            args.addAll(List.of(extra));
            return DataCommandTest.run(args.toArray(String[]::new));
        }
    }

    /** n random 8×8 grey PNGs, brighter on average by {@code bias}. */
    static Path writeFolder(Path dir, int n, int bias) throws Exception {
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(bias + 1);
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    int v = Math.min(255, rng.nextInt(180) + bias);
                    img.getRaster().setSample(x, y, 0, v);
                }
            }
            ImageIO.write(img, "png", dir.resolve(String.format("%04d.png", i)).toFile());
        }
        return dir;
    }

    @Test
    void estimate_400ImagesPerSide_defaultSizes_derived66And133_oneSeedReportsNoInterval(@TempDir Path tmp)
            throws Exception {
        Path p = writeFolder(tmp.resolve("dark"), 400, 0);
        Path q = writeFolder(tmp.resolve("bright"), 400, 60);
        Path out = tmp.resolve("run");
        DataCommandTest.Run r = DataCommandTest.run("estimate", "--p", "folder:" + p + "@1x8x8", "--q",
                "folder:" + q + "@1x8x8", "--seeds", "1", "--epochs", "1", "--steps-per-epoch", "2",
                "--batch-size", "8", "--no-floor", "--quiet", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains(W1Estimate.NO_INTERVAL), "console: " + r.out());
        assertTrue(r.out().contains("Validation 66 / test 133 images per side: both derived from the smallest finite "
                + "source"), "console says the sizes were derived: " + r.out());
        String text = Files.readString(out.resolve("result.json"));
        assertFalse(text.contains("Infinity") || text.contains("NaN"), text);
        JsonNode result = STANDARD.readTree(text);
        JsonNode ci = result.path("estimate").path("ci95");
        assertTrue(ci.get(0).isNull() && ci.get(1).isNull(), "one seed: ci95 " + ci);
        JsonNode sizes = result.path("estimate").path("sampleSizes");
        assertEquals(66, sizes.path("validation").asInt(), sizes.toString());
        assertEquals(133, sizes.path("test").asInt(), sizes.toString());
        assertTrue(sizes.path("validationDerived").asBoolean() && sizes.path("testDerived").asBoolean(), "derived");
        assertEquals(400, sizes.path("derivedFrom").path("images").asInt(), sizes.toString());
        assertEquals(400 - 66 - 133, result.path("estimate").path("samples").path("trainP").asInt(), "the rest trains");
        assertEquals(66, result.path("config").path("validationSize").asInt(), "the config holds the sizes used");
        assertTrue(result.path("config").path("derivedSizes").isObject(), "and how they were derived");
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains(W1Estimate.NO_INTERVAL) && md.contains("derived from the smallest finite source"), md);
        assertTrue(Files.readString(out.resolve("report.html")).contains(W1Estimate.NO_INTERVAL), "report.html");
    }

    /** Oracle: ⌊1000·n / 6000⌋ ≥ 50 ⇔ n ≥ 300, so 299 images are refused before any work, naming the source. */
    @Test
    void estimate_299Images_defaultSizes_isAUsageErrorNamingSourceAndSize(@TempDir Path tmp)
            throws Exception {
        Path small = writeFolder(tmp.resolve("small"), 299, 0);
        String source = "folder:" + small + "@1x8x8";
        DataCommandTest.Run r = DataCommandTest.run("estimate", "--p", source, "--q", source, "--seeds", "1",
                "--quiet", "--out", tmp.resolve("a").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("299 images") && r.err().contains("at least 300 images")
                && r.err().contains(small.toString()), r.err());
        assertFalse(Files.exists(tmp.resolve("a")) || Files.exists(tmp.resolve("a.partial")), "nothing written");
    }
}
