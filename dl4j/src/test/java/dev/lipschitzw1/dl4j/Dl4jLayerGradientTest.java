package dev.lipschitzw1.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.dl4j.conf.BjorckDense;
import dev.lipschitzw1.dl4j.conf.CircularPadding2D;
import dev.lipschitzw1.dl4j.conf.GroupSortLayer;
import dev.lipschitzw1.dl4j.conf.MaxMinLayer;
import dev.lipschitzw1.dl4j.conf.OrthogonalConv2D;
import dev.lipschitzw1.dl4j.conf.PixelUnshuffleLayer;
import java.io.File;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Every DL4J layer of this module inside a double-precision network, checked by DL4J's {@link GradientCheckUtil}
 * against central differences (ε = 1e-6, relative error ≤ 1e-5, entries below 1e-9 absolute ignored; up to 24
 * entries of each parameter array, spread over it, to keep the test fast): a standard 1×1
 * convolution with parameters first (so that the gradients of parameter-free layers are checked through it), the layer
 * under test, a standard dense output with squared error. BCOP, RKO and Björck use the Frobenius pre-scale here, the
 * one through which the gradient flows (the power-iteration pre-scale is a stop-gradient by design, which central
 * differences would see). OSSN's u, v are state, not parameters, and are excluded. Also: OSSN's state survives
 * save and load (the network's output after load is bit-identical).
 */
class Dl4jLayerGradientTest {

    private static final BjorckConfig DIFFERENTIABLE = new BjorckConfig(20, 0.5, BjorckConfig.Prescale.FROBENIUS, 10,
            1.0);

    private static MultiLayerNetwork network(Layer underTest, long seed) {
        var conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE).updater(new NoOp()).list()
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(4).activation(Activation.IDENTITY)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(underTest)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(4, 4, 2)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray gaussian(long seed, long... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, r.nextGaussian());
        }
        return a;
    }

    private static void check(String what, Layer underTest, Set<String> exclude) {
        DataType before = Nd4j.dataType();
        DataType beforeFloat = Nd4j.defaultFloatingPointType();
        // GradientCheckUtil refuses to run unless ND4J's default type is double.
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            MultiLayerNetwork net = network(underTest, 11);
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                    .input(gaussian(1, 3, 2, 4, 4)).labels(gaussian(2, 3, 3)).epsilon(1e-6).maxRelError(1e-5)
                    .minAbsoluteError(1e-9).subset(true).maxPerParam(24).excludeParams(exclude));
            assertTrue(ok, what + ": gradient check against central differences");
        } finally {
            Nd4j.setDefaultDataTypes(before, beforeFloat);
        }
    }

    @Test
    void orthogonalConvolutions_gradientsMatchCentralDifferences() {
        check("BCOP k=2 circular", OrthogonalConv2D.bcop(6, 2).bjorck(DIFFERENTIABLE), Set.of());
        check("BCOP k=3 zero", OrthogonalConv2D.bcop(4, 3).padding(Padding.ZERO).bjorck(DIFFERENTIABLE), Set.of());
        check("RKO k=3 circular", OrthogonalConv2D.rko(4, 3).bjorck(DIFFERENTIABLE), Set.of());
        check("OSSN k=3 circular", OrthogonalConv2D.ossn(5, 3), Set.of("1_u", "1_v"));
    }

    @Test
    void parameterFreeLayersAndBjorckDense_gradientsMatchCentralDifferences() {
        check("MaxMin", new MaxMinLayer(), Set.of());
        check("GroupSort 4", new GroupSortLayer(4), Set.of());
        check("PixelUnshuffle 2", new PixelUnshuffleLayer(2), Set.of());
        check("CircularPadding2D", new CircularPadding2D(1, 0, 2, 1), Set.of());
        check("BjorckDense 7", new BjorckDense(7).bjorck(DIFFERENTIABLE), Set.of());
    }

    @Test
    void ossnState_isSavedAndRestored(@TempDir Path tmp) throws Exception {
        var conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new Adam(0.05)).list()
                .layer(OrthogonalConv2D.ossn(4, 3))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(5, 5, 2)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = gaussian(4, 6, 2, 5, 5).castTo(DataType.FLOAT);
        INDArray y = gaussian(5, 6, 2).castTo(DataType.FLOAT);
        double[] u3 = net.getParam("0_u").castTo(DataType.DOUBLE).dup().data().asDouble();
        for (int i = 0; i < 3; i++) {
            double[] before = u3;
            net.fit(x, y);
            u3 = net.getParam("0_u").castTo(DataType.DOUBLE).dup().data().asDouble();
            assertTrue(!java.util.Arrays.equals(before, u3), "the power iteration moved u in training step " + i);
        }
        File file = tmp.resolve("ossn.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertArrayEquals(u3, loaded.getParam("0_u").castTo(DataType.DOUBLE).dup().data().asDouble(), 0.0, "u");
        assertArrayEquals(net.getParam("0_v").dup().data().asFloat(), loaded.getParam("0_v").dup().data().asFloat(),
                0f, "v");
        assertArrayEquals(net.output(x).dup('c').data().asFloat(), loaded.output(x).dup('c').data().asFloat(), 0f,
                "outputs after save and load");
    }
}
