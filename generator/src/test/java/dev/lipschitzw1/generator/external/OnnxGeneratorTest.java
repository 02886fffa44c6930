package dev.lipschitzw1.generator.external;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.SourceNotFoundException;
import dev.lipschitzw1.generator.LatentModel;
import dev.lipschitzw1.generator.io.NpyArrays;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ONNX path against fixtures exported by PyTorch (src/test/resources/onnx/make_onnx_fixture.py, committed with its
 * outputs; no Python needed here).
 */
class OnnxGeneratorTest {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxGeneratorTest.class);
    static Path fixture(String name) {
        try {
            return Path.of(OnnxGeneratorTest.class.getResource("/onnx/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static INDArray npy(String name) throws IOException {
        Path p = fixture(name);
        return NpyArrays.decode(Files.readAllBytes(p), p, name);
    }

    @Test
    void tanhFixture_reproducesPyTorchOutputsWithin1e5_mappedToUnit() throws IOException {
        LatentModel g = OnnxGenerator.load(fixture("generator-tanh.onnx"), ImportOptions.DEFAULT);
        assertEquals(16, g.latentSize(), "latent size read from the graph");
        assertEquals(new ImageShape(1, 28, 28), g.shape(), "image shape from the probe batch");
        assertEquals(OutputRange.TANH, ((GraphGenerator) g).range(), "tanh range detected");
        INDArray want = npy("tanh-expected.npy").add(1.0).muli(0.5);
        INDArray got = g.generate(npy("latents.npy"));
        assertArrayEquals(want.shape(), got.shape(), "output shape");
        double err = got.sub(want).amaxNumber().doubleValue();
        LOG.info("ONNX tanh fixture: max |import − PyTorch| = {}", err);
        assertTrue(err <= 1e-5, "max |ONNX import − PyTorch| after (y+1)/2 = " + err);
    }

    @Test
    void sigmoidFixture_reproducesPyTorchOutputsWithin1e5_unitRange() throws IOException {
        LatentModel g = OnnxGenerator.load(fixture("generator-sigmoid.onnx"), ImportOptions.parse("input=latent"
                + "&shape=1x28x28&range=unit"));
        assertEquals(OutputRange.UNIT, ((GraphGenerator) g).range(), "range as stated");
        double err = g.generate(npy("latents.npy")).sub(npy("sigmoid-expected.npy")).amaxNumber().doubleValue();
        assertTrue(err <= 1e-5, "max |ONNX import − PyTorch| = " + err);
    }

    @Test
    void onnxSource_isDeterministicDistribution() {
        String spec = "generator:onnx:" + fixture("generator-tanh.onnx");
        ImageDistribution d = DataSources.resolve(spec, SourceOptions.DEFAULT);
        assertEquals(spec, d.name(), "named by its spec");
        INDArray a = d.sample(10, new SplittableRandom(3));
        INDArray b = d.sample(10, new SplittableRandom(3));
        assertEquals(a, b, "same seed, same samples");
        assertTrue(a.minNumber().doubleValue() >= 0 && a.maxNumber().doubleValue() <= 1, "in [0, 1]");
    }

    @Test
    void classifierGraph_isRefusedAsNotAnImage() {
        ModelImportException e = assertThrows(ModelImportException.class,
                () -> OnnxGenerator.load(fixture("classifier.onnx"), ImportOptions.DEFAULT));
        assertTrue(e.problem().contains("rank 2") && e.problem().contains("not an image"), e.getMessage());
        assertEquals(fixture("classifier.onnx"), e.file(), "names the file");
    }

    @Test
    void declaredShapeMismatch_isRefused() {
        ModelImportException e = assertThrows(ModelImportException.class,
                () -> OnnxGenerator.load(fixture("generator-tanh.onnx"), ImportOptions.parse("shape=3x32x32")));
        assertTrue(e.problem().contains("declared"), e.getMessage());
    }

    @Test
    void convTranspose_isRefusedNamingTheOp() {
        ModelImportException e = assertThrows(ModelImportException.class,
                () -> OnnxGenerator.load(fixture("deconv.onnx"), ImportOptions.DEFAULT));
        assertTrue(e.problem().contains("ConvTranspose"), e.getMessage());
    }

    @Test
    void wrongLatentSize_isRefused() {
        ModelImportException e = assertThrows(ModelImportException.class,
                () -> OnnxGenerator.load(fixture("generator-tanh.onnx"), ImportOptions.parse("latent=100")));
        assertTrue(e.problem().contains("16"), e.getMessage());
    }

    @Test
    void missingFile_namesIt(@TempDir Path dir) {
        Path p = dir.resolve("absent.onnx");
        SourceNotFoundException e = assertThrows(SourceNotFoundException.class,
                () -> OnnxGenerator.load(p, ImportOptions.DEFAULT));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void truncatedFile_isCorruptData(@TempDir Path dir) throws IOException {
        byte[] all = Files.readAllBytes(fixture("generator-tanh.onnx"));
        Path p = dir.resolve("truncated.onnx");
        Files.write(p, Arrays.copyOf(all, all.length / 2));
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> OnnxGenerator.load(p, ImportOptions.DEFAULT));
        assertEquals(p, e.file(), "names the file");
    }

    @Test
    void nonOnnxFile_isCorruptData(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("notes.onnx");
        Files.writeString(p, "this is not a model\n");
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> OnnxGenerator.load(p, ImportOptions.DEFAULT));
        assertEquals(p, e.file(), "names the file");
    }
}
