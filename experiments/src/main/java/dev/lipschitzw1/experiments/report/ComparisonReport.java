package dev.lipschitzw1.experiments.report;

import dev.lipschitzw1.critic.estimate.GradientNorms;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a comparison's result directory content: {@code result.json} ({@link CompareJson}), {@code report.md}
 * (plots linked from {@code plots/}), a self-contained {@code report.html} and the plots: the estimates per critic
 * with their intervals, the learning curves and certified layer bounds of each critic, sample grids of P and Q.
 * {@link #table} is the same table as plain text for the terminal.
 */
public final class ComparisonReport {
    private final Comparison comparison;
    private final Map<String, byte[]> plots = new LinkedHashMap<>();

    /** @param pGrid PNG of 64 samples of P, @param qGrid of Q */
    public ComparisonReport(Comparison comparison, byte[] pGrid, byte[] qGrid) {
        this.comparison = comparison;
        plots.put("estimates.png", Charts.comparison(comparison));
        for (ComparisonRow row : comparison.rows()) {
            String name = upper(row.critic());
            plots.put("curves-" + row.critic() + ".png", Charts.learningCurves(row.estimate(),
                    name + ": dual objective mean f(P) − mean f(Q)"));
            plots.put("layers-" + row.critic() + ".png", Charts.layerBounds(row.estimate().perSeed().get(0),
                    name + ": "));
        }
        plots.put("p-samples.png", pGrid);
        plots.put("q-samples.png", qGrid);
    }

    /** Writes every file into {@code dir} (which must exist). */
    public void writeTo(Path dir) throws IOException {
        Files.writeString(dir.resolve("result.json"), CompareJson.text(comparison), StandardCharsets.UTF_8);
        Path plotDir = Files.createDirectories(dir.resolve("plots"));
        for (Map.Entry<String, byte[]> p : plots.entrySet()) {
            Files.write(plotDir.resolve(p.getKey()), p.getValue());
        }
        Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), HtmlPage.render(comparison.title(), markdown(), plots),
                StandardCharsets.UTF_8);
    }

    /**
     * The table's columns, one list per row (header first), as both the Markdown and the text table use them. Estimates
     * are in native pixels; with critics that upsample ×u a column gives them in the ×u space (u × native, the raw
     * objective), the space of the published numbers.
     */
    List<List<String>> cells() {
        boolean published = !comparison.published().isEmpty();
        int u = comparison.upsample();
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("critic", u == 1 ? "estimate (mean ± std)"
                : "estimate, native pixels (mean ± std)", "95% CI"));
        if (u > 1) {
            header.add("×" + u + " upsampled space (mean ± std)");
        }
        header.addAll(List.of("certified L", "valid lower bound", "‖∇f‖ held-out mean / min",
                "‖∇f‖ interpolates mean / min", "floor (P vs P)", "converged", "finished after"));
        if (published) {
            header.add("published (mean ± std)");
        }
        KnownTruth truth = comparison.truth();
        if (truth != null) {
            header.add(String.format(Locale.ROOT, "vs exact W1 %.4f", truth.exactW1()));
        }
        rows.add(header);
        for (ComparisonRow row : comparison.rows()) {
            W1Estimate e = row.estimate();
            GradientNorms g = row.gradientNorms();
            String raw = e.certified() ? "" : " (raw)";
            List<String> cells = new ArrayList<>(List.of(upper(row.critic()), meanStd(e, 1) + raw,
                    e.ci95().exists() ? e.ci95Text(4) : "— (one seed)"));
            if (u > 1) {
                cells.add(meanStd(e, e.architecturalFactor()) + raw);
            }
            cells.addAll(List.of(String.format(Locale.ROOT, "%.6f%s", e.certifiedLipschitz(),
                            e.certified() ? "" : " (not ≤ " + u + "·(1 + 1e-4))"),
                    String.format(Locale.ROOT, "%.4f", e.lowerBound()),
                    g == null ? "—" : String.format(Locale.ROOT, "%.4f / %.4f", g.heldOutMean(), g.heldOutMin()),
                    g == null ? "—" : String.format(Locale.ROOT, "%.4f / %.4f", g.interpolatesMean(),
                            g.interpolatesMin()),
                    Double.isFinite(e.sameDistributionFloor())
                            ? String.format(Locale.ROOT, "%.4f", e.sameDistributionFloor()) : "—",
                    converged(e), String.format(Locale.ROOT, "%.0f s", e.wallSeconds())));
            if (published) {
                PublishedResult pub = comparison.publishedFor(row.critic());
                cells.add(pub == null ? "—" : String.format(Locale.ROOT, "%.2f ± %.2f", pub.mean(), pub.std()));
            }
            if (truth != null) {
                cells.add(e.certified() ? percent(truth.relativeError(e.value()))
                        : percent(truth.relativeError(e.value())) + " (raw), " + percent(truth.relativeError(
                                e.lowerBound())) + " (raw / L)");
            }
            rows.add(cells);
        }
        return rows;
    }

    /** A relative error as a signed percentage, e.g. "−11.6 %". */
    private static String percent(double relative) {
        return String.format(Locale.ROOT, "%+.1f %%", 100 * relative);
    }

    /** "mean ± std" (one seed: the value alone), both multiplied by {@code scale}. */
    private static String meanStd(W1Estimate e, double scale) {
        return e.ci95().exists() ? String.format(Locale.ROOT, "%.4f ± %.4f", scale * e.value(), scale * e.std())
                : String.format(Locale.ROOT, "%.4f", scale * e.value());
    }

    /** "3/3 seeds", or "1/3 seeds — NOT" when a seed's validation objective was still rising. */
    private static String converged(W1Estimate e) {
        int n = e.perSeed().size();
        int open = e.notConverged().size();
        return (n - open) + "/" + n + (n == 1 ? " seed" : " seeds") + (open == 0 ? "" : " — NOT");
    }

    /** The table as aligned plain text, with the ordering line and the space the numbers are in. */
    public String table() {
        List<List<String>> rows = cells();
        int[] width = new int[rows.get(0).size()];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int j = 0; j < rows.size(); j++) {
            List<String> r = rows.get(j);
            for (int i = 0; i < r.size(); i++) {
                out.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", r.get(i)));
            }
            out.append(System.lineSeparator());
            if (j == 0) {
                for (int i = 0; i < width.length; i++) {
                    out.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
                }
                out.append(System.lineSeparator());
            }
        }
        intervalNote().ifPresent(n -> out.append(n).append(System.lineSeparator()));
        convergenceWarnings().forEach(w -> out.append(w).append(System.lineSeparator()));
        out.append(ordering()).append(System.lineSeparator());
        yardsticks().ifPresent(y -> out.append(y).append(System.lineSeparator()));
        out.append("Numbers: W1 lower bounds, ").append(comparison.space()).append(System.lineSeparator());
        if (!comparison.rows().isEmpty() && SampleSizeNote.derived(comparison.rows().get(0).estimate()).isPresent()) {
            out.append(SampleSizeNote.sentence(comparison.rows().get(0).estimate())).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** The known pair's yardsticks line, if the pair has them. */
    private Optional<String> yardsticks() {
        return Optional.ofNullable(comparison.truth()).flatMap(KnownTruth::yardsticks);
    }

    /** One warning per critic whose seeds had not all converged ({@link W1Estimate#convergenceWarning()}). */
    private List<String> convergenceWarnings() {
        return comparison.rows().stream().filter(r -> !r.estimate().convergenceWarning().isEmpty())
                .map(r -> "Warning: " + upper(r.critic()) + " " + r.estimate().convergenceWarning() + ".").toList();
    }

    /** The line under the table when a critic ran with one seed: its 95 % CI cell is empty, and why. */
    private Optional<String> intervalNote() {
        boolean none = comparison.rows().stream().anyMatch(r -> !r.estimate().ci95().exists());
        return none ? Optional.of("95% CI — (one seed): " + W1Estimate.NO_INTERVAL + ".") : Optional.empty();
    }

    String markdown() {
        Comparison c = comparison;
        int seeds = c.rows().isEmpty() ? 0 : c.rows().get(0).estimate().perSeed().size();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(c.title()).append("\n\n");
        md.append("P = `").append(c.pName()).append("`, Q = `").append(c.qName()).append("`, preset `")
                .append(c.preset()).append("`, ").append(seeds).append(seeds == 1 ? " seed" : " seeds")
                .append(" per critic (the same seeds and splits for every critic).\n\n");
        md.append("Numbers are lower-bound estimates of W1: ").append(c.space()).append("\n\n");
        if (!c.rows().isEmpty()) {
            md.append(SampleSizeNote.sentence(c.rows().get(0).estimate())).append("\n\n");
        }
        List<List<String>> rows = cells();
        for (int j = 0; j < rows.size(); j++) {
            md.append("| ").append(String.join(" | ", rows.get(j))).append(" |\n");
            if (j == 0) {
                md.append("|").append("---|".repeat(rows.get(0).size())).append("\n");
            }
        }
        intervalNote().ifPresent(n -> md.append("\n").append(n).append("\n"));
        convergenceWarnings().forEach(w -> md.append("\n**").append(w).append("**\n"));
        md.append("\n").append(ordering()).append("\n\n");
        yardsticks().ifPresent(y -> md.append(y).append("\n\n"));
        md.append("How to read it: *estimate* is the mean over seeds of the held-out dual objective mean f(P) − mean "
                + "f(Q), in native pixels; *certified L* the largest certified Lipschitz bound of the seeds' selected "
                + "critics (exact, per-layer operator norms, in native pixels); a critic with L ≤ 1 + 1e-4 gives a "
                + "certified lower bound on W1. With ×u upsampling (exactly u in operator norm) the rule is "
                + "L ≤ u·(1 + 1e-4): the raw objective is then a lower bound on W1 of the upsampled images (the ×u "
                + "column, = u × native W1) and raw / u the estimate on native-pixel W1 (docs/decisions.md 33). Any "
                + "other critic's estimate is marked (raw) and only *valid lower bound* = mean of raw / max(1, L) is a "
                + "bound (on native-pixel W1). The gradient-penalty critic (GP) is never certified. *converged* counts "
                + "the seeds whose best validation objective had stopped rising (docs/estimator.md). ‖∇f‖ is the norm "
                + "of the critic's input gradient on held-out images of P and Q and on interpolates between them (an "
                + "empirical diagnostic: ≈ 1 for a gradient-norm-preserving critic, < 1 for an attenuating one). "
                + "The floor is the same protocol between two halves of P.\n\n");
        for (String note : c.notes()) {
            md.append("- ").append(note).append("\n");
        }
        if (!c.published().isEmpty()) {
            md.append("- Published numbers (for side-by-side reading; not the same generator): ")
                    .append(c.published().get(0).source()).append(".\n");
        }
        if (!c.rows().isEmpty()) {
            var p = c.rows().get(0).estimate().provenance();
            md.append(String.format(Locale.ROOT, "%nProvenance: lipschitz-w1 %s, ND4J %s (%s, %s), Java %s, "
                            + "%s, started %s, wall time of the critics' runs together %.1f s.%n", p.version(), p.nd4jVersion(),
                    p.nd4jBackend(), p.threadsText(), p.javaVersion(), p.osArch(), p.startedAt(), c.wallSeconds()));
        }
        md.append("\n## Plots\n\n");
        for (String name : plots.keySet()) {
            md.append("![").append(name).append("](plots/").append(name).append(")\n\n");
        }
        return md.toString();
    }

    private String ordering() {
        Boolean byEstimate = comparison.paperOrdering(false);
        if (byEstimate == null) {
            return "Paper's ordering BCOP > RKO > OSSN: not checked (needs all three critics).";
        }
        Boolean byBound = comparison.paperOrdering(true);
        return String.format(Locale.ROOT, "Paper's ordering BCOP > RKO > OSSN of the mean estimates (%.4f, %.4f, "
                        + "%.4f): %s; of the valid lower bounds: %s.", comparison.row("bcop").estimate().value(),
                comparison.row("rko").estimate().value(), comparison.row("ossn").estimate().value(),
                byEstimate ? "holds" : "does NOT hold", byBound ? "holds" : "does NOT hold");
    }

    private static String upper(String critic) {
        return critic.toUpperCase(Locale.ROOT);
    }
}
