package dev.lipschitzw1.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --width}, {@code --depth}, {@code --head-layers}/{@code --head-width} and {@code --ossn-iterations}: the critic trained and certified is the one asked
 * for, and a value the critic cannot have is a usage error naming the option before anything is written. Oracle: the architecture's arithmetic —
 * on 8×8 images, depth d halves the map d times, stage s has width·2^(s−1) channels after a pixel-unshuffle that
 * multiplies the previous stage's channels by 4, and the head reads width·2^(d−1)·(8/2^d)² features.
 */
class CriticOptionsTest {
    @TempDir
    static Path data;
    static SmallSourceEstimateTest.FolderPair sources;

    @BeforeAll
    static void writeSources() throws Exception {
        sources = SmallSourceEstimateTest.FolderPair.darkAndBright(data);
    }

    private static DataCommandTest.Run estimate(Path out, String... size) {
        List<String> args = new ArrayList<>(List.of("--epochs", "1"));
        args.addAll(List.of(size));
        return sources.estimate(out, args.toArray(String[]::new));
    }

    @Test
    void widthAndDepth_buildAndCertifyThatCritic(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        DataCommandTest.Run r = estimate(out, "--width", "4", "--depth", "2");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        JsonNode critic = result.path("config").path("critic");
        assertEquals(4, critic.path("width").asInt());
        assertEquals(2, critic.path("depth").asInt());
        List<String> convs = new ArrayList<>();
        String head = null;
        for (JsonNode layer : result.path("seeds").get(0).path("layers")) {
            if (layer.path("name").asText().endsWith(".conv")) {
                convs.add(layer.path("shape").asText());
            }
            if (layer.path("name").asText().equals("head")) {
                head = layer.path("shape").asText();
            }
        }
        assertEquals(List.of("4→4 k=2×2 on 4×4 circular", "16→8 k=2×2 on 2×2 circular"), convs);
        assertEquals("32→1", head);
    }

    @Test
    void impossibleSizes_areUsageErrorsNamingTheOption_withNothingWritten(@TempDir Path tmp) {
        DataCommandTest.Run odd = estimate(tmp.resolve("a"), "--width", "3");
        assertEquals(ExitCodes.USAGE, odd.code(), odd.err());
        assertTrue(odd.err().contains("--width") && odd.err().contains("even"), odd.err());
        DataCommandTest.Run deep = estimate(tmp.resolve("b"), "--depth", "4");
        assertEquals(ExitCodes.USAGE, deep.code(), deep.err());
        assertTrue(deep.err().contains("--depth") && deep.err().contains("8×8"), deep.err());
        assertFalse(Files.exists(tmp.resolve("a")) || Files.exists(tmp.resolve("a.partial"))
                || Files.exists(tmp.resolve("b")) || Files.exists(tmp.resolve("b.partial")), "nothing written");
    }

    /** A dense head: hidden layers of the width asked for between the flatten (32 features here) and the output. */
    @Test
    void headLayersAndWidth_buildAndCertifyThatHead(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        DataCommandTest.Run r = estimate(out, "--width", "4", "--depth", "2", "--head-layers", "2", "--head-width",
                "6");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertEquals(2, result.path("config").path("critic").path("headLayers").asInt());
        assertEquals(6, result.path("config").path("critic").path("headWidth").asInt());
        List<String> dense = new ArrayList<>();
        for (JsonNode layer : result.path("seeds").get(0).path("layers")) {
            if (layer.path("name").asText().matches("hidden\\d|head")) {
                dense.add(layer.path("name").asText() + " " + layer.path("shape").asText());
                assertTrue(layer.path("bound").asDouble() <= 1 + 1e-4, layer.toString());
            }
        }
        assertEquals(List.of("hidden1 32→6", "hidden2 6→6", "head 6→1"), dense);
        DataCommandTest.Run noWidth = estimate(tmp.resolve("w"), "--head-layers", "1");
        assertEquals(ExitCodes.USAGE, noWidth.code(), noWidth.err());
        assertTrue(noWidth.err().contains("--head-width"), noWidth.err());
        DataCommandTest.Run odd = estimate(tmp.resolve("o"), "--head-layers", "1", "--head-width", "5");
        assertEquals(ExitCodes.USAGE, odd.code(), odd.err());
        assertTrue(odd.err().contains("--head-width") && odd.err().contains("even"), odd.err());
        assertFalse(Files.exists(tmp.resolve("w")) || Files.exists(tmp.resolve("o")), "nothing written");
    }

    /** The OSSN critic trains with the power-iteration count asked for, and records it with the run's config. */
    @Test
    void ossnIterations_reachTheOssnCritic(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        DataCommandTest.Run r = estimate(out, "--critic", "ossn", "--ossn-iterations", "3", "--baseline-report");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode critic = new ObjectMapper().readTree(out.resolve("result.json").toFile()).path("config")
                .path("critic");
        assertEquals("OSSN", critic.path("variant").asText());
        assertEquals(3, critic.path("ossn").path("powerIterations").asInt());
        DataCommandTest.Run zero = estimate(tmp.resolve("z"), "--critic", "ossn", "--ossn-iterations", "0");
        assertEquals(ExitCodes.USAGE, zero.code(), zero.err());
        assertTrue(zero.err().contains("--ossn-iterations"), zero.err());
        assertFalse(Files.exists(tmp.resolve("z")) || Files.exists(tmp.resolve("z.partial")), "nothing written");
    }

    /** A sweep's settings are checked the same way before any run starts. */
    @Test
    void sweepSettings_refuseAnImpossibleWidth() {
        EstimatorSettings s = new EstimatorSettings("quick", "bcop", Map.of("width", 0), false);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, s::validate);
        assertEquals("--width", e.key());
    }
}
