package dev.lipschitzw1.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lipschitzw1.critic.estimate.Convergence;
import dev.lipschitzw1.critic.estimate.Interval;
import dev.lipschitzw1.critic.estimate.SeedEstimate;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reports and result files say about convergence and about an upsampling critic's two spaces, on estimates built
 * by hand (no training). Oracles: the hand-computed convergence of the seeds, the numbers put in (raw 0.8 with
 * a = 2: 0.4 in native pixels), a standard JSON parser's reading and the texts the reports must contain.
 */
class ConvergenceAndSpaceReportTest {
    /** Seed 1 converged (+0.5 % over 3 epochs), seed 2 still rising (+4 %). */
    private static final Convergence CONVERGED = new Convergence(true, 0.005, 3, 0.01, 10);
    private static final Convergence RISING = new Convergence(false, 0.04, 3, 0.01, 10);

    /** Two seeds with raw estimates 0.8 and 1.0, certified L ≈ a, the given convergences, factor a. */
    static W1Estimate estimate(double a, Convergence first, Convergence second) {
        W1Estimate template = ResultJsonTest.oneSeed(ResultJsonTest.oneSeedConfig());
        SeedEstimate s = template.perSeed().get(0);
        SeedEstimate one = new SeedEstimate(0, 11, 0.8, 0.7, 1, a * 1.000001, s.worstLayer(), s.layers(), s.curve(),
                null, first);
        SeedEstimate two = new SeedEstimate(1, 12, 1.0, 0.9, 1, a * 1.000001, s.worstLayer(), s.layers(), s.curve(),
                null, second);
        double[] values = {0.8 / a, 1.0 / a};
        return new W1Estimate(Interval.mean(values), Interval.standardDeviation(values), Interval.studentT(values,
                0.95), List.of(one, two), a * 1.000001, a, true, (0.8 + 1.0) / 2 / (a * 1.000001), 0.01 / a,
                template.samples(), a == 1 ? "quick" : "paper", "p", "q", 2.0, template.provenance());
    }

    @Test
    void seedStillRising_estimateWarnsInConsoleReportAndResultJson(@TempDir Path tmp) throws Exception {
        W1Estimate e = estimate(1, CONVERGED, RISING);
        String warning = "NOT converged: seed 2 (best validation +4.00 % over the last 3 epochs (> 1.00 %))";
        assertTrue(e.convergenceWarning().startsWith(warning), e.convergenceWarning());
        assertTrue(e.summary().contains(warning), e.summary());
        EstimateReport report = new EstimateReport(e, new byte[0], new byte[0]);
        assertTrue(report.markdown().contains("**Warning: " + warning), report.markdown());
        assertTrue(report.markdown().contains("| converged: best validation +0.50 % over the last 3 epochs "
                + "(≤ 1.00 %) |"), "per-seed verdict in the seed table: " + report.markdown());
        report.writeTo(tmp);
        JsonNode result = ResultJsonTest.STANDARD.readTree(tmp.resolve("result.json").toFile());
        assertFalse(result.path("estimate").path("converged").asBoolean(true), "estimate.converged false");
        JsonNode c = result.path("seeds").get(1).path("convergence");
        assertFalse(c.path("converged").asBoolean(true));
        assertEquals(0.04, c.path("relativeGain").asDouble(), 0.0);
        assertEquals(3, c.path("patienceEpochs").asInt());
        assertEquals(0.01, c.path("relativeTolerance").asDouble(), 0.0);
        assertEquals(10, c.path("epochs").asInt());
    }

    @Test
    void everySeedConverged_noWarning_andResultJsonSaysConverged() {
        W1Estimate e = estimate(1, CONVERGED, CONVERGED);
        assertEquals("", e.convergenceWarning());
        assertFalse(e.summary().contains("NOT converged"), e.summary());
        assertFalse(new EstimateReport(e, new byte[0], new byte[0]).markdown().contains("Warning"));
        assertTrue(ResultJson.summary(e).path("converged").asBoolean(false));
    }

    @Test
    void compareTable_countsConvergedSeeds_andWarnsPerCritic() {
        Comparison c = new Comparison(CompareJson.SCHEMA, "t", "p", "q", "quick", "native", List.of(
                new ComparisonRow("bcop", estimate(1, CONVERGED, CONVERGED)),
                new ComparisonRow("rko", estimate(1, CONVERGED, RISING))), List.of(), List.of(), 4.0, 1, null);
        ComparisonReport report = new ComparisonReport(c, new byte[0], new byte[0]);
        List<List<String>> cells = report.cells();
        int column = cells.get(0).indexOf("converged");
        assertEquals("2/2 seeds", cells.get(1).get(column));
        assertEquals("1/2 seeds — NOT", cells.get(2).get(column));
        assertTrue(report.table().contains("Warning: RKO NOT converged: seed 2"), report.table());
        assertFalse(report.table().contains("Warning: BCOP"), report.table());
        assertTrue(report.markdown().contains("Warning: RKO NOT converged: seed 2"), report.markdown());
    }

    /** a = 2: value 0.45 = mean raw 0.9 / 2 in native pixels, 0.9 in the ×2 space, both labelled everywhere. */
    @Test
    void upsamplingCritic_reportsNativeAndUpsampledValues_labelled() {
        W1Estimate e = estimate(2, CONVERGED, CONVERGED);
        assertEquals(0.45, e.value(), 1e-15);
        assertEquals(0.9, e.upsampledValue(), 1e-15);
        assertTrue(e.summary().contains("≥ 0.4500 in native pixels (raw / 2; ≥ 0.9000 in the ×2 upsampled space)"),
                e.summary());
        EstimateReport report = new EstimateReport(e, new byte[0], new byte[0]);
        assertTrue(report.headline().contains("**W1 ≥ 0.45000** in native pixels (raw / 2); **≥ 0.90000 in the ×2 "
                + "upsampled space** (raw)"), report.headline());
        assertTrue(report.markdown().contains("| seed | raw (×2 upsampled) | native pixels |"), report.markdown());
        JsonNode est = ResultJson.summary(e);
        assertEquals(2.0, est.path("architecturalFactor").asDouble(), 0.0);
        assertEquals(0.45, est.path("value").asDouble(), 1e-15);
        assertEquals(0.9, est.path("upsampledValue").asDouble(), 1e-15);
        Comparison c = new Comparison(CompareJson.REPRODUCE_SCHEMA, "t", "p", "q", "paper", "native", List.of(
                new ComparisonRow("bcop", e)), List.of(new PublishedResult("bcop", 5.34, 0.07, "Table 4")), List.of(),
                2.0, 2, null);
        List<List<String>> cells = new ComparisonReport(c, new byte[0], new byte[0]).cells();
        assertEquals("estimate, native pixels (mean ± std)", cells.get(0).get(1));
        assertEquals("×2 upsampled space (mean ± std)", cells.get(0).get(3));
        assertTrue(cells.get(1).get(1).startsWith("0.4500 ± "), cells.get(1).toString());
        assertTrue(cells.get(1).get(3).startsWith("0.9000 ± "), cells.get(1).toString());
        assertTrue(CompareJson.of(c).path("critics").get(0).path("certifiedInSpace").asBoolean(false));
    }
}
