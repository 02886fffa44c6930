package dev.lipschitzw1.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.critic.estimate.DerivedSampleSizes;
import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import dev.lipschitzw1.datasets.ByteImageSet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What result.json and the reports say about derived sample sizes, on estimates built by hand whose configuration is
 * the one the runner builds for 400 images per side with the quick preset (no training). Oracles: the rule's closed
 * form (⌊1000·400 / 6000⌋ = 66, ⌊2000·400 / 6000⌋ = 133), a standard JSON parser's tokens, the report texts.
 */
class SampleSizeNoteTest {
    private static final ObjectMapper JSON = ResultJsonTest.STANDARD;

    static String derivedConfig() {
        ByteImageSet p = new ByteImageSet("p400", ResultJsonTest.SHAPE, new byte[400 * ResultJsonTest.SHAPE.values()]);
        ByteImageSet q = new ByteImageSet("q400", ResultJsonTest.SHAPE, new byte[400 * ResultJsonTest.SHAPE.values()]);
        return DerivedSampleSizes.fit(EstimatorConfig.quick(ResultJsonTest.SHAPE), null, null, List.of(p, q)).toJson();
    }

    @Test
    void derivedSizes_resultJsonAndReportsSayWhichAndFromWhat() throws Exception {
        W1Estimate e = ResultJsonTest.oneSeed(derivedConfig());
        JsonNode sizes = JSON.readTree(ResultJson.text(e)).path("estimate").path("sampleSizes");
        assertEquals(66, sizes.path("validation").asInt(), sizes.toString());
        assertEquals(133, sizes.path("test").asInt(), sizes.toString());
        assertTrue(sizes.path("validationDerived").asBoolean() && sizes.path("testDerived").asBoolean(), "derived");
        assertEquals("p400", sizes.path("derivedFrom").path("source").asText(), "from the smaller (first) side");
        assertEquals(400, sizes.path("derivedFrom").path("images").asInt());
        assertEquals(List.of(1000, 2000), List.of(sizes.path("derivedFrom").path("presetValidation").asInt(),
                sizes.path("derivedFrom").path("presetTest").asInt()), "the preset's sizes");
        String want = "Validation 66 / test 133 images per side: both derived from the smallest finite source p400 "
                + "(400 images), the preset's 1000 / 2000 scaled to leave half of it for training";
        String md = new EstimateReport(e, new byte[0], new byte[0]).markdown();
        assertTrue(md.contains(want), md);
        Comparison c = new Comparison(CompareJson.SCHEMA, "t", "p400", "q400", "quick", "native",
                List.of(new ComparisonRow("bcop", e)), List.of(), List.of(), 3.0, 1, null);
        ComparisonReport compare = new ComparisonReport(c, new byte[0], new byte[0]);
        assertTrue(compare.table().contains(want), "compare console table: " + compare.table());
        assertTrue(compare.markdown().contains(want), "compare report.md");
    }

    @Test
    void configuredSizes_saySoAndNothingDerived() throws Exception {
        W1Estimate e = ResultJsonTest.oneSeed(EstimatorConfig.quick(ResultJsonTest.SHAPE).toJson());
        JsonNode sizes = JSON.readTree(ResultJson.text(e)).path("estimate").path("sampleSizes");
        assertEquals(List.of(1000, 2000), List.of(sizes.path("validation").asInt(), sizes.path("test").asInt()));
        assertFalse(sizes.path("validationDerived").asBoolean() || sizes.path("testDerived").asBoolean(), "derived");
        assertTrue(sizes.path("derivedFrom").isNull(), sizes.toString());
        assertFalse(new EstimateReport(e, new byte[0], new byte[0]).markdown().contains("derived"),
                "nothing derived, nothing said");
        Comparison c = new Comparison(CompareJson.SCHEMA, "t", "p400", "q400", "quick", "native",
                List.of(new ComparisonRow("bcop", e)), List.of(), List.of(), 3.0, 1, null);
        ComparisonReport compare = new ComparisonReport(c, new byte[0], new byte[0]);
        assertTrue(compare.markdown().contains("Validation 1000 / test 2000 images per side, as configured"),
                "the comparison report always names its sizes");
        assertFalse(compare.table().contains("derived"), compare.table());
    }

    /** Oracle: record equality after the store round trip a resumed comparison relies on. */
    @Test
    void estimateStore_roundTrip_keepsTheDerivation(@TempDir Path tmp) {
        W1Estimate e = ResultJsonTest.oneSeed(derivedConfig());
        EstimateStore.save(e, tmp.resolve("estimate.json"));
        W1Estimate back = EstimateStore.load(tmp.resolve("estimate.json"));
        assertEquals(e, back, "save → load");
        assertEquals(SampleSizeNote.derived(e), SampleSizeNote.derived(back), "the derivation read back");
    }
}
