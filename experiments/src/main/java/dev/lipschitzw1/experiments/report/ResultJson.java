package dev.lipschitzw1.experiments.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import dev.lipschitzw1.json.JsonMappers;
import dev.lipschitzw1.provenance.Provenance;

/**
 * {@code result.json} of an estimate (schema {@value #SCHEMA}, documented in docs/result-schema.md): the estimate,
 * per-seed results with their certificates and curves, the configuration and the provenance. Non-finite numbers are
 * written as {@code null} ({@link JsonMappers}): the one-seed interval's bounds, a floor that was not computed.
 */
public final class ResultJson {
    public static final String SCHEMA = "lipschitz-w1/estimate/1";
    public static final String DISTANCE = "Euclidean (L2) distance between flattened images, pixels in [0, 1]";
    private static final ObjectMapper JSON = JsonMappers.create();

    private ResultJson() {
    }

    /** The JSON tree of an estimate. */
    public static ObjectNode of(W1Estimate e) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("distance", DISTANCE);
        root.put("p", e.pName());
        root.put("q", e.qName());
        root.set("estimate", summary(e));
        root.set("seeds", JSON.valueToTree(e.perSeed()));
        root.set("config", parse(e.provenance().configJson()));
        root.set("provenance", provenance(e.provenance()));
        return root;
    }

    /**
     * The {@code estimate} object: value, std, ci95 ([null, null] for one seed: no interval) in native pixels,
     * architecturalFactor a and upsampledValue = a·value (the critic's ×a space), certifiedLipschitz, certified,
     * lowerBound, floor, converged (no seed's validation objective still rising), preset, wallSeconds, samples,
     * sampleSizes (the validation and test sizes per side and whether they were derived from a small finite source).
     */
    static ObjectNode summary(W1Estimate e) {
        ObjectNode est = JSON.createObjectNode();
        est.put("value", e.value());
        est.put("std", e.std());
        ArrayNode ci = est.putArray("ci95");
        ci.add(e.ci95().low());
        ci.add(e.ci95().high());
        est.put("architecturalFactor", e.architecturalFactor());
        est.put("upsampledValue", e.upsampledValue());
        est.put("certifiedLipschitz", e.certifiedLipschitz());
        est.put("certified", e.certified());
        est.put("lowerBound", e.lowerBound());
        est.put("sameDistributionFloor", e.sameDistributionFloor());
        est.put("converged", e.notConverged().isEmpty());
        est.put("preset", e.preset());
        est.put("wallSeconds", e.wallSeconds());
        est.set("samples", JSON.valueToTree(e.samples()));
        est.set("sampleSizes", SampleSizeNote.json(e));
        return est;
    }

    /** As pretty-printed text. */
    public static String text(W1Estimate e) {
        return text(of(e));
    }

    /** A result tree (from {@link #of}, possibly with more fields) as pretty-printed text. */
    public static String text(ObjectNode result) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise the result", ex);
        }
    }

    static ObjectNode provenance(Provenance p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("seed", p.seed());
        n.put("version", p.version());
        n.put("commit", p.commit());
        n.put("nd4jVersion", p.nd4jVersion());
        n.put("nd4jBackend", p.nd4jBackend());
        n.put("java", p.javaVersion());
        n.put("osArch", p.osArch());
        n.put("threads", p.threads());
        n.put("workers", p.workers());
        n.put("startedAt", p.startedAt().toString());
        n.set("sources", JSON.valueToTree(p.sources()));
        return n;
    }

    static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("configuration is not JSON", e);
        }
    }
}
