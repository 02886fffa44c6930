package dev.lipschitzw1.experiments.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.ot.ExactW1Result;
import dev.lipschitzw1.json.JsonMappers;
import dev.lipschitzw1.provenance.Provenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code result.json} of {@code w1 exact} (schema {@value #SCHEMA}, docs/result-schema.md): the exact W1 between N
 * samples of P and N of Q (an exact value for those samples, up to rounding; not an estimate of W1(P, Q)), how it was
 * solved, the samples' seed and the provenance.
 *
 * @param p the source specification of P, @param q of Q
 * @param pName the resolved name of P, @param qName of Q
 * @param n samples per side
 * @param seed the sampling seed
 * @param result the solver's result
 * @param wallSeconds wall time of sampling, cost matrix and solver together
 */
public record ExactReport(String p, String q, String pName, String qName, int n, long seed, ExactW1Result result,
                          double wallSeconds, Provenance provenance) {
    public static final String SCHEMA = "lipschitz-w1/exact/1";
    /** How the command draws its samples (printed in the result). */
    public static final String SAMPLING = "finite set: N distinct images (first N of a Fisher–Yates shuffle); "
            + "model: N i.i.d. draws; P from the first and Q from the second split of SplittableRandom(seed)";
    private static final ObjectMapper JSON = JsonMappers.create();

    /** The JSON tree. */
    public ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("distance", ResultJson.DISTANCE);
        root.put("p", p);
        root.put("q", q);
        root.put("pName", pName);
        root.put("qName", qName);
        root.put("n", n);
        root.put("seed", seed);
        root.put("sampling", SAMPLING);
        ObjectNode exact = root.putObject("exact");
        exact.put("value", result.value());
        exact.put("method", result.method());
        exact.put("n", result.n());
        exact.put("m", result.m());
        exact.put("solverSeconds", result.seconds());
        exact.put("wallSeconds", wallSeconds);
        root.set("provenance", ResultJson.provenance(provenance));
        return root;
    }

    /** The one-line summary the command prints. */
    public String summary() {
        return String.format("exact W1(%s, %s) = %.9f between %d + %d samples (seed %d; %s; %.2f s)", pName, qName,
                result.value(), result.n(), result.m(), seed, result.method(), wallSeconds);
    }

    /** Writes {@code result.json} into {@code dir} (which must exist). */
    public void writeTo(Path dir) throws IOException {
        try {
            Files.writeString(dir.resolve("result.json"), JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(json()), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the exact result", e);
        }
    }
}
