package dev.lipschitzw1.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.critic.ot.ExactW1;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.FloatImageSet;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.datasets.io.IdxWriter;
import dev.lipschitzw1.datasets.synthetic.KnownW1Pair;
import dev.lipschitzw1.datasets.synthetic.TranslationPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code w1 exact}. Oracles: {@link ExactW1} on the same samples computed here (for N = size the samples are the whole
 * sets, whatever their order), and translation pairs, whose exact W1 is ‖v‖ when Q's points are P's shifted by v.
 */
class ExactCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIZE = 40;
    private static final int SHIFT = 20;

    @TempDir
    static Path data;

    /** P: 40 random 8×8 byte images; Q: the same images + 20 on every pixel; R: 6×6 images. */
    @BeforeAll
    static void writeSources() {
        SplittableRandom rng = new SplittableRandom(8);
        byte[] p = new byte[SIZE * 64];
        byte[] q = new byte[SIZE * 64];
        for (int i = 0; i < p.length; i++) {
            int b = rng.nextInt(200);
            p[i] = (byte) b;
            q[i] = (byte) (b + SHIFT);
        }
        IdxWriter.writeImages(dir("p").resolve("train-images-idx3-ubyte"), p, SIZE, 8, 8, false);
        IdxWriter.writeImages(dir("q").resolve("train-images-idx3-ubyte"), q, SIZE, 8, 8, false);
        IdxWriter.writeImages(dir("r").resolve("train-images-idx3-ubyte"), new byte[SIZE * 36], SIZE, 6, 6, false);
    }

    private static Path dir(String name) {
        try {
            return Files.createDirectories(data.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String src(String name) {
        return "mnist-train:" + data.resolve(name);
    }

    private static ImageSet set(String name) {
        return DataSources.resolveSet(src(name), SourceOptions.DEFAULT);
    }

    @Test
    void allImages_equalsExactW1OfTheSets_andTheTranslationNorm(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("exact");
        DataCommandTest.Run r = DataCommandTest.run("exact", "--p", src("p"), "--q", src("q"), "--n",
                String.valueOf(SIZE), "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode result = JSON.readTree(out.resolve("result.json").toFile());
        assertEquals("lipschitz-w1/exact/1", result.path("schema").asText());
        double value = result.path("exact").path("value").asDouble();
        double oracle = ExactW1.between(set("p"), set("q")).value();
        assertEquals(oracle, value, 1e-9, "W1 of all 40 + 40 images, computed here on the sets");
        double shift = Math.sqrt(64) * SHIFT / 255.0;
        assertEquals(shift, value, 1e-5, "Q = P + 20/255 on every pixel: W1 = ‖v‖ up to float32 pixels");
        assertEquals("jonker-volgenant", result.path("exact").path("method").asText());
        assertEquals(SIZE, result.path("n").asInt());
        assertTrue(r.out().contains(String.format("%.9f", value)), r.out());
    }

    @Test
    void someImages_equalsExactW1OfTheDocumentedSamples_quietStillPrintsTheResult() {
        DataCommandTest.Run r = DataCommandTest.run("exact", "--p", src("p"), "--q", src("q"), "--n", "15",
                "--seed", "3", "--quiet");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        SplittableRandom root = new SplittableRandom(3);
        ImageSet ps = set("p").subsample(15, root.split());
        ImageSet qs = set("q").subsample(15, root.split());
        double oracle = ExactW1.between(ps, qs).value();
        assertTrue(r.out().contains(String.format("= %.9f between 15 + 15 samples", oracle)),
                "expected W1 " + oracle + " of the samples drawn here in\n" + r.out());
    }

    /**
     * Known W1: a translation pair over pixels that are multiples of 1/8 with v = ±1/8 or ±1/16 per pixel, so that
     * P, Q = P + v and v are exact in float32 and W1 = ‖v‖ exactly, up to the solver's rounding.
     */
    @Test
    void translationPair_allImages_exactW1IsNormOfV() {
        SplittableRandom rng = new SplittableRandom(5);
        ImageShape shape = new ImageShape(1, 4, 4);
        float[] pixels = new float[30 * 16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rng.nextInt(9) / 8f;
        }
        float[] v = new float[16];
        for (int i = 0; i < v.length; i++) {
            v[i] = (rng.nextBoolean() ? 1 : -1) / (rng.nextBoolean() ? 8f : 16f);
        }
        KnownW1Pair pair = TranslationPair.of(new FloatImageSet("dyadic", shape, pixels), v);
        double value = ExactCommand.between(pair.p(), pair.q(), 30, 11).value();
        assertEquals(pair.exactW1(), value, 1e-9, "W1 between x_i and x_i + v = ‖v‖");
    }

    @Test
    void badInputs_usageErrorsOneLine(@TempDir Path tmp) {
        Object[][] cases = {
            {"q", "0", "--n"},
            {"q", String.valueOf(SIZE + 1), "at most " + SIZE},
            {"r", "10", "shape"},
        };
        for (Object[] c : cases) {
            String[] args = {"exact", "--p", src("p"), "--q", src((String) c[0]), "--n", (String) c[1]};
            DataCommandTest.Run r = DataCommandTest.run(args);
            assertEquals(ExitCodes.USAGE, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains((String) c[2]), r.err());
        }
        DataCommandTest.Run missing = DataCommandTest.run("exact", "--p", "cifar10:" + tmp.resolve("none"), "--q",
                src("q"), "--n", "5", "--out", tmp.resolve("o").toString());
        assertEquals(ExitCodes.DATA, missing.code(), missing.err());
        assertEquals(ExitCodes.USAGE, DataCommandTest.run("exact", "--p", src("p"), "--n", "5").code(),
                "--q is required");
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count(), "nothing written");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
