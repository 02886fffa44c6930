package dev.lipschitzw1.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.critic.estimate.Interval;
import dev.lipschitzw1.critic.estimate.SeedEstimate;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import dev.lipschitzw1.provenance.Provenance;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Aggregation of task outcomes built by hand (no training). Oracle: the mean, sample standard deviation and 95 %
 * t-interval computed here by hand from the per-seed values, with t_{0.975, 2} = 4.302652729911275 (tables), and the
 * penalised critic's raw / L computed by hand; tolerance 1e-12, 1e-9 for the interval bounds (Commons Math solves the
 * inverse t CDF numerically, to about 1e-11 here).
 */
class SweepSummaryTest {
    private static final double T_975_2 = 4.302652729911275;

    private static W1Estimate oneSeed(int k, double value, double lipschitz, boolean certified) {
        SeedEstimate s = new SeedEstimate(k, 7, value, value, 0, lipschitz, "dense", List.of(), List.of(), null, null);
        double[] v = {value};
        return new W1Estimate(value, 0, Interval.studentT(v, 0.95), List.of(s), lipschitz, 1, certified,
                s.lowerBound(), Double.NaN, new W1Estimate.SampleCounts(10, 10, 5, 5, 5, 5), "quick", "p", "q", 1,
                new Provenance("{}", 0, "test", "1.0.0-M2.1", "CpuBackend", "17", "linux/amd64", 1, Instant.EPOCH, 1,
                        "0123abc", List.of()));
    }

    @Test
    void rows_meanStdIntervalAndRawOverL_matchHandComputation() throws Exception {
        SweepSpec spec = Sweep.builder().p("mnist-test").q("generator:mnist@early", "generator:mnist@final")
                .critics("bcop", "gp").seeds(3).build().spec();
        List<SweepTask> tasks = spec.tasks();
        double[] bcop = {0.91, 0.95, 0.99};
        double[] gp = {3.0, 4.0, 6.0};
        double[] gpL = {2.0, 4.0, 3.0};
        List<TaskOutcome> outcomes = new ArrayList<>();
        for (SweepTask t : tasks) {
            int k = t.seedIndex();
            boolean isGp = t.critic().equals("gp");
            if (t.pair().qIndex() == 1 && t.critic().equals("bcop") && k == 2) {
                outcomes.add(TaskOutcome.failure(t.id(), "NaN at step 3", 1));
            } else {
                outcomes.add(TaskOutcome.success(t.id(), isGp ? oneSeed(k, gp[k], gpL[k], false)
                        : oneSeed(k, bcop[k], 0.99999 + 1e-6 * k, true)));
            }
        }
        SweepSummary s = SweepSummary.of(spec, tasks, outcomes, Map.of("0/0", 1.25));
        assertEquals(4, s.rows().size());
        assertFalse(s.allSucceeded());

        SweepRow first = s.rows().get(0);   // early, bcop, 3 seeds
        double mean = (0.91 + 0.95 + 0.99) / 3;
        double std = Math.sqrt(((0.91 - mean) * (0.91 - mean) + (0.95 - mean) * (0.95 - mean)
                + (0.99 - mean) * (0.99 - mean)) / 2);
        assertEquals(mean, first.mean(), 1e-12);
        assertEquals(0.04, std, 1e-12);
        assertEquals(std, first.std(), 1e-12);
        assertEquals(mean - T_975_2 * std / Math.sqrt(3), first.ci95().low(), 1e-9);
        assertEquals(mean + T_975_2 * std / Math.sqrt(3), first.ci95().high(), 1e-9);
        assertEquals(0.99999 + 2e-6, first.certifiedLipschitz(), 1e-15);
        assertTrue(first.certified());
        assertEquals(1.25, first.exactW1(), 0);

        SweepRow gpRow = s.rows().get(1);   // early, gp: raw / max(1, L) per seed, averaged
        assertEquals("gp", gpRow.critic());
        assertTrue(gpRow.penalised() && !gpRow.certified());
        assertEquals((3.0 / 2 + 4.0 / 4 + 6.0 / 3) / 3, gpRow.rawOverL(), 1e-12);
        assertEquals(4.0, gpRow.certifiedLipschitz(), 0);
        assertEquals(1.25, gpRow.exactW1(), 0, "the pair's exact W1 on every critic's row");

        SweepRow failed = s.rows().get(2);   // final, bcop: seed 3 failed, two values left
        assertEquals(List.of(0.91, 0.95), failed.values());
        assertEquals(List.of("p01-q002-bcop-s03"), failed.failed());
        assertEquals(0.93, failed.mean(), 1e-12);
        assertTrue(Double.isNaN(failed.exactW1()), "no exact W1 given for the second pair");
        double std2 = Math.sqrt(2 * 0.02 * 0.02);
        assertEquals(std2, failed.std(), 1e-12);
        double t1 = 12.706204736174707;   // t_{0.975, 1}
        assertEquals(0.93 + t1 * std2 / Math.sqrt(2), failed.ci95().high(), 1e-9);

        Map<String, byte[]> files = SweepReport.files(s);
        String csv = new String(files.get("summary.csv"), StandardCharsets.UTF_8);
        assertEquals(5, csv.lines().count(), csv);
        assertTrue(csv.lines().skip(1).findFirst().orElseThrow().startsWith("mnist-test,generator:mnist@early,,bcop,"
                + "3,3," + mean + ","), csv);
        JsonNode json = new ObjectMapper().readTree(files.get("summary.json"));
        assertEquals(1, json.path("failed").asInt());
        assertEquals(mean, json.path("rows").get(0).path("mean").asDouble(), 0);
        String html = new String(files.get("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("p01-q002-bcop-s03") && html.contains("NaN at step 3"), "failures listed");
    }

    @Test
    void checkpointDirectory_rowsCarryTheStep_andTheReportPlotsW1AgainstIt() {
        SweepSpec spec = Sweep.builder().p("mnist-test").q("generator:mnist").critics("bcop").seeds(2).build().spec();
        List<SweepTask> tasks = new ArrayList<>();
        List<TaskOutcome> outcomes = new ArrayList<>();
        long[] steps = {500, 1000, 2000};
        for (int j = 0; j < steps.length; j++) {
            SweepPair pair = new SweepPair(0, j, "mnist-test", "generator:zip:g/step-" + steps[j] + ".zip",
                    "checkpoints:g", steps[j]);
            for (int k = 0; k < 2; k++) {
                SweepTask t = new SweepTask(pair, "bcop", k);
                tasks.add(t);
                outcomes.add(TaskOutcome.success(t.id(), oneSeed(k, 1.0 / (j + 1) + 0.01 * k, 0.99999, true)));
            }
        }
        SweepSummary s = SweepSummary.of(spec, tasks, outcomes, Map.of("0/0", 2.0, "0/1", 1.5, "0/2", 1.2));
        assertEquals(List.of(500L, 1000L, 2000L), s.rows().stream().map(r -> r.pair().step()).toList());
        assertEquals(1.0 / 3 + 0.005, s.rows().get(2).mean(), 1e-12);
        Map<String, byte[]> files = SweepReport.files(s);
        byte[] png = files.get("plots/w1-vs-step-1.png");
        assertTrue(png != null && png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG plot");
        String html = new String(files.get("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("data:image/png;base64,"), "the plot is embedded");
        assertTrue(new String(files.get("summary.csv"), StandardCharsets.UTF_8).contains(",1000,bcop,2,2,"));
    }
}
