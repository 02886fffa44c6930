package dev.lipschitzw1.experiments.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.certify.LayerCertificate;
import dev.lipschitzw1.critic.estimate.SeedEstimate;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an estimate's result directory content: {@code result.json}, {@code report.md} (plots linked from
 * {@code plots/}), {@code report.html} (self-contained: the same plots embedded as base64 PNG) and the plots.
 */
public final class EstimateReport {
    private final W1Estimate estimate;
    private final KnownTruth truth;
    private final Map<String, byte[]> plots = new LinkedHashMap<>();

    /** @param pGrid PNG of 64 samples of P, @param qGrid of Q */
    public EstimateReport(W1Estimate estimate, byte[] pGrid, byte[] qGrid) {
        this(estimate, pGrid, qGrid, null);
    }

    /** As above, with the pair's exact W1 ({@code truth}, null when unknown) beside the estimate. */
    public EstimateReport(W1Estimate estimate, byte[] pGrid, byte[] qGrid, KnownTruth truth) {
        this.estimate = estimate;
        this.truth = truth;
        plots.put("curves.png", Charts.learningCurves(estimate));
        plots.put("estimates.png", Charts.estimates(estimate));
        plots.put("layers.png", Charts.layerBounds(estimate.perSeed().get(0)));
        plots.put("p-samples.png", pGrid);
        plots.put("q-samples.png", qGrid);
    }

    /** Writes every file into {@code dir} (which must exist). */
    public void writeTo(Path dir) throws IOException {
        ObjectNode result = ResultJson.of(estimate);
        if (truth != null) {
            result.set("knownW1", truth.json(estimate.value()));
        }
        Files.writeString(dir.resolve("result.json"), ResultJson.text(result), StandardCharsets.UTF_8);
        Path plotDir = Files.createDirectories(dir.resolve("plots"));
        for (Map.Entry<String, byte[]> p : plots.entrySet()) {
            Files.write(plotDir.resolve(p.getKey()), p.getValue());
        }
        Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), html(), StandardCharsets.UTF_8);
    }

    String markdown() {
        W1Estimate e = estimate;
        StringBuilder md = new StringBuilder();
        md.append("# W1 estimate: ").append(e.pName()).append(" vs ").append(e.qName()).append("\n\n");
        md.append(headline()).append("\n\n");
        if (truth != null) {
            md.append("Known pair: ").append(truth.sentence(estimate.value())).append(".\n\n");
            truth.yardsticks().ifPresent(y -> md.append(y).append("\n\n"));
        }
        if (!e.convergenceWarning().isEmpty()) {
            md.append("**Warning: ").append(e.convergenceWarning()).append(".**\n\n");
        }
        md.append("Distance: ").append(ResultJson.DISTANCE).append(". A certified 1-Lipschitz critic's held-out ")
                .append("dual objective is an estimate of a lower bound on W1.");
        if (e.upsampled()) {
            md.append(String.format(" The critic nearest-upsamples ×%1$s, which scales every distance by exactly %1$s: "
                    + "it is certified against %1$s·(1 + 1e-4) in native pixels, its raw objective bounds W1 of the "
                    + "×%1$s upsampled images, and raw / %1$s bounds W1 in native pixels (docs/decisions.md 33). The "
                    + "per-seed *raw* column is in the ×%1$s upsampled space, the others in native pixels.",
                    e.factorText()));
        }
        md.append("\n\n| seed | ").append(e.upsampled() ? "raw (×" + e.factorText() + " upsampled) | native pixels"
                : "estimate").append(" | certified L | raw / max(1, L) | best epoch | validation | convergence |\n")
                .append(e.upsampled() ? "|---|---|---|---|---|---|---|---|\n" : "|---|---|---|---|---|---|---|\n");
        for (SeedEstimate s : e.perSeed()) {
            md.append(String.format("| %d | %.5f%s | %.6f | %.5f | %d | %.5f | %s |%n", s.seedIndex() + 1,
                    s.estimate(), e.upsampled() ? String.format(" | %.5f", e.nativeEstimate(s)) : "",
                    s.certifiedLipschitz(), s.lowerBound(), s.bestEpoch() + 1, s.bestValidation(),
                    s.convergence() == null ? "not recorded" : s.convergence().describe()));
        }
        md.append("\n## Certificate of seed 1's critic\n\n| layer | kind | shape | bound | method |\n|---|---|---|---|---|\n");
        for (LayerCertificate l : e.perSeed().get(0).layers()) {
            md.append(String.format("| %s | %s | %s | %.8f | %s |%n", l.name(), l.kind(), l.shape(), l.bound(),
                    l.method()));
        }
        md.append(String.format("%nSamples: train P %d, train Q %d (−1: drawn fresh from a model), validation %d / %d,"
                        + " test %d / %d.%n", e.samples().trainP(), e.samples().trainQ(), e.samples().validationP(),
                e.samples().validationQ(), e.samples().testP(), e.samples().testQ()));
        if (SampleSizeNote.derived(e).isPresent()) {
            md.append("\n").append(SampleSizeNote.sentence(e)).append("\n");
        }
        md.append(String.format("%nProvenance: lipschitz-w1 %s, ND4J %s (%s, %s), Java %s, %s, started %s, "
                        + "wall time %.1f s.%n", e.provenance().version(), e.provenance().nd4jVersion(),
                e.provenance().nd4jBackend(), e.provenance().threadsText(), e.provenance().javaVersion(),
                e.provenance().osArch(), e.provenance().startedAt(), e.wallSeconds()));
        md.append("\n## Plots\n\n");
        for (String name : plots.keySet()) {
            md.append("![").append(name).append("](plots/").append(name).append(")\n\n");
        }
        return md.toString();
    }

    String html() {
        return HtmlPage.render("W1 estimate", markdown(), plots);
    }

    /**
     * The first line: the estimate, its interval over seeds (or that one seed has none), certificate and floor; for an
     * upsampling critic the estimate labelled as native pixels and, beside it, the ×a upsampled space's.
     */
    String headline() {
        W1Estimate e = estimate;
        String spread = e.ci95().exists() ? String.format("mean over %d seeds; 95%% t-interval %s; std %.5f",
                e.perSeed().size(), e.ci95Text(5), e.std()) : W1Estimate.NO_INTERVAL;
        String floor = Double.isFinite(e.sameDistributionFloor())
                ? String.format("%.5f", e.sameDistributionFloor()) : "not computed";
        String space = e.upsampled() ? String.format(" in native pixels (raw / %1$s); **≥ %2$.5f in the ×%1$s "
                + "upsampled space** (raw)", e.factorText(), e.upsampledValue()) : "";
        return String.format("**W1 ≥ %.5f**%s (%s); certified L = %.6f%s; same-distribution floor %s; preset `%s`.",
                e.value(), space, spread, e.certifiedLipschitz(), e.certified()
                        ? (e.upsampled() ? " (certified: ≤ " + e.factorText() + "·(1 + 1e-4))" : " (certified)")
                        : " — NOT certified: valid lower bound raw / L = " + String.format("%.5f", e.lowerBound()),
                floor, e.preset());
    }
}
