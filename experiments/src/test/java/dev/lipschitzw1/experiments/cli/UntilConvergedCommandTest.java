package dev.lipschitzw1.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code w1 estimate --until-converged}: training stops after the first epoch at which the rule holds, or at the step
 * cap (whole epochs), and result.json, the report and the console say which. One seed of the quick critic on 8×8
 * images, two steps per epoch, no floor: mechanics, not accuracy. Oracle: the rule's arithmetic on the epochs run.
 */
class UntilConvergedCommandTest {
    @TempDir
    static Path data;
    static SmallSourceEstimateTest.FolderPair sources;

    @BeforeAll
    static void writeSources() throws Exception {
        sources = SmallSourceEstimateTest.FolderPair.darkAndBright(data);
    }

    private static DataCommandTest.Run estimate(Path out, String... convergence) {
        return sources.estimate(out, convergence);
    }

    /** Patience 1 and a tolerance no gain reaches: the rule first holds after epoch 2 (n = 2 &gt; k = 1). */
    @Test
    void untilConverged_stopsAtTheFirstEpochTheRuleHolds(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        DataCommandTest.Run r = estimate(out, "--until-converged", "--patience", "1", "--tolerance", "1000",
                "--max-steps", "40");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertFalse(r.out().contains("NOT converged"), r.out());
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        JsonNode seed = result.path("seeds").get(0);
        assertEquals(2, seed.path("curve").size(), "stopped after epoch 2 of at most 20");
        assertTrue(seed.path("convergence").path("converged").asBoolean(false), seed.path("convergence").toString());
        assertEquals(2, seed.path("convergence").path("epochs").asInt());
        assertTrue(result.path("estimate").path("converged").asBoolean(false));
        JsonNode rule = result.path("config").path("untilConverged");
        assertEquals(1, rule.path("patienceEpochs").asInt());
        assertEquals(1000.0, rule.path("relativeTolerance").asDouble(), 0.0);
        assertEquals(40, rule.path("maxSteps").asLong());
    }

    /** A window longer than the cap allows: ⌊7 / 2⌋ = 3 epochs, not converged, and every output says so. */
    @Test
    void untilConverged_stopsAtTheStepCap_andWarnsNotConverged(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        DataCommandTest.Run r = estimate(out, "--until-converged", "--patience", "5", "--max-steps", "7");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("NOT converged: seed 1 (3 epochs, too few to judge a gain over the last 5)"),
                r.out());
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertEquals(3, result.path("seeds").get(0).path("curve").size(), "3 whole epochs = 6 ≤ 7 steps");
        assertFalse(result.path("estimate").path("converged").asBoolean(true));
        assertTrue(Files.readString(out.resolve("report.md")).contains("**Warning: NOT converged: seed 1"));
    }

    @Test
    void convergenceOptionsWithoutUntilConverged_areUsageErrorsWithNothingWritten(@TempDir Path tmp) {
        DataCommandTest.Run r = estimate(tmp.resolve("a"), "--patience", "2");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--patience") && r.err().contains("only with --until-converged"), r.err());
        assertEquals(ExitCodes.USAGE, estimate(tmp.resolve("b"), "--until-converged", "--tolerance", "-1").code());
        assertEquals(ExitCodes.USAGE, estimate(tmp.resolve("c"), "--until-converged", "--max-steps", "1").code(),
                "a cap below one epoch of 2 steps");
        assertFalse(Files.exists(tmp.resolve("a")) || Files.exists(tmp.resolve("a.partial")), "nothing written");
    }
}
