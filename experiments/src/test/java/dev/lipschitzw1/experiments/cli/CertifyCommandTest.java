package dev.lipschitzw1.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.critic.layers.PlainConv;
import dev.lipschitzw1.critic.layers.PlainDense;
import dev.lipschitzw1.critic.layers.PlainFixed;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.CriticTrainer;
import dev.lipschitzw1.critic.network.OptimiserConfig;
import dev.lipschitzw1.datasets.ImageShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code w1 certify}. Oracle for the numbers: each linear layer's largest singular value from a dense SVD (Commons
 * Math) of its operator, built by pushing the identity basis through the exported layer; the certified bound must lie
 * in [σ_max, σ_max + 1e-6] (absolute), and the network bound equal the product of the layer bounds (to 1e-12
 * relative: the product is rounded up at each step).
 */
class CertifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ImageShape SHAPE = new ImageShape(1, 8, 8);

    @TempDir
    static Path dir;
    static Path trained;
    static Critic critic;

    /** A tiny BCOP critic after 5 RMSprop steps (so the weights are not the initial orthogonal ones). */
    @BeforeAll
    static void trainAndSave() {
        critic = Critic.create(CriticConfig.quick(SHAPE).withSize(2, 2).withSeed(4));
        CriticTrainer trainer = new CriticTrainer(critic, OptimiserConfig.rmsprop(2e-2));
        for (int i = 0; i < 5; i++) {
            trainer.step(images(i, 0), images(100 + i, 0.3f));
        }
        trained = dir.resolve("trained.zip");
        critic.save(trained);
    }

    private static INDArray images(long seed, float bias) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] px = new float[8 * 64];
        for (int i = 0; i < px.length; i++) {
            px[i] = Math.min(1f, bias + 0.7f * (float) rng.nextDouble());
        }
        return Nd4j.create(px, new long[] {8, 1, 8, 8}, 'c');
    }

    @Test
    void certifyFile_layerBoundsMatchDenseSvd_networkBoundIsProduct() throws Exception {
        DataCommandTest.Run r = DataCommandTest.run("certify", trained.toString(), "--json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode report = JSON.readTree(r.out());
        assertEquals("lipschitz-w1/certify/1", report.path("schema").asText());
        assertTrue(report.path("certified").asBoolean());
        JsonNode c = report.path("critics").get(0);
        assertEquals("BCOP", c.path("variant").asText());
        List<PlainLayer> layers = critic.materialise();
        JsonNode reported = c.path("layers");
        assertEquals(layers.size(), reported.size(), "one certificate per layer");
        double product = 1;
        int linear = 0;
        for (int i = 0; i < layers.size(); i++) {
            PlainLayer layer = layers.get(i);
            JsonNode lc = reported.get(i);
            double bound = lc.path("bound").asDouble();
            product *= bound;
            assertFalse(lc.path("method").asText().isBlank(), "method of layer " + i);
            if (layer instanceof PlainFixed f) {
                assertEquals(f.lipschitzBound(), bound, 0.0, lc.path("name").asText() + ": closed form");
                continue;
            }
            double sigma = sigmaMax(layer);
            String name = lc.path("name").asText() + " (" + lc.path("kind").asText() + ")";
            assertTrue(bound >= sigma - 1e-12, name + ": certified bound " + bound + " below σ_max " + sigma);
            assertEquals(sigma, bound, 1e-6, name + ": certified bound vs dense SVD σ_max");
            linear++;
        }
        assertTrue(linear >= 3, "the critic has convs and a dense head: " + linear + " linear layers");
        double network = c.path("networkBound").asDouble();
        assertEquals(product, network, 1e-12 * product, "network bound = Π layer bounds");
        assertTrue(network <= 1 + 1e-4, "BCOP critic certified: " + network);
    }

    @Test
    void certifyFile_tableNamesEveryLayerAndVerdict() {
        DataCommandTest.Run r = DataCommandTest.run("certify", trained.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        for (PlainLayer layer : critic.materialise()) {
            assertTrue(r.out().contains(layer.name()), "layer " + layer.name() + " in\n" + r.out());
        }
        assertTrue(r.out().contains("network bound (product of layer bounds)"), r.out());
        assertTrue(r.out().contains("1 of 1 critic certified"), r.out());
    }

    /**
     * A BCOP critic that nearest-upsamples ×2 is certified against 2·(1 + 1e-4), the estimator's rule (decision 38),
     * not 1 + 1e-4: its bound is 2 × the product of its trained layers' (≈ 1) bounds. Oracle: the exact factor 2 of the
     * upsampling layer's certificate.
     */
    @Test
    void upsamplingCritic_certifiedAgainstTwiceTheLimit(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("upsampled.zip");
        Critic upsampled = Critic.create(CriticConfig.quick(SHAPE).withSize(2, 2).withUpsample(2));
        upsampled.save(file);
        DataCommandTest.Run r = DataCommandTest.run("certify", file.toString(), "--json");
        assertEquals(ExitCodes.OK, r.code(), r.err() + r.out());
        JsonNode c = JSON.readTree(r.out()).path("critics").get(0);
        assertEquals(2.0, c.path("architecturalFactor").asDouble(), 0.0);
        assertEquals(2 * (1 + 1e-4), c.path("limit").asDouble(), 1e-15);
        assertTrue(c.path("networkBound").asDouble() > 2 - 1e-3 && c.path("certified").asBoolean(), c.toString());
        assertTrue(DataCommandTest.run("certify", file.toString()).out().contains("certified (≤ 2·(1 + 1e-4): ×2 "
                + "upsampling)"), "the verdict names the limit");
    }

    /** An unconstrained (GP) critic with every weight doubled: its bound exceeds 1 + 1e-4. */
    @Test
    void uncertifiedGpCritic_exitCode4WithWorstLayer(@TempDir Path tmp) throws Exception {
        Path gp = tmp.resolve("gp.zip");
        Critic unconstrained = Critic.create(CriticConfig.quick(SHAPE).withSize(2, 2)
                .withVariant(CriticConfig.Variant.GP));
        java.util.Map<String, INDArray> doubled = unconstrained.parameters();
        doubled.replaceAll((name, w) -> w.mul(2));
        unconstrained.setParameters(doubled);
        unconstrained.save(gp);
        DataCommandTest.Run r = DataCommandTest.run("certify", gp.toString(), "--json");
        assertEquals(ExitCodes.NOT_CERTIFIED, r.code(), r.err());
        JsonNode c = JSON.readTree(r.out()).path("critics").get(0);
        assertTrue(c.path("networkBound").asDouble() > 1 + 1e-4, "GP critic bound " + c.path("networkBound"));
        assertFalse(c.path("certified").asBoolean());
    }

    @Test
    void out_writesResultAndReportAtomically_existingRefused(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("cert");
        DataCommandTest.Run r = DataCommandTest.run("certify", trained.toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals("lipschitz-w1/certify/1", JSON.readTree(out.resolve("result.json").toFile()).path("schema")
                .asText());
        assertTrue(Files.readString(out.resolve("report.md")).contains("| layer | kind | shape | certified bound"));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "only the result directory");
        }
        DataCommandTest.Run again = DataCommandTest.run("certify", trained.toString(), "--out", out.toString());
        assertEquals(ExitCodes.USAGE, again.code());
        assertTrue(again.err().contains("--overwrite"), again.err());
    }

    @Test
    void checkpointDirectory_certifiesItsCritic(@TempDir Path tmp) throws Exception {
        Path checkpoint = Files.createDirectories(tmp.resolve("run/checkpoint"));
        Files.copy(trained, checkpoint.resolve("critic.zip"));
        for (Path input : new Path[] {checkpoint, tmp.resolve("run")}) {
            DataCommandTest.Run r = DataCommandTest.run("certify", input.toString());
            assertEquals(ExitCodes.OK, r.code(), r.err());
            assertTrue(r.out().startsWith("checkpoint critic"), r.out());
        }
    }

    @Test
    void badInputs_oneLineNamingTheFile_dataExitCode(@TempDir Path tmp) throws Exception {
        byte[] good = Files.readAllBytes(trained);
        Path random = tmp.resolve("random.zip");
        byte[] noise = new byte[2048];
        new SplittableRandom(3).nextBytes(noise);
        Files.write(random, noise);
        Path truncated = Files.write(tmp.resolve("truncated.zip"), Arrays.copyOf(good, good.length * 2 / 3));
        Path notCritic = tmp.resolve("photos.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(notCritic))) {
            zip.putNextEntry(new ZipEntry("cat.png"));
            zip.write(new byte[] {1, 2, 3});
        }
        Path empty = Files.createDirectory(tmp.resolve("empty-dir"));
        Object[][] cases = {
            {tmp.resolve("missing.zip"), "no such file"},
            {random, "zip signature"},
            {truncated, "truncated"},
            {notCritic, "no critic.json"},
            {empty, "no critic in it"},
        };
        for (Object[] c : cases) {
            Path file = (Path) c[0];
            DataCommandTest.Run r = DataCommandTest.run("certify", file.toString());
            assertEquals(ExitCodes.DATA, r.code(), file + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(file.toString()) && r.err().contains((String) c[1]), r.err());
        }
    }

    /** σ_max of the layer's linear operator (bias excluded): dense matrix from the identity basis, Commons Math SVD. */
    private static double sigmaMax(PlainLayer layer) {
        if (layer instanceof PlainDense d) {
            return new SingularValueDecomposition(new Array2DRowRealMatrix(d.weight())).getNorm();
        }
        PlainConv conv = (PlainConv) layer;
        int in = PlainLayer.size(conv.inputShape());
        int out = PlainLayer.size(conv.outputShape());
        double[][] a = new double[out][in];
        for (int j = 0; j < in; j++) {
            double[] e = new double[in];
            e[j] = 1;
            double[] column = conv.applyLinear(e);
            for (int i = 0; i < out; i++) {
                a[i][j] = column[i];
            }
        }
        return new SingularValueDecomposition(new Array2DRowRealMatrix(a, false)).getNorm();
    }

    /**
     * {@code w1 export} then {@code w1 certify} on the export: the same per-layer bounds as the critic file's (to 1e-9:
     * the export holds the same float weights), exit 0; the export scores as the critic (1e-5); a second export
     * without --overwrite is a usage error (2).
     */
    @Test
    void exportThenCertify_sameBoundsAsTheCriticFile() throws Exception {
        Path exported = dir.resolve("trained-plain.zip");
        DataCommandTest.Run e = DataCommandTest.run("export", trained.toString(), "--out", exported.toString());
        assertEquals(ExitCodes.OK, e.code(), e.err());
        assertEquals(ExitCodes.USAGE, DataCommandTest.run("export", trained.toString(), "--out",
                exported.toString()).code(), "existing --out without --overwrite");
        DataCommandTest.Run r = DataCommandTest.run("certify", exported.toString(), "--json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode got = JSON.readTree(r.out()).path("critics").get(0).path("layers");
        JsonNode want = JSON.readTree(DataCommandTest.run("certify", trained.toString(), "--json").out())
                .path("critics").get(0).path("layers");
        assertEquals(want.size(), got.size(), "layers certified");
        assertTrue(want.size() > 0 && want.get(0).path("bound").asDouble() > 0, "bounds reported");
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i).path("bound").asDouble(), got.get(i).path("bound").asDouble(), 1e-9,
                    want.get(i).path("name").asText());
        }
        INDArray x = images(7, 0.1f);
        double[] scores = critic.scores(x);
        INDArray plain = org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(exported.toFile(), false)
                .outputSingle(x);
        for (int n = 0; n < scores.length; n++) {
            assertEquals(scores[n], plain.getDouble(n, 0), 1e-5, "export's score of image " + n);
        }
    }
}
