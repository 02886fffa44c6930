package dev.lipschitzw1.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.critic.certify.LayerCertificate;
import dev.lipschitzw1.critic.estimate.EpochRecord;
import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.critic.estimate.Interval;
import dev.lipschitzw1.critic.estimate.SeedEstimate;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.provenance.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What result files and reports make of a one-seed estimate (no interval, NaN floor, a NaN layer value), on
 * estimates built by hand: no training. Oracles: a standard JSON parser's tokens (Jackson's
 * defaults accept no NaN or Infinity tokens, so a string there would be a string, not a number), record equality
 * after a store round trip, and the texts the reports must contain.
 */
class ResultJsonTest {
    static final ImageShape SHAPE = new ImageShape(1, 8, 8);
    static final ObjectMapper STANDARD = new ObjectMapper();

    /** The quick preset's config with one seed. */
    static String oneSeedConfig() {
        return EstimatorConfig.quick(SHAPE).withSeeds(1, 0).toJson();
    }

    /** One seed, floor skipped (NaN), the last layer's converged value not computed (NaN). */
    static W1Estimate oneSeed(String configJson) {
        EstimatorConfig c = EstimatorConfig.fromJson(configJson);
        SeedEstimate s = new SeedEstimate(0, 11, 0.5, 0.45, 1, 0.99999, "dense", List.of(
                new LayerCertificate("conv", "conv", "1→4 k=3", 0.99999, 0.99998, "fft"),
                new LayerCertificate("dense", "dense", "256→1", 1.0, Double.NaN, "norm")),
                List.of(new EpochRecord(0, 2e-3, 0.3, 0.4), new EpochRecord(1, 1.6e-3, 0.35, 0.45)), null, null);
        double[] values = {s.estimate()};
        int v = c.validationSize();
        int t = c.testSize();
        return new W1Estimate(Interval.mean(values), Interval.standardDeviation(values),
                Interval.studentT(values, 0.95), List.of(s), 0.99999, 1, true, s.lowerBound(), Double.NaN,
                new W1Estimate.SampleCounts(400 - v - t, 400 - v - t, v, v, t, t), "quick", "p400", "q400", 1.5,
                new Provenance(configJson, 0, "test", "1.0.0-M2.1", "CpuBackend", "17", "linux/amd64", 2,
                        Instant.EPOCH, 1, "0123abc", List.of()));
    }

    private static void assertNoNonFiniteText(String text, String what) {
        assertFalse(text.contains("NaN") || text.contains("Infinity") || text.contains("∞"), what + ":\n" + text);
    }

    @Test
    void resultJson_oneSeed_writesNullForTheIntervalFloorAndNaNLayerValue() throws Exception {
        String text = ResultJson.text(oneSeed(oneSeedConfig()));
        assertNoNonFiniteText(text, "result.json");
        JsonNode est = STANDARD.readTree(text).path("estimate");
        assertEquals(2, est.path("ci95").size(), "ci95 stays a pair");
        assertTrue(est.path("ci95").get(0).isNull() && est.path("ci95").get(1).isNull(), "ci95 " + est.path("ci95"));
        assertTrue(est.path("sameDistributionFloor").isNull(), "floor not computed: null");
        assertTrue(est.path("value").isNumber() && est.path("value").asDouble() == 0.5, "finite values stay numbers");
        JsonNode layer = STANDARD.readTree(text).path("seeds").get(0).path("layers").get(1);
        assertTrue(layer.path("value").isNull() && layer.path("bound").isNumber(), "layer " + layer);
    }

    @Test
    void compareJson_oneSeed_sameRuleForEveryCritic() throws Exception {
        W1Estimate e = oneSeed(oneSeedConfig());
        Comparison c = new Comparison(CompareJson.SCHEMA, "t", "p400", "q400", "quick", "native", List.of(
                new ComparisonRow("bcop", e), new ComparisonRow("gp", e)), List.of(), List.of(), 3.0, 1, null);
        String text = CompareJson.text(c);
        assertNoNonFiniteText(text, "compare result.json");
        for (JsonNode critic : STANDARD.readTree(text).path("critics")) {
            JsonNode ci = critic.path("estimate").path("ci95");
            assertTrue(ci.get(0).isNull() && ci.get(1).isNull(), critic.path("critic") + ": " + ci);
        }
    }

    /** Oracle: record equality (doubles compared as Double.compare does, so NaN equals NaN). */
    @Test
    void estimateStore_roundTrip_oneSeedEstimate_isEqual_andWritesNulls(@TempDir Path tmp) throws Exception {
        W1Estimate e = oneSeed(oneSeedConfig());
        Path file = tmp.resolve("estimate.json");
        EstimateStore.save(e, file);
        assertNoNonFiniteText(Files.readString(file), "estimate.json");
        assertTrue(STANDARD.readTree(file.toFile()).path("ci95").path("low").isNull(), "ci95.low null");
        W1Estimate back = EstimateStore.load(file);
        assertEquals(e, back, "save → load");
        assertEquals(Interval.NONE, back.ci95(), "null bounds read back as NONE");
    }

    @Test
    void estimateStore_olderFileWithInfinityStrings_readsAsNoInterval(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("estimate.json");
        EstimateStore.save(oneSeed(oneSeedConfig()), file);
        String old = Files.readString(file).replaceFirst("\"low\" : null", "\"low\" : \"-Infinity\"")
                .replaceFirst("\"high\" : null", "\"high\" : \"Infinity\"");
        assertTrue(old.contains("\"-Infinity\"") && old.contains("\"Infinity\""), old);
        Files.writeString(file, old);
        W1Estimate back = EstimateStore.load(file);
        assertEquals(Double.NEGATIVE_INFINITY, back.ci95().low(), "the old string keeps its value");
        assertFalse(back.ci95().exists(), "and is no interval");
        assertTrue(back.summary().contains(W1Estimate.NO_INTERVAL), back.summary());
    }

    @Test
    void reports_oneSeed_sayNoInterval_inConsoleMarkdownHtmlAndCompareTable() {
        W1Estimate e = oneSeed(oneSeedConfig());
        assertTrue(e.summary().contains("one seed: no interval; run --seeds ≥ 2"), e.summary());
        assertNoNonFiniteText(e.summary(), "console summary");
        EstimateReport report = new EstimateReport(e, new byte[0], new byte[0]);
        assertTrue(report.headline().contains(W1Estimate.NO_INTERVAL), report.headline());
        assertNoNonFiniteText(report.markdown(), "report.md");
        assertTrue(report.html().contains(W1Estimate.NO_INTERVAL), "report.html");
        Comparison c = new Comparison(CompareJson.SCHEMA, "t", "p400", "q400", "quick", "native",
                List.of(new ComparisonRow("bcop", e)), List.of(), List.of(), 3.0, 1, null);
        ComparisonReport compare = new ComparisonReport(c, new byte[0], new byte[0]);
        assertEquals("— (one seed)", compare.cells().get(1).get(2), "the 95% CI cell");
        assertEquals("0.5000", compare.cells().get(1).get(1), "no ± std of one value");
        assertTrue(compare.table().contains("95% CI — (one seed): " + W1Estimate.NO_INTERVAL), compare.table());
        assertTrue(compare.markdown().contains(W1Estimate.NO_INTERVAL), "compare report.md");
        assertNoNonFiniteText(compare.markdown(), "compare report.md");
    }

    @Test
    void reports_twoSeeds_printTheInterval_andNoNote() {
        W1Estimate one = oneSeed(EstimatorConfig.quick(SHAPE).toJson());
        SeedEstimate second = new SeedEstimate(1, 12, 0.7, 0.6, 1, 0.99999, "dense", one.perSeed().get(0).layers(),
                one.perSeed().get(0).curve(), null, null);
        double[] values = {0.5, 0.7};
        W1Estimate two = new W1Estimate(0.6, Interval.standardDeviation(values), Interval.studentT(values, 0.95),
                List.of(one.perSeed().get(0), second), 0.99999, 1, true, 0.6, 0.01, one.samples(), "quick", "p400",
                "q400", 3.0, one.provenance());
        Interval ci = two.ci95();
        assertTrue(ci.exists() && ci.contains(0.6), "t-interval of two values: " + ci);
        String want = String.format(java.util.Locale.ROOT, "[%.4f, %.4f]", ci.low(), ci.high());
        assertTrue(two.summary().contains("95% CI " + want + " over 2 seeds"), two.summary());
        Comparison c = new Comparison(CompareJson.SCHEMA, "t", "p400", "q400", "quick", "native",
                List.of(new ComparisonRow("bcop", two)), List.of(), List.of(), 3.0, 1, null);
        ComparisonReport compare = new ComparisonReport(c, new byte[0], new byte[0]);
        assertEquals(want, compare.cells().get(1).get(2));
        assertFalse(compare.table().contains(W1Estimate.NO_INTERVAL), compare.table());
    }
}
