package dev.lipschitzw1.experiments.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.estimate.GradientNorms;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import dev.lipschitzw1.json.JsonMappers;

/**
 * {@code result.json} of a comparison (schema {@value #SCHEMA} for {@code compare}, {@value #REPRODUCE_SCHEMA} for
 * {@code reproduce}; both documented in docs/result-schema.md): one entry per critic with the same {@code estimate}
 * object as an estimate's result.json, its pooled gradient-norm diagnostics, per-seed results and configuration; the
 * published numbers, if any; the paper's ordering check; the provenance of the first critic's run.
 */
public final class CompareJson {
    public static final String SCHEMA = "lipschitz-w1/compare/1";
    public static final String REPRODUCE_SCHEMA = "lipschitz-w1/reproduce/1";
    private static final ObjectMapper JSON = JsonMappers.create();

    private CompareJson() {
    }

    /** The JSON tree of a comparison. */
    public static ObjectNode of(Comparison c) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", c.schema());
        root.put("distance", ResultJson.DISTANCE);
        root.put("space", c.space());
        root.put("p", c.pName());
        root.put("q", c.qName());
        root.put("preset", c.preset());
        root.put("upsample", c.upsample());
        root.put("wallSeconds", c.wallSeconds());
        ArrayNode critics = root.putArray("critics");
        for (ComparisonRow row : c.rows()) {
            W1Estimate e = row.estimate();
            ObjectNode n = critics.addObject();
            n.put("critic", row.critic());
            n.set("estimate", ResultJson.summary(e));
            // Kept for readers of earlier files; by decision 38 it is the estimate's own certified flag.
            n.put("certifiedInSpace", e.certified());
            GradientNorms g = row.gradientNorms();
            n.set("gradientNorms", g == null ? JSON.nullNode() : JSON.valueToTree(g));
            PublishedResult pub = c.publishedFor(row.critic());
            n.set("published", pub == null ? JSON.nullNode() : JSON.valueToTree(pub));
            if (c.truth() != null) {
                // Relative to the exact W1: of the estimate (raw for an uncertified critic) and of its valid bound.
                n.put("relativeError", c.truth().relativeError(e.value()));
                n.put("lowerBoundRelativeError", c.truth().relativeError(e.lowerBound()));
            }
            n.set("seeds", JSON.valueToTree(e.perSeed()));
            n.set("config", ResultJson.parse(e.provenance().configJson()));
        }
        root.set("published", JSON.valueToTree(c.published()));
        root.set("knownW1", c.truth() == null ? JSON.nullNode() : JSON.valueToTree(c.truth()));
        ObjectNode ordering = root.putObject("paperOrdering");
        ordering.put("claim", "BCOP > RKO > OSSN");
        putNullable(ordering, "byEstimate", c.paperOrdering(false));
        putNullable(ordering, "byLowerBound", c.paperOrdering(true));
        root.set("notes", JSON.valueToTree(c.notes()));
        if (!c.rows().isEmpty()) {
            root.set("provenance", ResultJson.provenance(c.rows().get(0).estimate().provenance()));
        }
        return root;
    }

    private static void putNullable(ObjectNode n, String field, Boolean value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }

    /** As pretty-printed text. */
    public static String text(Comparison c) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(of(c));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise the comparison", ex);
        }
    }
}
