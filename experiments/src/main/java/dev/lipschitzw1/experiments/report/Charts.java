package dev.lipschitzw1.experiments.report;

import dev.lipschitzw1.critic.certify.LayerCertificate;
import dev.lipschitzw1.critic.estimate.EpochRecord;
import dev.lipschitzw1.critic.estimate.SeedEstimate;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** The report's plots as PNG bytes (JFreeChart): learning curves, estimates with their interval, layer bounds. */
public final class Charts {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 400;

    private Charts() {
    }

    /** Validation objective (solid) and mean training objective per epoch, one pair of lines per seed. */
    public static byte[] learningCurves(W1Estimate e) {
        return learningCurves(e, "Dual objective mean f(P) − mean f(Q)");
    }

    /** {@link #learningCurves(W1Estimate)} under another title (e.g. naming the critic). */
    public static byte[] learningCurves(W1Estimate e, String title) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (SeedEstimate s : e.perSeed()) {
            XYSeries val = new XYSeries("seed " + (s.seedIndex() + 1) + " validation");
            XYSeries train = new XYSeries("seed " + (s.seedIndex() + 1) + " training");
            for (EpochRecord r : s.curve()) {
                val.add(r.epoch() + 1, r.validationObjective());
                train.add(r.epoch() + 1, r.trainObjective());
            }
            data.addSeries(val);
            data.addSeries(train);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", e.upsampled()
                        ? "raw objective (×" + e.factorText() + " upsampled space)" : "objective (L2 pixel units)",
                data, PlotOrientation.VERTICAL, true, false, false);
        return png(chart);
    }

    /**
     * Per-seed held-out estimates, with the mean and the 95 % t-interval as horizontal markers, all in native pixels
     * (an upsampling critic's raw values / a).
     */
    public static byte[] estimates(W1Estimate e) {
        XYSeries seeds = new XYSeries("held-out estimate per seed");
        for (SeedEstimate s : e.perSeed()) {
            seeds.add(s.seedIndex() + 1, e.nativeEstimate(s));
        }
        JFreeChart chart = ChartFactory.createScatterPlot("W1 lower-bound estimates (" + e.preset() + ")", "seed",
                e.upsampled() ? "estimate, native pixels (raw / " + e.factorText() + ")" : "estimate",
                new XYSeriesCollection(seeds), PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.addRangeMarker(marker(e.value(), Color.BLUE, "mean"));
        if (e.ci95().exists()) {
            plot.addRangeMarker(marker(e.ci95().low(), Color.GRAY, "95% low"));
            plot.addRangeMarker(marker(e.ci95().high(), Color.GRAY, "95% high"));
        }
        if (Double.isFinite(e.sameDistributionFloor())) {
            plot.addRangeMarker(marker(e.sameDistributionFloor(), Color.RED, "floor"));
        }
        double lo = Math.min(seeds.getMinY(), finiteOr(e.ci95().low(), seeds.getMinY()));
        double hi = Math.max(seeds.getMaxY(), finiteOr(e.ci95().high(), seeds.getMaxY()));
        lo = Math.min(lo, finiteOr(e.sameDistributionFloor(), lo));
        double pad = Math.max(1e-6, 0.08 * (hi - lo));
        plot.getRangeAxis().setRange(lo - pad, hi + pad);
        plot.getDomainAxis().setRange(0.5, e.perSeed().size() + 0.5);
        return png(chart);
    }

    /** Certified bound of each layer of the first seed's selected critic. */
    public static byte[] layerBounds(SeedEstimate s) {
        return layerBounds(s, "");
    }

    /** {@link #layerBounds(SeedEstimate)} with {@code critic} (e.g. "RKO ") in the title. */
    public static byte[] layerBounds(SeedEstimate s, String critic) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (LayerCertificate layer : s.layers()) {
            data.addValue(layer.bound(), "certified bound", layer.name());
        }
        JFreeChart chart = ChartFactory.createBarChart(critic + "Certified Lipschitz bound per layer (seed "
                + (s.seedIndex() + 1) + ")", "layer", "bound", data, PlotOrientation.HORIZONTAL, false, false, false);
        return png(chart);
    }

    /**
     * Per critic: the mean estimate with its 95 % t-interval, each seed's estimate, the valid lower bound
     * raw / max(1, L), and the published mean ± std where there is one, all in native pixels: with critics that
     * upsample ×a, the published numbers (in the authors' upsampled space) are divided by a.
     */
    public static byte[] comparison(Comparison c) {
        String[] names = new String[c.rows().size()];
        double a = c.upsample();
        YIntervalSeries means = new YIntervalSeries("mean, 95% t-interval");
        YIntervalSeries lower = new YIntervalSeries("valid lower bound raw / max(1, L)");
        YIntervalSeries published = new YIntervalSeries(a == 1 ? "published mean ± std"
                : "published mean ± std, ÷ " + c.upsample() + " (native pixels)");
        XYSeries seeds = new XYSeries("per seed");
        for (int i = 0; i < names.length; i++) {
            ComparisonRow row = c.rows().get(i);
            W1Estimate e = row.estimate();
            names[i] = row.critic().toUpperCase(java.util.Locale.ROOT);
            means.add(i, e.value(), finiteOr(e.ci95().low(), e.value()), finiteOr(e.ci95().high(), e.value()));
            lower.add(i + 0.2, e.lowerBound(), e.lowerBound(), e.lowerBound());
            for (SeedEstimate s : e.perSeed()) {
                seeds.add(i - 0.1, e.nativeEstimate(s));
            }
            PublishedResult pub = c.publishedFor(row.critic());
            if (pub != null) {
                published.add(i - 0.25, pub.mean() / a, (pub.mean() - pub.std()) / a, (pub.mean() + pub.std()) / a);
            }
        }
        YIntervalSeriesCollection intervals = new YIntervalSeriesCollection();
        intervals.addSeries(means);
        intervals.addSeries(lower);
        if (!published.isEmpty()) {
            intervals.addSeries(published);
        }
        XYErrorRenderer bars = new XYErrorRenderer();
        bars.setDefaultLinesVisible(false);
        SymbolAxis axis = new SymbolAxis("critic", names);
        axis.setRange(-0.6, names.length - 0.4);
        XYPlot plot = new XYPlot(intervals, axis, new NumberAxis(a == 1 ? "W1 lower-bound estimate"
                : "W1 lower-bound estimate, native pixels"), bars);
        plot.setDataset(1, new XYSeriesCollection(seeds));
        plot.setRenderer(1, new XYLineAndShapeRenderer(false, true));
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        return png(new JFreeChart("Estimates per critic (" + c.preset() + ")", JFreeChart.DEFAULT_TITLE_FONT, plot,
                true));
    }

    /** One line of {@link #againstStep}: a critic's mean W1 per training step and its 95 % interval (NaN: none). */
    public record StepCurve(String name, long[] steps, double[] mean, double[] low, double[] high) { }

    /**
     * W1 against the generator's training step: per critic its mean over seeds as a line with the 95 % interval as a
     * shaded band (the mean alone where a step has no interval), and the exact W1 between finite samples as a dashed
     * line where {@code exact} has it.
     */
    public static byte[] againstStep(String title, List<StepCurve> curves, StepCurve exact) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (StepCurve c : curves) {
            YIntervalSeries s = new YIntervalSeries(c.name());
            for (int i = 0; i < c.steps().length; i++) {
                boolean band = Double.isFinite(c.low()[i]) && Double.isFinite(c.high()[i]);
                s.add(c.steps()[i], c.mean()[i], band ? c.low()[i] : c.mean()[i], band ? c.high()[i] : c.mean()[i]);
            }
            data.addSeries(s);
        }
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAlpha(0.25f);
        if (exact != null) {
            YIntervalSeries s = new YIntervalSeries(exact.name());
            for (int i = 0; i < exact.steps().length; i++) {
                s.add(exact.steps()[i], exact.mean()[i], exact.mean()[i], exact.mean()[i]);
            }
            data.addSeries(s);
            renderer.setSeriesStroke(data.getSeriesCount() - 1, new BasicStroke(2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            renderer.setSeriesPaint(data.getSeriesCount() - 1, Color.BLACK);
        }
        XYPlot plot = new XYPlot(data, new NumberAxis("generator training step"),
                new NumberAxis("W1 estimate (L2, native pixels)"), renderer);
        plot.getRangeAxis().setAutoRange(true);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        return png(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    private static double finiteOr(double x, double fallback) {
        return Double.isFinite(x) ? x : fallback;
    }

    private static ValueMarker marker(double y, Color color, String label) {
        ValueMarker m = new ValueMarker(y, color, new BasicStroke(1.5f));
        m.setLabel(label);
        return m;
    }

    private static byte[] png(JFreeChart chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart " + chart.getTitle().getText(), e);
        }
    }
}
