package dev.lipschitzw1.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.Certificate;
import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.dl4j.export.CriticExport;
import dev.lipschitzw1.dl4j.export.PlainGraphExporter;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.UnsupportedLayerException;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The exported plain graph computes the critic: for the quick critic of every variant whose layers are plain maps
 * (BCOP, RKO, OSSN, AOL, SOC, Cayley with MaxMin and circular padding; GP with LeakyReLU and zero padding), the graph's
 * outputs on 16 MNIST images equal the critic's scores to 1e-5 (absolute, float32 both: the two evaluate the same sums
 * with different convolution kernels). SLL's residual layers have no export yet and are refused by name.
 */
class PlainGraphExporterTest {

    @ParameterizedTest
    @EnumSource(value = CriticConfig.Variant.class, names = "SLL", mode = EnumSource.Mode.EXCLUDE)
    void quickCritic_exportedGraphScoresAsTheCritic(CriticConfig.Variant variant) {
        ImageSet mnist = DataSources.bundledMnistTest();
        Critic critic = Critic.create(CriticConfig.quick(mnist.shape()).withVariant(variant).withSeed(5));
        ComputationGraph graph = PlainGraphExporter.export(critic.materialise(), DataType.FLOAT);
        INDArray images = mnist.range(9000, 9016);
        double[] want = critic.scores(images);
        INDArray got = graph.outputSingle(images.castTo(DataType.FLOAT)).castTo(DataType.DOUBLE);
        for (int n = 0; n < want.length; n++) {
            assertEquals(want[n], got.getDouble(n, 0), 1e-5, variant + " image " + n);
        }
    }

    @Test
    void residualLayers_areRefusedByName() {
        Critic critic = Critic.create(CriticConfig.quick(DataSources.bundledMnistTest().shape())
                .withVariant(CriticConfig.Variant.SLL));
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class,
                () -> PlainGraphExporter.export(critic.materialise(), DataType.FLOAT));
        assertTrue(e.getMessage().contains("SLL"), e.getMessage());
    }

    /**
     * The export file: a DL4J model zip that loads with ModelSerializer to the same outputs, and whose certificate
     * (layers rebuilt from the graph's own weights) equals the critic's to 1e-9 per layer (the same float weights).
     */
    @Test
    void exportFile_loadsScoresAndCertifiesAsTheCritic(@TempDir Path tmp) throws Exception {
        ImageSet mnist = DataSources.bundledMnistTest();
        Critic critic = Critic.create(CriticConfig.quick(mnist.shape()).withSeed(6));
        Path file = tmp.resolve("critic-plain.zip");
        CriticExport.write(critic, file);
        assertTrue(CriticExport.isExport(file), "recognised as an export");
        ComputationGraph plain = ModelSerializer.restoreComputationGraph(file.toFile(), false);
        INDArray images = mnist.range(9100, 9108);
        double[] want = critic.scores(images);
        INDArray got = plain.outputSingle(images.castTo(DataType.FLOAT)).castTo(DataType.DOUBLE);
        for (int n = 0; n < want.length; n++) {
            assertEquals(want[n], got.getDouble(n, 0), 1e-5, "loaded export, image " + n);
        }
        CriticExport.Exported back = CriticExport.read(file);
        assertEquals(critic.config(), back.config(), "config in the manifest");
        Certificate expected = critic.certify();
        Certificate actual = back.certify();
        assertEquals(expected.layers().size(), actual.layers().size(), "certified layers");
        for (int i = 0; i < expected.layers().size(); i++) {
            assertEquals(expected.layers().get(i).bound(), actual.layers().get(i).bound(), 1e-9,
                    expected.layers().get(i).name());
        }
    }

    /** The paper-shaped critic (zero pad to 32, nearest ×2 to 64, four stages) at width 4: outputs equal to 1e-5. */
    @Test
    void paperShapedCritic_smallWidth_exportedGraphScoresAsTheCritic() {
        ImageSet mnist = DataSources.bundledMnistTest();
        Critic critic = Critic.create(CriticConfig.paper(mnist.shape()).withSize(4, 4).withSeed(8));
        ComputationGraph graph = PlainGraphExporter.export(critic.materialise(), DataType.FLOAT);
        INDArray images = mnist.range(9200, 9208);
        double[] want = critic.scores(images);
        INDArray got = graph.outputSingle(images.castTo(DataType.FLOAT)).castTo(DataType.DOUBLE);
        for (int n = 0; n < want.length; n++) {
            assertEquals(want[n], got.getDouble(n, 0), 1e-5, "paper-shaped critic, image " + n);
        }
    }

    /** A DL4J model zip without the manifest is not an export, and reading it as one names the file. */
    @Test
    void modelWithoutManifest_isRefusedAsCorrupt(@TempDir Path tmp) throws Exception {
        ImageSet mnist = DataSources.bundledMnistTest();
        Critic critic = Critic.create(CriticConfig.quick(mnist.shape()).withSize(2, 2));
        Path file = tmp.resolve("bare.zip");
        ModelSerializer.writeModel(PlainGraphExporter.export(critic.materialise(), DataType.FLOAT), file.toFile(),
                false);
        assertFalse(CriticExport.isExport(file), "no manifest: not an export");
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> CriticExport.read(file));
        assertEquals(file, e.file(), "the error names the file");
    }
}
