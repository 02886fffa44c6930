package dev.lipschitzw1.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.dl4j.export.PlainGraphExporter;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The exported plain graph computes the critic: for the quick critic of every variant (BCOP, RKO, OSSN with MaxMin
 * and circular padding; GP with LeakyReLU and zero padding), the graph's outputs on 16 MNIST images equal the critic's
 * scores to 1e-5 (absolute, float32 both: the two evaluate the same sums with different convolution kernels).
 */
class PlainGraphExporterTest {

    @ParameterizedTest
    @EnumSource(CriticConfig.Variant.class)
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
}
