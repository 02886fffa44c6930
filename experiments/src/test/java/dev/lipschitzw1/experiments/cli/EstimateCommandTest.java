package dev.lipschitzw1.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.datasets.io.IdxWriter;
import dev.lipschitzw1.datasets.synthetic.FunnelPair;
import dev.lipschitzw1.datasets.synthetic.FunnelReferenceGains;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimateCommandTest {
    @TempDir
    static Path data;
    /** One uninterrupted run, shared by the tests that inspect a result or compare a resumed run with it. */
    static Path finished;
    static DataCommandTest.Run finishedRun;

    @BeforeAll
    static void writeSourcesAndRunOnce() throws Exception {
        writeIdx(Files.createDirectories(data.resolve("dark")), 0);
        writeIdx(Files.createDirectories(data.resolve("bright")), 60);
        finished = data.resolve("results/run");
        finishedRun = DataCommandTest.run(args(finished));
    }

    private static void writeIdx(Path dir, int bias) {
        SplittableRandom rng = new SplittableRandom(bias);
        byte[] px = new byte[120 * 64];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) Math.min(255, rng.nextInt(180) + bias);
        }
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte"), px, 120, 8, 8, false);
    }

    static String[] args(Path out, String... more) {
        String[] base = {"estimate", "--p", "mnist-train:" + data.resolve("dark"), "--q",
            "mnist-train:" + data.resolve("bright"), "--epochs", "2", "--steps-per-epoch", "2", "--seeds", "2",
            "--batch-size", "8", "--validation-size", "10", "--test-size", "10", "--quiet", "--out", out.toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void estimate_writesOneCompleteResultDirectory() throws Exception {
        Path out = finished;
        DataCommandTest.Run r = finishedRun;
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("certified L"), r.out());
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertEquals("lipschitz-w1/estimate/1", result.path("schema").asText());
        assertEquals(2, result.path("seeds").size());
        double mean = (result.path("seeds").get(0).path("estimate").asDouble()
                + result.path("seeds").get(1).path("estimate").asDouble()) / 2;
        assertEquals(mean, result.path("estimate").path("value").asDouble(), 1e-12, "value = mean of seeds");
        assertTrue(result.path("estimate").path("certifiedLipschitz").asDouble() <= 1 + 1e-4);
        assertEquals("BCOP", result.path("config").path("critic").path("variant").asText());
        assertFalse(result.path("provenance").path("nd4jBackend").asText().isBlank());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<table>") && html.split("data:image/png;base64,").length == 6,
                "report.html embeds its five plots");
        assertTrue(Files.exists(out.resolve("checkpoint/state.json")), "checkpoint kept with the result");
        assertFalse(Files.exists(out.resolveSibling("run.partial")), "no staging directory left");
    }

    /** Oracle: the certificates recorded in result.json. {@code w1 certify OUT} reloads critics/seed-k.zip. */
    @Test
    void certifyResultDirectory_reproducesTheRecordedCertificates() throws Exception {
        JsonNode result = new ObjectMapper().readTree(finished.resolve("result.json").toFile());
        DataCommandTest.Run r = DataCommandTest.run("certify", finished.toString(), "--json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode critics = new ObjectMapper().readTree(r.out()).path("critics");
        assertEquals(3, critics.size(), "seed 1, seed 2, floor");
        assertEquals("floor (P vs P)", critics.get(2).path("label").asText());
        for (int s = 0; s < 2; s++) {
            JsonNode seed = result.path("seeds").get(s);
            JsonNode c = critics.get(s);
            assertEquals("seed " + (s + 1), c.path("label").asText());
            assertEquals(seed.path("certifiedLipschitz").asDouble(), c.path("networkBound").asDouble(), 0.0,
                    "seed " + s + " network bound");
            for (int l = 0; l < seed.path("layers").size(); l++) {
                assertEquals(seed.path("layers").get(l).path("bound").asDouble(),
                        c.path("layers").get(l).path("bound").asDouble(), 0.0, "seed " + s + " layer " + l);
            }
        }
    }

    /**
     * An output failure mid-run (here {@code critics/} blocked by a plain file, so saving seed 1's critic fails as it
     * would on a full disk) keeps OUT.partial with its checkpoint and says how to resume; once the cause is removed,
     * {@code --resume} ends with exactly the uninterrupted run's numbers.
     */
    @Test
    void outputFailureMidRun_keepsCheckpoint_resumeEqualsUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        Path staging = Files.createDirectories(tmp.resolve("run.partial"));
        Files.copy(finished.resolve("run.json"), staging.resolve("run.json"));
        Path blocker = Files.writeString(staging.resolve("critics"), "not a directory");
        DataCommandTest.Run failed = DataCommandTest.run("estimate", "--resume", out.toString(), "--quiet");
        assertEquals(ExitCodes.FAILURE, failed.code(), failed.err());
        assertEquals(1, failed.err().strip().lines().count(), failed.err());
        assertTrue(failed.err().contains(staging.resolve("critics").toString())
                && failed.err().contains("--resume " + out), failed.err());
        try (var runs = Files.list(staging.resolve("checkpoint"))) {
            assertTrue(runs.anyMatch(d -> d.getFileName().toString().startsWith("run-")
                    && Files.isRegularFile(d.resolve("state.json"))), "the interrupted runs' checkpoints kept");
        }
        assertFalse(Files.exists(out), "no result");
        Files.delete(blocker);
        DataCommandTest.Run resumed = DataCommandTest.run("estimate", "--resume", out.toString(), "--quiet");
        assertEquals(ExitCodes.OK, resumed.code(), resumed.err());
        ResumeAssertions.assertSameResult(finished, out);
        assertFalse(Files.exists(staging), "staging directory published");
    }

    /**
     * A resume against changed images is refused (exit code 3, one line naming the checkpoint and the source), and the
     * interrupted run's checkpoints are kept: the refusal must never cost the user the training already done.
     */
    @Test
    void resumeAgainstChangedImages_isRefusedAndKeepsTheCheckpoints(@TempDir Path tmp) throws Exception {
        Path dark = Files.createDirectories(tmp.resolve("dark"));
        Path bright = Files.createDirectories(tmp.resolve("bright"));
        writeIdx(dark, 0);
        writeIdx(bright, 60);
        Path out = tmp.resolve("run");
        Path staging = Files.createDirectories(tmp.resolve("run.partial"));
        Files.writeString(staging.resolve("run.json"), Files.readString(finished.resolve("run.json"))
                .replace(data.resolve("dark").toString(), dark.toString())
                .replace(data.resolve("bright").toString(), bright.toString()));
        Path blocker = Files.writeString(staging.resolve("critics"), "not a directory");
        assertEquals(ExitCodes.FAILURE, DataCommandTest.run("estimate", "--resume", out.toString(), "--quiet").code());
        Files.delete(blocker);
        writeIdx(bright, 30);   // other images under the same source name
        DataCommandTest.Run refused = DataCommandTest.run("estimate", "--resume", out.toString(), "--quiet");
        assertEquals(ExitCodes.DATA, refused.code(), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().contains("checkpoint") && refused.err().contains(bright.toString())
                && refused.err().contains("kept"), refused.err());
        try (var runs = Files.list(staging.resolve("checkpoint"))) {
            assertTrue(runs.anyMatch(d -> d.getFileName().toString().startsWith("run-")
                    && Files.isRegularFile(d.resolve("state.json"))), "the interrupted runs' checkpoints kept");
        }
        assertTrue(Files.isRegularFile(staging.resolve("run.json")), "the run can still be resumed");
    }

    @Test
    void existingOutput_isRefusedAndLeftUntouched(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(out.resolve("mine.txt"), "keep");
        DataCommandTest.Run r = DataCommandTest.run(args(out));
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--overwrite"), r.err());
        assertEquals("keep", Files.readString(out.resolve("mine.txt")));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "nothing else created");
        }
    }

    /**
     * An unconstrained GP critic would certify far above 1 and be refused after training: without --baseline-report it
     * is refused before any work (decision 38), as a usage error naming the option, with nothing written.
     */
    @Test
    void gpCriticWithoutBaselineReport_isRefusedBeforeTraining(@TempDir Path tmp) throws Exception {
        DataCommandTest.Run r = DataCommandTest.run(args(tmp.resolve("gp"), "--critic", "gp"));
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("baselineReport") && r.err().contains("--baseline-report"), r.err());
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count(), "no output or staging directory: nothing was trained");
        }
    }

    @Test
    void nonsenseFlags_areUsageErrorsWithNothingWritten(@TempDir Path tmp) throws Exception {
        assertEquals(ExitCodes.USAGE, DataCommandTest.run(args(tmp.resolve("a"), "--batch-size", "0")).code());
        assertEquals(ExitCodes.USAGE, DataCommandTest.run(args(tmp.resolve("b"), "--seed", "-3")).code());
        assertEquals(ExitCodes.USAGE, DataCommandTest.run(args(tmp.resolve("c"), "--critic", "wgan")).code());
        assertEquals(ExitCodes.DATA, DataCommandTest.run("estimate", "--p", "cifar10:" + tmp.resolve("none"),
                "--out", tmp.resolve("d").toString()).code());
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count(), "no output or staging directory left behind");
        }
    }

    /**
     * A funnel pair: the exact W1 and the relative error (recomputed from the file, 1e-12) printed and recorded, with
     * the pair's yardsticks.
     */
    @Test
    void aKnownPairReportsTheEstimateAgainstTheExactW1() throws Exception {
        Path out = data.resolve("results/funnel");
        String p = "mnist-train:" + data.resolve("dark");
        DataCommandTest.Run r = DataCommandTest.run("estimate", "--p", p, "--q", "funnel-hard:" + p, "--epochs", "1",
                "--steps-per-epoch", "2", "--seeds", "2", "--batch-size", "8", "--validation-size", "10",
                "--test-size", "10", "--no-floor", "--quiet", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("exact W1(P, Q) = "), r.out());
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        double truth = result.path("knownW1").path("value").asDouble();
        FunnelPair pair = DataSources.funnelPair(p, "funnel-hard:" + p, SourceOptions.DEFAULT).orElseThrow();
        assertEquals(pair.pair().exactW1(), truth, 0);
        double value = result.path("estimate").path("value").asDouble();
        assertEquals((value - truth) / truth, result.path("knownW1").path("relativeError").asDouble(), 1e-12);
        assertTrue(Files.readString(out.resolve("report.md")).contains("Known pair: exact W1"));
        // The yardsticks: recorded as the datasets module computes them, printed and in the report as shares of W1.
        FunnelReferenceGains gains = pair.referenceGains();
        JsonNode references = result.path("knownW1").path("references");
        assertEquals(gains.linear(), references.path("linear").asDouble(), 0);
        assertEquals(gains.perFunnelAffine(), references.path("perFunnelAffine").asDouble(), 0);
        String line = String.format(Locale.ROOT, "one affine piece per funnel at most %.1f %%",
                100 * gains.perFunnelAffine() / truth);
        assertTrue(r.out().contains(line), r.out());
        assertTrue(Files.readString(out.resolve("report.md")).contains(line));
    }
}
