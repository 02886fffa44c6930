package dev.lipschitzw1.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.Certificate;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.io.IdxReader;
import dev.lipschitzw1.dl4j.conf.BjorckDense;
import dev.lipschitzw1.dl4j.conf.MaxMinLayer;
import dev.lipschitzw1.dl4j.conf.OrthogonalConv2D;
import dev.lipschitzw1.dl4j.conf.PixelUnshuffleLayer;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small DL4J classifier of Lipschitz layers on the bundled MNIST test set (pixel-unshuffle → BCOP → MaxMin, twice,
 * then a Björck dense layer to 10 logits and a softmax cross-entropy loss layer): it trains, its configuration
 * round-trips through JSON, it saves and loads with {@link ModelSerializer} to the same outputs bit for bit, and its
 * certificate is checked twice: the bound (≤ 1 + 1e-4, each BCOP and Björck layer orthogonal) and the materialised
 * layers, composed in double, against the network's own logits (1e-4 relative, float32 network).
 */
class LipschitzClassifierTest {

    private static final int TRAIN = 128;
    private static final int HELD_OUT = 32;

    static MultiLayerConfiguration classifier() {
        return new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(5e-3)).dataType(DataType.FLOAT).list()
                .layer(new PixelUnshuffleLayer(2))          // 1×28×28 → 4×14×14
                .layer(OrthogonalConv2D.bcop(16, 2))        // → 16×14×14
                .layer(new MaxMinLayer())
                .layer(new PixelUnshuffleLayer(2))          // → 64×7×7
                .layer(OrthogonalConv2D.bcop(32, 2))        // → 32×7×7
                .layer(new MaxMinLayer())
                .layer(new BjorckDense(10))                 // 1568 → 10 (orthonormal rows)
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
    }

    static DataSet mnist(int from, int to, Path tmp) throws Exception {
        ImageSet images = DataSources.bundledMnistTest();
        Path labelsFile = tmp.resolve("labels.gz");
        try (InputStream in = DataSources.class.getResourceAsStream(
                "/dev/lipschitzw1/datasets/mnist/t10k-labels-idx1-ubyte.gz")) {
            Files.copy(in, labelsFile, StandardCopyOption.REPLACE_EXISTING);
        }
        int[] labels = IdxReader.readLabels(labelsFile);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, to - from, 10);
        for (int i = from; i < to; i++) {
            oneHot.putScalar(i - from, labels[i], 1.0);
        }
        return new DataSet(images.range(from, to).castTo(DataType.FLOAT), oneHot);
    }

    @Test
    void bcopClassifier_trainsSavesLoadsRoundTripsAndCertifies(@TempDir Path tmp) throws Exception {
        MultiLayerConfiguration conf = classifier();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back, "configuration after a JSON round trip");
        assertEquals(conf.toJson(), back.toJson(), "JSON after a JSON round trip");

        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet train = mnist(0, TRAIN, tmp);
        DataSet heldOut = mnist(TRAIN, TRAIN + HELD_OUT, tmp);
        double before = net.score(train);
        for (int step = 0; step < 12; step++) {
            net.fit(train);
        }
        double after = net.score(train);
        assertTrue(after < 0.9 * before, "training loss " + before + " → " + after + " should fall by 10 %");

        File file = tmp.resolve("classifier.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(net.getLayerWiseConfigurations(), loaded.getLayerWiseConfigurations(), "saved configuration");
        assertArrayEquals(net.params().toFloatVector(), loaded.params().toFloatVector(), 0f, "saved parameters");
        assertArrayEquals(net.output(heldOut.getFeatures()).dup('c').data().asFloat(),
                loaded.output(heldOut.getFeatures()).dup('c').data().asFloat(), 0f, "outputs after save and load");

        Certificate certificate = Dl4jCertifier.certify(loaded, 1, 28, 28);
        assertTrue(certificate.networkBound() <= 1 + 1e-4, "certified bound " + certificate.networkBound());
        assertTrue(certificate.networkBound() >= 1 - 1e-3, "orthogonal layers: bound ≈ 1, got "
                + certificate.networkBound());

        // The materialised layers are the function the network computes: compose them in double on held-out
        // images and compare with the logits (the loss layer's input).
        List<PlainLayer> plain = Dl4jCertifier.materialise(loaded, 1, 28, 28);
        List<INDArray> activations = loaded.feedForward(heldOut.getFeatures(), false);
        INDArray logits = activations.get(activations.size() - 2);
        for (int n = 0; n < 4; n++) {
            double[] y = heldOut.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.point(n))
                    .castTo(DataType.DOUBLE).dup('c').data().asDouble();
            for (PlainLayer layer : plain) {
                y = layer.forward(y);
            }
            double[] want = logits.getRow(n).castTo(DataType.DOUBLE).toDoubleVector();
            for (int o = 0; o < 10; o++) {
                assertEquals(want[o], y[o], 1e-4 * (1 + Math.abs(want[o])), "logit " + o + " of image " + n);
            }
        }
    }
}
