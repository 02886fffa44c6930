package dev.lipschitzw1.experiments.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.experiments.report.Charts;
import dev.lipschitzw1.experiments.report.HtmlPage;
import dev.lipschitzw1.experiments.report.ResultJson;
import dev.lipschitzw1.json.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep's report files: {@code summary.csv} and {@code summary.json} (one row per (pair, critic): {@link SweepRow}),
 * {@code report.md} and the self-contained {@code report.html} (the table, a paper-style table of mean ± std with
 * pairs as rows and critics as columns, the failed tasks, and per checkpoint directory a plot of W1 against the
 * training step with the 95 % interval as a band and the exact W1 between finite samples), {@code plots/*.png}.
 */
public final class SweepReport {
    public static final String SCHEMA = "lipschitz-w1/sweep/1";
    private static final ObjectMapper JSON = JsonMappers.create();
    private static final String CSV_HEADER = "p,q,step,critic,seeds,succeeded,mean,std,ci95_low,ci95_high,"
            + "certified_lipschitz,certified,penalised,raw_over_l,exact_w1,failed";

    private SweepReport() {
    }

    /** Every report file, by its name relative to the sweep's output. */
    public static Map<String, byte[]> files(SweepSummary s) {
        Map<String, byte[]> plots = plots(s);
        String md = markdown(s, plots);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("summary.csv", csv(s).getBytes(StandardCharsets.UTF_8));
        files.put("summary.json", (json(s).toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        files.put("report.md", md.getBytes(StandardCharsets.UTF_8));
        files.put("report.html", HtmlPage.render("Sweep " + s.spec().name(), md, plots)
                .getBytes(StandardCharsets.UTF_8));
        plots.forEach((name, png) -> files.put("plots/" + name, png));
        return files;
    }

    /** The table as CSV (RFC 4180 quoting; empty cells for NaN). */
    static String csv(SweepSummary s) {
        StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
        for (SweepRow r : s.rows()) {
            b.append(String.join(",", quote(r.pair().p()), quote(r.pair().q()),
                    r.pair().step() == null ? "" : r.pair().step().toString(), r.critic(),
                    Integer.toString(r.seeds()), Integer.toString(r.values().size()), num(r.mean()), num(r.std()),
                    num(r.ci95().low()), num(r.ci95().high()), num(r.certifiedLipschitz()),
                    Boolean.toString(r.certified()), Boolean.toString(r.penalised()), num(r.rawOverL()),
                    num(r.exactW1()), quote(String.join(" ", r.failed())))).append('\n');
        }
        return b.toString();
    }

    /** The table as JSON (schema {@value #SCHEMA}; NaN as null). */
    static ObjectNode json(SweepSummary s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("distance", ResultJson.DISTANCE);
        root.set("spec", s.spec().toJson());
        root.put("tasks", s.outcomes().size());
        root.put("failed", s.failures().size());
        ArrayNode rows = root.putArray("rows");
        for (SweepRow r : s.rows()) {
            ObjectNode n = rows.addObject();
            n.put("p", r.pair().p());
            n.put("q", r.pair().q());
            if (r.pair().step() != null) {
                n.put("step", r.pair().step());
            }
            n.put("critic", r.critic());
            n.put("seeds", r.seeds());
            r.values().forEach(n.putArray("values")::add);
            n.put("mean", r.mean());
            n.put("std", r.std());
            ArrayNode ci = n.putArray("ci95");
            ci.add(r.ci95().low());
            ci.add(r.ci95().high());
            n.put("certifiedLipschitz", r.certifiedLipschitz());
            n.put("certified", r.certified());
            n.put("penalised", r.penalised());
            n.put("rawOverL", r.rawOverL());
            n.put("exactW1", r.exactW1());
            r.failed().forEach(n.putArray("failed")::add);
        }
        ArrayNode errors = root.putArray("errors");
        for (TaskOutcome o : s.failures()) {
            errors.addObject().put("task", o.taskId()).put("error", o.error()).put("exitCode", o.exitCode());
        }
        return root;
    }

    static String markdown(SweepSummary s, Map<String, byte[]> plots) {
        StringBuilder md = new StringBuilder("# Sweep: ").append(s.spec().name()).append("\n\n");
        md.append(s.outcomes().size()).append(" tasks (").append(s.spec().seeds()).append(s.spec().seeds() == 1
                ? " seed" : " seeds").append(" per pair and critic, preset ").append(s.spec().preset())
                .append("), ").append(s.failures().size()).append(" failed. Distance: ").append(ResultJson.DISTANCE)
                .append(". Each value is a held-out dual estimate in native pixels: a certified lower bound on W1 "
                        + "for a certified critic; for the penalised baselines (gp, lp) the raw value is not a bound, "
                        + "raw / L is.\n\n");
        md.append("| P | Q | step | critic | seeds ok | mean ± std | 95 % interval | certified L | raw / L | "
                + "exact W1 (n = ").append(s.spec().exactSamples()).append(") |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (SweepRow r : s.rows()) {
            md.append("| ").append(r.pair().p()).append(" | ").append(r.pair().q()).append(" | ")
                    .append(r.pair().step() == null ? "" : r.pair().step()).append(" | ").append(r.critic())
                    .append(" | ").append(r.values().size()).append(" / ").append(r.seeds()).append(" | ")
                    .append(meanStd(r)).append(" | ").append(r.ci95().exists() ? String.format(Locale.ROOT,
                            "[%.4f, %.4f]", r.ci95().low(), r.ci95().high()) : "—").append(" | ")
                    .append(Double.isNaN(r.certifiedLipschitz()) ? "—" : String.format(Locale.ROOT, "%.6f%s",
                            r.certifiedLipschitz(), r.certified() ? "" : " (not certified)")).append(" | ")
                    .append(r.penalised() || !r.certified() ? fmt(r.rawOverL()) : "—").append(" | ")
                    .append(fmt(r.exactW1())).append(" |\n");
        }
        md.append("\n## Paper-style table (mean ± std over seeds; penalised critics: raw / L)\n\n| pair |");
        List<String> critics = s.spec().critics();
        critics.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append("\n|---|").append("---|".repeat(critics.size())).append('\n');
        Map<String, Map<String, SweepRow>> table = new LinkedHashMap<>();
        for (SweepRow r : s.rows()) {
            table.computeIfAbsent(r.pair().label(), k -> new LinkedHashMap<>()).put(r.critic(), r);
        }
        table.forEach((pair, byCritic) -> {
            md.append("| ").append(pair).append(" |");
            for (String c : critics) {
                SweepRow r = byCritic.get(c.strip().toLowerCase(Locale.ROOT));
                md.append(' ').append(r == null ? "—" : r.penalised() ? fmt(r.rawOverL()) : meanStd(r)).append(" |");
            }
            md.append('\n');
        });
        if (!plots.isEmpty()) {
            md.append("\n## W1 over training\n\n");
            plots.keySet().forEach(name -> md.append("![").append(name).append("](plots/").append(name)
                    .append(")\n\n"));
        }
        if (!s.failures().isEmpty()) {
            md.append("\n## Failed tasks\n\n");
            s.failures().forEach(o -> md.append("- `").append(o.taskId()).append("` (exit ").append(o.exitCode())
                    .append("): ").append(o.error()).append('\n'));
        }
        return md.toString();
    }

    /** Per checkpoint directory (and P), W1 against step: one band per critic, the exact W1 dashed. */
    static Map<String, byte[]> plots(SweepSummary s) {
        Map<String, byte[]> plots = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, List<SweepRow>> curve : s.checkpointCurves().entrySet()) {
            List<Charts.StepCurve> curves = new ArrayList<>();
            Map<String, List<SweepRow>> byCritic = new LinkedHashMap<>();
            curve.getValue().forEach(r -> byCritic.computeIfAbsent(r.critic(), k -> new ArrayList<>()).add(r));
            byCritic.forEach((critic, rows) -> curves.add(new Charts.StepCurve(critic, steps(rows),
                    rows.stream().mapToDouble(r -> r.penalised() ? r.rawOverL() : r.mean()).toArray(),
                    rows.stream().mapToDouble(r -> r.penalised() ? Double.NaN : r.ci95().low()).toArray(),
                    rows.stream().mapToDouble(r -> r.penalised() ? Double.NaN : r.ci95().high()).toArray())));
            List<SweepRow> first = byCritic.values().iterator().next();
            List<SweepRow> withExact = first.stream().filter(r -> Double.isFinite(r.exactW1())).toList();
            Charts.StepCurve exact = withExact.isEmpty() ? null : new Charts.StepCurve("exact W1, n = "
                    + s.spec().exactSamples() + " per side", steps(withExact),
                    withExact.stream().mapToDouble(SweepRow::exactW1).toArray(), null, null);
            plots.put(String.format(Locale.ROOT, "w1-vs-step-%d.png", ++index), Charts.againstStep(curve.getKey(),
                    curves, exact));
        }
        return plots;
    }

    private static long[] steps(List<SweepRow> rows) {
        return rows.stream().mapToLong(r -> r.pair().step()).toArray();
    }

    private static String meanStd(SweepRow r) {
        return Double.isNaN(r.mean()) ? "—" : String.format(Locale.ROOT, "%.4f ± %.4f", r.mean(), r.std());
    }

    private static String fmt(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.4f", x) : "—";
    }

    private static String num(double x) {
        return Double.isFinite(x) ? Double.toString(x) : "";
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
