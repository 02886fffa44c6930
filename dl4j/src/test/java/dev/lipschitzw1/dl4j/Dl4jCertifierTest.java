package dev.lipschitzw1.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.Certificate;
import dev.lipschitzw1.critic.layers.PlainConv;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.dl4j.conf.BjorckDense;
import dev.lipschitzw1.dl4j.conf.CircularPadding2D;
import dev.lipschitzw1.dl4j.conf.MaxMinLayer;
import dev.lipschitzw1.dl4j.conf.OrthogonalConv2D;
import dev.lipschitzw1.errors.UnsupportedLayerException;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Dl4jCertifier} on a {@link ComputationGraph} (double precision) mixing a standard convolution after
 * {@link CircularPadding2D} with this module's layers. Oracles: the materialised layers composed in double reproduce
 * the graph's output (1e-10); the standard convolution's certified bound (FFT certifier) lies in [σ, σ + 1e-6] for σ
 * the largest singular value of its dense operator (Commons Math SVD of the operator built from basis vectors); the
 * network bound is the product of the layer bounds. The configuration (non-default Björck settings and seed included)
 * round-trips through JSON.
 */
class Dl4jCertifierTest {

    private static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(21).dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(4, 4, 2))
                .addLayer("pad", CircularPadding2D.forKernel(3), "in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY)
                        .convolutionMode(ConvolutionMode.Truncate).build(), "pad")
                .addLayer("bcop", OrthogonalConv2D.bcop(4, 2).bjorck(BjorckConfig.CERTIFICATION).layerSeed(5), "conv")
                .addLayer("act", new MaxMinLayer(), "bcop")
                .addLayer("head", new BjorckDense(3), "act")
                .setOutputs("head").build();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back, "JSON round trip");
        assertEquals(conf.toJson(), back.toJson(), "JSON after a round trip");
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void graph_materialisedLayersReproduceOutput_convBoundMatchesSvd() {
        ComputationGraph g = graph();
        List<PlainLayer> layers = Dl4jCertifier.materialise(g, 2, 4, 4);
        SplittableRandom rng = new SplittableRandom(3);
        double[] x = new double[32];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        INDArray out = g.outputSingle(Nd4j.createFromArray(x).reshape(1, 2, 4, 4));
        double[] y = x;
        for (PlainLayer l : layers) {
            y = l.forward(y);
        }
        for (int o = 0; o < 3; o++) {
            assertEquals(out.getDouble(0, o), y[o], 1e-10, "output " + o);
        }

        Certificate c = Dl4jCertifier.certify(g, 2, 4, 4);
        PlainConv conv = (PlainConv) layers.get(0);
        double[][] a = new double[64][32];
        for (int j = 0; j < 32; j++) {
            double[] e = new double[32];
            e[j] = 1;
            double[] col = conv.applyLinear(e);
            for (int i = 0; i < 64; i++) {
                a[i][j] = col[i];
            }
        }
        double sigma = new SingularValueDecomposition(new Array2DRowRealMatrix(a)).getNorm();
        double bound = c.layers().get(0).bound();
        assertTrue(bound >= sigma - 1e-12 && bound <= sigma + 1e-6, "conv bound " + bound + " vs σ " + sigma);
        double product = 1;
        for (var lc : c.layers()) {
            product *= lc.bound();
        }
        assertEquals(product, c.networkBound(), 1e-12 * product, "network bound = product");
    }

    @Test
    void layerWithoutKnownConstant_isRefusedByName() {
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(4, 4, 2))
                .addLayer("pool", new SubsamplingLayer.Builder(2, 2).stride(2, 2).build(), "in")
                .addLayer("head", new BjorckDense(2), "pool").setOutputs("head").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class,
                () -> Dl4jCertifier.certify(g, 2, 4, 4));
        assertEquals("pool", e.layer());
    }

    /** Every setting of every layer configuration survives DL4J's JSON mapper (non-default values throughout). */
    @Test
    void layerConfigurations_roundTripThroughJson() throws Exception {
        var mapper = org.deeplearning4j.nn.conf.serde.JsonMappers.getMapper();
        org.deeplearning4j.nn.conf.layers.Layer[] layers = {
            OrthogonalConv2D.ossn(3, 3).ossnPowerIterations(3).bias(false)
                    .padding(dev.lipschitzw1.critic.certify.Padding.ZERO).layerSeed(9).inputShape(2, 5, 5),
            OrthogonalConv2D.rko(4, 2).bjorck(BjorckConfig.CERTIFICATION),
            new BjorckDense(5).bias(false).bjorck(BjorckConfig.CERTIFICATION).inputShape(7),
            new dev.lipschitzw1.dl4j.conf.GroupSortLayer(4), new dev.lipschitzw1.dl4j.conf.PixelUnshuffleLayer(3),
            new MaxMinLayer(), new CircularPadding2D(1, 2, 3, 4)};
        for (var layer : layers) {
            String json = mapper.writeValueAsString(layer);
            var back = mapper.readValue(json, org.deeplearning4j.nn.conf.layers.Layer.class);
            assertEquals(layer, back, json);
            assertEquals(json, mapper.writeValueAsString(back));
        }
    }
}
