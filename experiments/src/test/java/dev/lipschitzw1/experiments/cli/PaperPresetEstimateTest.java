package dev.lipschitzw1.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code w1 estimate --preset paper}: the authors' critic nearest-upsamples ×2, so its certified bound in native pixels
 * is 2·Π(layer bounds) ≈ 2. It used to be refused (exit 4) after training; by decision 38 it is accepted against
 * f·(1 + 1e-4) with f = 2 known before training, and reported as raw / 2 in native pixels and raw in the ×2 space.
 * One step of batch 2 on 8×8 images (padded to 32×32, upsampled to 64×64), one seed, no floor: the run is about the
 * rule, not accuracy. Oracle: the recorded per-seed raw estimate, divided by the exact factor 2.
 *
 * <p>Slow although it trains one step: the paper critic (64…512 channels on 64×64) takes ≈ 15 s to build, ≈ 20 s per
 * forward and backward pass of 2 images and ≈ 17 s per scoring, certification or gradient-norm pass on the 2-core
 * machine, 70–145 s in all; the fast oracle of the same rule is CertifiedAcceptanceTest (a tiny critic upsampling ×2).
 */
@Tag("slow")
class PaperPresetEstimateTest {
    @Test
    void estimatePaperPreset_isAccepted_reportsRawOverTwoInNativePixelsAndRawInUpsampledSpace(@TempDir Path tmp)
            throws Exception {
        Path p = SmallSourceEstimateTest.writeFolder(tmp.resolve("dark"), 40, 0);
        Path q = SmallSourceEstimateTest.writeFolder(tmp.resolve("bright"), 40, 60);
        Path out = tmp.resolve("run");
        DataCommandTest.Run r = DataCommandTest.run("estimate", "--preset", "paper", "--p", "folder:" + p + "@1x8x8",
                "--q", "folder:" + q + "@1x8x8", "--seeds", "1", "--epochs", "1", "--steps-per-epoch", "1",
                "--batch-size", "2", "--validation-size", "4", "--test-size", "4", "--no-floor", "--workers", "1",
                "--quiet", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        JsonNode estimate = result.path("estimate");
        double raw = result.path("seeds").get(0).path("estimate").asDouble();
        double bound = result.path("seeds").get(0).path("certifiedLipschitz").asDouble();
        assertTrue(bound > 2 - 1e-3 && bound <= 2 * (1 + 1e-4), "certified L in native pixels ≈ 2: " + bound);
        assertEquals(2.0, estimate.path("architecturalFactor").asDouble(), 0.0, "f of the ×2 upsampling");
        assertTrue(estimate.path("certified").asBoolean(), "accepted: L ≤ f·(1 + 1e-4)");
        assertEquals(raw / 2, estimate.path("value").asDouble(), 0.0, "native-pixel value = raw / 2");
        assertEquals(raw, estimate.path("upsampledValue").asDouble(), 0.0, "the ×2 space's value = raw");
        assertTrue(r.out().contains("native pixels") && r.out().contains("×2 upsampled"), "both labelled: " + r.out());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("native pixels") && md.contains("×2 upsampled"), md);
    }
}
