package dev.lipschitzw1.experiments.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.estimate.DerivedSampleSizes;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import dev.lipschitzw1.json.JsonMappers;
import java.util.Locale;
import java.util.Optional;

/**
 * What reports say about an estimate's validation and test sizes: the sizes used per side and, when a small finite
 * source made the runner derive them ({@link DerivedSampleSizes}, read from the configuration the estimate recorded
 * in its provenance), which were derived and from what.
 */
final class SampleSizeNote {
    private static final ObjectMapper JSON = JsonMappers.create();

    private SampleSizeNote() {
    }

    /** The derivation the estimate's configuration records; empty when the sizes were as configured. */
    static Optional<DerivedSampleSizes> derived(W1Estimate e) {
        JsonNode d = ResultJson.parse(e.provenance().configJson()).path("derivedSizes");
        if (!d.isObject()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.treeToValue(d, DerivedSampleSizes.class));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("configuration's derivedSizes is not a DerivedSampleSizes: " + d, ex);
        }
    }

    /** One sentence: the sizes used per side, and whether they are the configuration's or derived (and how). */
    static String sentence(W1Estimate e) {
        int v = e.samples().validationP();
        int t = e.samples().testP();
        return derived(e).map(d -> d.describe(v, t)).orElse(String.format(Locale.ROOT,
                "Validation %d / test %d images per side, as configured (preset or --validation-size / --test-size).",
                v, t));
    }

    /**
     * The {@code sampleSizes} object of result.json: {@code validation}, {@code test} (per side),
     * {@code validationDerived}, {@code testDerived}, {@code derivedFrom} ({@code source}, {@code images},
     * {@code presetValidation}, {@code presetTest}; null when nothing was derived).
     */
    static ObjectNode json(W1Estimate e) {
        Optional<DerivedSampleSizes> d = derived(e);
        ObjectNode n = JSON.createObjectNode();
        n.put("validation", e.samples().validationP());
        n.put("test", e.samples().testP());
        n.put("validationDerived", d.map(DerivedSampleSizes::validation).orElse(false));
        n.put("testDerived", d.map(DerivedSampleSizes::test).orElse(false));
        if (d.isEmpty()) {
            n.putNull("derivedFrom");
        } else {
            ObjectNode from = n.putObject("derivedFrom");
            from.put("source", d.get().source());
            from.put("images", d.get().sourceSize());
            from.put("presetValidation", d.get().presetValidation());
            from.put("presetTest", d.get().presetTest());
        }
        return n;
    }
}
