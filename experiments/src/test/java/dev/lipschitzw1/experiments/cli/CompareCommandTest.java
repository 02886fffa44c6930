package dev.lipschitzw1.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.datasets.io.IdxWriter;
import dev.lipschitzw1.datasets.synthetic.FunnelPair;
import dev.lipschitzw1.datasets.synthetic.FunnelReferenceGains;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code w1 compare} on two tiny 8×8 IDX sources, 2 critics × 2 seeds × 2 epochs × 2 steps. Oracles: the mean of the
 * per-seed values written beside it, the certificate threshold 1 + 1e-4, raw / L recomputed from the file, and the
 * certified bound L as an upper bound on every measured input-gradient norm (a critic whose certificate is L cannot
 * have ‖∇f‖ > L; float32 rounding allowed as 1e-3 relative).
 */
class CompareCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    @BeforeAll
    static void writeSources() {
        writeIdx(data.resolve("dark"), 0);
        writeIdx(data.resolve("bright"), 60);
    }

    static void writeIdx(Path dir, int bias) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        SplittableRandom rng = new SplittableRandom(bias);
        byte[] px = new byte[120 * 64];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) Math.min(255, rng.nextInt(180) + bias);
        }
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte"), px, 120, 8, 8, false);
    }

    /** The tiny schedule every test uses. */
    static final String[] TINY = {"--epochs", "2", "--steps-per-epoch", "2", "--seeds", "2", "--batch-size", "8",
        "--validation-size", "10", "--test-size", "10", "--no-floor", "--quiet"};

    private static String[] args(Path out, String... more) {
        List<String> all = new ArrayList<>(List.of("compare", "--p", "mnist-train:" + data.resolve("dark"), "--q",
                "mnist-train:" + data.resolve("bright"), "--out", out.toString()));
        all.addAll(List.of(TINY));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Runs with a listener on the compare command (the test seam). */
    private static DataCommandTest.Run run(CriticComparison.Listener listener, String... args) {
        CommandLine cli = W1Main.commandLine();
        ((CompareCommand) cli.getSubcommands().get("compare").getCommand()).listener = listener;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new DataCommandTest.Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void compare_twoCritics_writesOneEntryPerCriticAndSelfContainedReport(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("cmp");
        DataCommandTest.Run r = DataCommandTest.run(args(out, "--critics", "bcop,gp"));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("BCOP") && r.out().contains("GP") && r.out().contains("valid lower bound"),
                r.out());
        JsonNode result = JSON.readTree(out.resolve("result.json").toFile());
        assertEquals("lipschitz-w1/compare/1", result.path("schema").asText());
        JsonNode critics = result.path("critics");
        assertEquals(2, critics.size());
        assertEquals("bcop", critics.get(0).path("critic").asText());
        assertEquals("gp", critics.get(1).path("critic").asText());
        for (JsonNode c : critics) {
            JsonNode seeds = c.path("seeds");
            assertEquals(2, seeds.size());
            double mean = (seeds.get(0).path("estimate").asDouble() + seeds.get(1).path("estimate").asDouble()) / 2;
            JsonNode est = c.path("estimate");
            assertEquals(mean, est.path("value").asDouble(), 1e-12, "value = mean of seeds");
            double maxL = Math.max(seeds.get(0).path("certifiedLipschitz").asDouble(),
                    seeds.get(1).path("certifiedLipschitz").asDouble());
            assertEquals(maxL, est.path("certifiedLipschitz").asDouble(), 0.0, "L = largest seed bound");
            assertEquals(maxL <= 1 + 1e-4, est.path("certified").asBoolean(), "certified flag vs L ≤ 1 + 1e-4");
            double lower = 0;
            for (JsonNode s : seeds) {
                double l = s.path("certifiedLipschitz").asDouble();
                lower += s.path("estimate").asDouble() / Math.max(1, l);
                JsonNode g = s.path("gradientNorms");
                assertEquals(20, g.path("heldOutSamples").asInt(), "10 test images per side");
                assertEquals(10, g.path("interpolateSamples").asInt());
                assertTrue(g.path("heldOutMax").asDouble() <= l * (1 + 1e-3)
                        && g.path("interpolatesMax").asDouble() <= l * (1 + 1e-3), c.path("critic") + ": ‖∇f‖ ≤ L: "
                        + g + " vs " + l);
                assertTrue(g.path("heldOutMin").asDouble() <= g.path("heldOutMean").asDouble());
            }
            assertEquals(lower / 2, est.path("lowerBound").asDouble(), 1e-12, "lowerBound = mean raw / max(1, L)");
            assertEquals(c.path("critic").asText().toUpperCase(), c.path("config").path("critic").path("variant")
                    .asText());
            assertTrue(c.path("config").path("baselineReport").asBoolean(), "compare never refuses a critic");
        }
        JsonNode gp = critics.get(1);
        assertFalse(gp.path("estimate").path("certified").asBoolean(), "a GP critic is not certified");
        double l = gp.path("estimate").path("certifiedLipschitz").asDouble();
        assertTrue(l > 1 + 1e-4, "GP bound " + l);
        assertTrue(gp.path("estimate").path("lowerBound").asDouble() < Math.abs(gp.path("estimate").path("value")
                .asDouble()) + 1e-12);
        assertTrue(result.path("paperOrdering").path("byEstimate").isNull(), "needs BCOP, RKO and OSSN");
        String html = Files.readString(out.resolve("report.html"));
        // estimates + 2 × (curves, layers) + 2 sample grids
        assertEquals(8, html.split("data:image/png;base64,").length, "report.html embeds its seven plots");
        assertFalse(html.contains("src=\"plots/"), "no link to a file outside the page");
        assertTrue(Files.isRegularFile(out.resolve("report.md")) && Files.isRegularFile(out.resolve(
                "plots/layers-gp.png")));
        assertFalse(Files.exists(tmp.resolve("cmp.partial")), "no staging directory left");
    }

    @Test
    void compare_resumedAfterAKill_doesNotRerunFinishedCritics(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("cmp");
        List<String> events = new ArrayList<>();
        // A typed failure right after the first critic: the finished critic is kept for --resume (as after a kill).
        DataCommandTest.Run first = run((kind, reused) -> {
            events.add(kind.id() + (reused ? " reused" : " trained"));
            throw new dev.lipschitzw1.errors.W1Exception("simulated failure after the first critic");
        }, args(out, "--critics", "bcop,rko"));
        assertEquals(ExitCodes.FAILURE, first.code(), first.err());
        Path finished = tmp.resolve("cmp.partial/critics/bcop/estimate.json");
        assertTrue(Files.isRegularFile(finished), "bcop finished before the kill");
        assertFalse(Files.exists(out), "no result directory before the run finished");
        String before = Files.readString(finished);
        Files.setLastModifiedTime(finished, FileTime.fromMillis(1_000_000_000_000L));

        DataCommandTest.Run resumed = run((kind, reused) -> events.add(kind.id() + (reused ? " reused" : " trained")),
                "compare", "--resume", out.toString(), "--quiet");
        assertEquals(ExitCodes.OK, resumed.code(), resumed.err());
        assertEquals(List.of("bcop trained", "bcop reused", "rko trained"), events);
        JsonNode result = JSON.readTree(out.resolve("result.json").toFile());
        assertEquals(2, result.path("critics").size());
        JsonNode saved = JSON.readTree(before);
        assertEquals(saved.path("wallSeconds").asDouble(), result.path("critics").get(0).path("estimate")
                .path("wallSeconds").asDouble(), 0.0, "bcop reported as it finished in the first run");
        assertEquals(saved.path("value").asDouble(), result.path("critics").get(0).path("estimate").path("value")
                .asDouble(), 0.0);
        assertEquals(FileTime.fromMillis(1_000_000_000_000L),
                Files.getLastModifiedTime(out.resolve("critics/bcop/estimate.json")), "not rewritten");
        assertFalse(Files.exists(tmp.resolve("cmp.partial")));
    }

    @Test
    void badCriticLists_areUsageErrorsWithNothingWritten(@TempDir Path tmp) throws Exception {
        assertEquals(ExitCodes.USAGE, DataCommandTest.run(args(tmp.resolve("a"), "--critics", "bcop,wgan")).code());
        assertEquals(ExitCodes.USAGE, DataCommandTest.run(args(tmp.resolve("b"), "--critics", "bcop,bcop")).code());
        assertEquals(ExitCodes.USAGE, DataCommandTest.run(args(tmp.resolve("c"), "--critics", "")).code());
        assertEquals(ExitCodes.USAGE, DataCommandTest.run(args(tmp.resolve("d"), "--preset", "huge")).code());
        assertEquals(ExitCodes.USAGE, DataCommandTest.run("compare", "--resume", tmp.resolve("none").toString())
                .code());
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count(), "no output or staging directory left behind");
        }
    }

    @Test
    void resumingAnotherCommandsRun_isRefusedAndLeftUntouched(@TempDir Path tmp) throws Exception {
        Path staging = Files.createDirectories(tmp.resolve("est.partial"));
        Files.writeString(staging.resolve("run.json"), "{\"command\": \"estimate\", \"p\": \"mnist-test\"}");
        DataCommandTest.Run r = DataCommandTest.run("compare", "--resume", tmp.resolve("est").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("`compare`") && r.err().contains("`estimate`"), r.err());
        assertTrue(Files.isRegularFile(staging.resolve("run.json")), "the other run's staging is kept");
    }

    /**
     * The later 1-Lipschitz convolutions (issue 15) through the command line: each named kind trains its own variant
     * and, 1-Lipschitz by construction, is certified (L ≤ 1 + 1e-4) after training, with ‖∇f‖ ≤ L on held-out data.
     */
    @Test
    void compare_laterLayerKinds_eachTrainsItsVariantAndIsCertified(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("cmp");
        DataCommandTest.Run r = DataCommandTest.run(args(out, "--critics", "aol,soc,sll,cayley"));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode critics = JSON.readTree(out.resolve("result.json").toFile()).path("critics");
        assertEquals(4, critics.size());
        for (JsonNode c : critics) {
            String id = c.path("critic").asText();
            assertEquals(id.toUpperCase(), c.path("config").path("critic").path("variant").asText(), id);
            JsonNode est = c.path("estimate");
            assertTrue(est.path("certified").asBoolean(), id + ": certified L " + est.path("certifiedLipschitz"));
            for (JsonNode s : c.path("seeds")) {
                assertTrue(s.path("gradientNorms").path("heldOutMax").asDouble()
                        <= s.path("certifiedLipschitz").asDouble() * (1 + 1e-3), id + ": ‖∇f‖ ≤ L");
            }
        }
    }

    @Test
    void criticKindList_keepsOrderAndRefusesRepeats() {
        assertEquals(List.of(CriticKind.OSSN, CriticKind.BCOP), CriticKind.parseList("ossn, bcop", "--critics"));
        assertThrows(dev.lipschitzw1.errors.InvalidConfigException.class,
                () -> CriticKind.parseList("gp,gp", "--critics"));
        assertNotNull(CriticKind.parse("lp", "--critics"));
        assertEquals(List.of(CriticKind.AOL, CriticKind.SOC, CriticKind.SLL, CriticKind.CAYLEY),
                CriticKind.parseList("aol,soc,sll,cayley", "--critics"));
    }

    /**
     * A funnel pair (Q = funnel-easy:P): result.json carries the exact W1 from the datasets module, and each critic's
     * relative errors recomputed from the file's own numbers (1e-12); the table has the column, and the yardsticks
     * line gives the pair's reference gains as shares of W1.
     */
    @Test
    void aKnownPairAddsTheExactW1AndEachCriticsRelativeError(@TempDir Path tmp) throws Exception {
        String p = "mnist-train:" + data.resolve("dark");
        List<String> all = new ArrayList<>(List.of("compare", "--p", p, "--q", "funnel-easy:" + p, "--critics",
                "bcop,gp", "--out", tmp.resolve("out").toString()));
        all.addAll(List.of(TINY));
        DataCommandTest.Run r = run(CriticComparison.Listener.NONE, all.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        FunnelPair pair = DataSources.funnelPair(p, "funnel-easy:" + p, SourceOptions.DEFAULT).orElseThrow();
        double truth = pair.pair().exactW1();
        JsonNode result = JSON.readTree(tmp.resolve("out/result.json").toFile());
        assertEquals(truth, result.path("knownW1").path("exactW1").asDouble(), 1e-12 * truth);
        for (JsonNode c : result.path("critics")) {
            double value = c.path("estimate").path("value").asDouble();
            double bound = c.path("estimate").path("lowerBound").asDouble();
            assertEquals((value - truth) / truth, c.path("relativeError").asDouble(), 1e-12, c.path("critic").asText());
            assertEquals((bound - truth) / truth, c.path("lowerBoundRelativeError").asDouble(), 1e-12);
        }
        assertTrue(r.out().contains("vs exact W1"), r.out());
        // The yardsticks: the datasets module's reference gains, in result.json and as shares of W1 in the table.
        FunnelReferenceGains gains = pair.referenceGains();
        JsonNode references = result.path("knownW1").path("references");
        assertEquals(gains.linear(), references.path("linear").asDouble(), 1e-12 * truth);
        assertEquals(gains.perFunnelAffine(), references.path("perFunnelAffine").asDouble(), 1e-12 * truth);
        assertTrue(r.out().contains(String.format(Locale.ROOT, "best linear critic gains %.1f %%",
                100 * references.path("linear").asDouble() / truth)), r.out());
        assertTrue(r.out().contains(String.format(Locale.ROOT, "one affine piece per funnel at most %.1f %%",
                100 * references.path("perFunnelAffine").asDouble() / truth)), r.out());
    }
}
