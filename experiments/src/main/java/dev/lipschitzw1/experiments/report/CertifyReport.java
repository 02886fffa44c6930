package dev.lipschitzw1.experiments.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.certify.Certificate;
import dev.lipschitzw1.critic.certify.LayerCertificate;
import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.json.JsonMappers;
import dev.lipschitzw1.provenance.Provenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The certification report of saved critics ({@code w1 certify}): per critic, every layer's certified Lipschitz bound
 * and how it was obtained, and the network bound, their product (rounded up at each step):
 * <pre>  Lip(f) ≤ L = Π_l bound_l,   certified ⇔ L ≤ a·(1 + 1e-4)  </pre>
 * with a the critic's architectural factor (its nearest upsampling ×a, 1 for none), the same threshold the estimator
 * applies before it reports an estimate ({@link EstimatorConfig#certifiedLimit(CriticConfig)}, docs/decisions.md
 * 33). As {@code result.json} (schema
 * {@value #SCHEMA}, docs/result-schema.md), a console table and {@code report.md}.
 */
public final class CertifyReport {
    public static final String SCHEMA = "lipschitz-w1/certify/1";
    private static final ObjectMapper JSON = JsonMappers.create();

    /**
     * One certified critic.
     *
     * @param label what the critic is, e.g. {@code seed 2} or the file name
     * @param file the critic file it was read from
     * @param config the critic's construction
     * @param certificate its per-layer certificate ({@code Critic.certify()})
     */
    public record Entry(String label, Path file, CriticConfig config, Certificate certificate) {
        /** Π bound_l, rounded up. */
        public double networkBound() {
            return certificate.networkBound();
        }

        /** a·(1 + 1e-4), a the critic's architectural factor. */
        public double limit() {
            return EstimatorConfig.certifiedLimit(config);
        }

        /** networkBound() ≤ a·(1 + 1e-4) (NaN is not certified). */
        public boolean certified() {
            return networkBound() <= limit();
        }
    }

    private final String input;
    private final List<Entry> entries;
    private final Provenance provenance;

    /** @param input the path given on the command line; @param entries at least one */
    public CertifyReport(String input, List<Entry> entries, Provenance provenance) {
        this.input = input;
        this.entries = List.copyOf(entries);
        this.provenance = provenance;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Every critic certified. */
    public boolean certified() {
        return entries.stream().allMatch(Entry::certified);
    }

    /** The JSON tree of schema {@value #SCHEMA}. */
    public ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("input", input);
        root.put("limit", EstimatorConfig.CERTIFIED_LIMIT);
        root.put("certified", certified());
        ArrayNode critics = root.putArray("critics");
        for (Entry e : entries) {
            ObjectNode c = critics.addObject();
            c.put("label", e.label());
            c.put("file", e.file().toString());
            c.put("variant", e.config().variant().name());
            ArrayNode shape = c.putArray("input");
            for (int d : e.config().input().toArray()) {
                shape.add(d);
            }
            c.put("networkBound", e.networkBound());
            c.put("architecturalFactor", e.config().architecturalFactor());
            c.put("limit", e.limit());
            c.put("certified", e.certified());
            LayerCertificate worst = e.certificate().worstLayer();
            c.put("worstLayer", worst.name());
            c.set("layers", JSON.valueToTree(e.certificate().layers()));
            c.set("config", parse(e.config().toJson()));
        }
        root.set("provenance", ResultJson.provenance(provenance));
        return root;
    }

    /** {@link #json()} pretty-printed. */
    public String jsonText() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the certificate", e);
        }
    }

    /** The console report: one table of layers per critic, then its network bound and verdict. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Entry e : entries) {
            out.append(String.format("%s: %s (%s critic, input %s)%n", e.label(), e.file(), e.config().variant(),
                    e.config().input()));
            List<LayerCertificate> layers = e.certificate().layers();
            int name = width("layer", layers.stream().map(LayerCertificate::name).toList());
            int kind = width("kind", layers.stream().map(LayerCertificate::kind).toList());
            int shape = width("shape", layers.stream().map(LayerCertificate::shape).toList());
            String row = "  %-" + name + "s  %-" + kind + "s  %-" + shape + "s  %15s  %s%n";
            out.append(String.format(row, "layer", "kind", "shape", "certified bound", "method"));
            for (LayerCertificate l : layers) {
                out.append(String.format(row, l.name(), l.kind(), l.shape(), String.format("%.12f", l.bound()),
                        l.method()));
            }
            out.append(String.format("  network bound (product of layer bounds): %.12f — %s%n%n", e.networkBound(),
                    verdict(e)));
        }
        long ok = entries.stream().filter(Entry::certified).count();
        out.append(String.format("%d of %d critic%s certified (bound ≤ a·(1 + 1e-4), a the critic's upsampling "
                + "factor: 1-Lipschitz in its input space)%n", ok, entries.size(), entries.size() == 1 ? "" : "s"));
        return out.toString();
    }

    /** The Markdown report: the same tables, with the provenance. */
    public String markdown() {
        StringBuilder md = new StringBuilder("# Certification of " + input + "\n\n");
        for (Entry e : entries) {
            md.append("## ").append(e.label()).append(": `").append(e.file()).append("`\n\n");
            md.append(String.format("%s critic, input %s. **Network bound %.12f** — %s.%n%n", e.config().variant(),
                    e.config().input(), e.networkBound(), verdict(e)));
            md.append("| layer | kind | shape | certified bound | method |\n|---|---|---|---|---|\n");
            for (LayerCertificate l : e.certificate().layers()) {
                md.append(String.format("| %s | %s | %s | %.12f | %s |%n", l.name(), l.kind(), l.shape(), l.bound(),
                        l.method()));
            }
            md.append('\n');
        }
        md.append(String.format("Provenance: lipschitz-w1 %s, ND4J %s (%s, %s), Java %s, %s, started %s.%n",
                provenance.version(), provenance.nd4jVersion(), provenance.nd4jBackend(), provenance.threadsText(),
                provenance.javaVersion(), provenance.osArch(), provenance.startedAt()));
        return md.toString();
    }

    /** Writes {@code result.json} and {@code report.md} into {@code dir} (which must exist). */
    public void writeTo(Path dir) throws IOException {
        Files.writeString(dir.resolve("result.json"), jsonText(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
    }

    private static String verdict(Entry e) {
        double a = e.config().architecturalFactor();
        String limit = a == 1 ? "1 + 1e-4" : String.format(Locale.ROOT, "%.0f·(1 + 1e-4): ×%.0f upsampling", a, a);
        return e.certified() ? "certified (≤ " + limit + ")"
                : "NOT certified (> " + limit + "; worst layer " + e.certificate().worstLayer().name() + ", bound "
                        + e.certificate().worstLayer().bound() + ")";
    }

    private static int width(String header, List<String> values) {
        return Math.max(header.length(), values.stream().mapToInt(String::length).max().orElse(0));
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("critic configuration is not JSON", e);
        }
    }
}
