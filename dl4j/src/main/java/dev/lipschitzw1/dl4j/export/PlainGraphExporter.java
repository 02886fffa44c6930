package dev.lipschitzw1.dl4j.export;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.PlainConv;
import dev.lipschitzw1.critic.layers.PlainDense;
import dev.lipschitzw1.critic.layers.PlainFixed;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.errors.UnsupportedLayerException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SpaceToDepthLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes materialised layers ({@link PlainLayer}s, e.g. a critic's {@code materialise()}) as a DL4J
 * {@link ComputationGraph} of standard layers and vertices only, so that it runs without this library:
 * <pre>
 *   ZERO_PAD            ZeroPaddingLayer
 *   NEAREST_UPSAMPLE    Upsampling2D
 *   PIXEL_UNSHUFFLE r   SpaceToDepthLayer(r); DL4J orders channels (i·r + j)·C + c where ours are c·r² + i·r + j, so
 *                       the next convolution's input channels are permuted to match (K'[o, d] = K[o, σ(d)])
 *   PlainConv circular  x → [Cropping2D (last top rows), x, Cropping2D (first bottom rows)] merged along H, the same
 *                       along W, then ConvolutionLayer k×k, stride 1, no padding (the circular pad exactly)
 *   PlainConv zero      ZeroPaddingLayer(⌊k/2⌋, k−1−⌊k/2⌋, …) then the same ConvolutionLayer
 *   MAX_MIN             a = channels [0, C/2), b = [C/2, C) (SubsetVertex); max(a, b) (ElementWiseVertex Max);
 *                       min(a, b) = −max(−a, −b) (ScaleVertex −1, exact); merged along channels
 *   LEAKY_RELU          ActivationLayer (ReLU or LeakyReLU α)
 *   FLATTEN             PreprocessorVertex(CnnToFeedForwardPreProcessor) ((C, H, W) order, as ours)
 *   PlainDense          DenseLayer, identity activation, W = our weightᵀ
 * </pre>
 * The graph's single input is "input" and its output the last vertex. GroupSort with groups above 2 is refused
 * ({@link UnsupportedLayerException}).
 */
public final class PlainGraphExporter {

    private PlainGraphExporter() {
    }

    /** The graph and, by vertex name, the kernels and biases to load into it. */
    private static final class Builder {
        final ComputationGraphConfiguration.GraphBuilder graph;
        final Map<String, INDArray[]> weights = new LinkedHashMap<>();
        final DataType dataType;
        String last = "input";
        int[] permutation;

        Builder(DataType dataType, int[] inputShape) {
            this.dataType = dataType;
            // No input types: DL4J's shape inference mis-sizes merges along H or W; every layer is sized here. Seed 0:
            // the weights are set after init, and a fixed seed makes the configuration a function of the layers.
            this.graph = new NeuralNetConfiguration.Builder().seed(0).dataType(dataType).graphBuilder().addInputs("input");
        }

        void layer(String name, org.deeplearning4j.nn.conf.layers.Layer layer) {
            graph.addLayer(name, layer, last);
            last = name;
        }
    }

    /**
     * The graph computing the composition of {@code layers} in {@code dataType}.
     *
     * @throws UnsupportedLayerException for a layer that has no standard-layer form here
     */
    public static ComputationGraph export(List<PlainLayer> layers, DataType dataType) {
        Builder b = new Builder(dataType, layers.get(0).inputShape());
        for (PlainLayer layer : layers) {
            if (!(layer instanceof PlainConv || layer instanceof PlainDense || layer instanceof PlainFixed)) {
                // SLL's residual blocks and strided convolutions (the GAN discriminator) have no export yet.
                throw new UnsupportedLayerException(layer.name(), layer.kind(), "export",
                        "export handles convolutions, dense layers and fixed maps; this layer is none of them");
            }
            if (b.permutation != null && !(layer instanceof PlainConv)) {
                throw new UnsupportedLayerException(layer.name(), layer.kind(), "export",
                        "a pixel-unshuffle is exported only before a convolution (which absorbs its channel order)");
            }
            if (layer instanceof PlainConv c) {
                conv(b, c);
            } else if (layer instanceof PlainDense d) {
                dense(b, d);
            } else {
                fixed(b, (PlainFixed) layer);
            }
        }
        ComputationGraphConfiguration conf = b.graph.setOutputs(b.last).build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        for (Map.Entry<String, INDArray[]> w : b.weights.entrySet()) {
            graph.getLayer(w.getKey()).setParam("W", w.getValue()[0]);
            if (w.getValue()[1] != null) {
                graph.getLayer(w.getKey()).setParam("b", w.getValue()[1]);
            }
        }
        return graph;
    }

    private static void fixed(Builder b, PlainFixed f) {
        int[] s = f.inputShape();
        double[] a = f.arguments();
        switch (f.op()) {
            case ZERO_PAD -> b.layer(f.name(), new ZeroPaddingLayer.Builder((int) a[0], (int) a[1], (int) a[2],
                    (int) a[3]).build());
            case NEAREST_UPSAMPLE -> b.layer(f.name(), new Upsampling2D.Builder((int) a[0]).build());
            case PIXEL_UNSHUFFLE -> {
                int r = (int) a[0];
                b.layer(f.name(), new SpaceToDepthLayer.Builder(r, CNN2DFormat.NCHW).build());
                b.permutation = spaceToDepthOrder(s[0], r);
            }
            case FLATTEN -> {
                b.graph.addVertex(f.name(), new PreprocessorVertex(new CnnToFeedForwardPreProcessor(s[1], s[2], s[0])),
                        b.last);
                b.last = f.name();
            }
            case LEAKY_RELU -> b.layer(f.name(), new ActivationLayer.Builder().activation(a[0] == 0
                    ? Activation.RELU.getActivationFunction() : new ActivationLReLU(a[0])).build());
            case MAX_MIN -> maxMin(b, f.name(), s[0]);
            default -> throw new UnsupportedLayerException(f.name(), f.kind(), "export",
                    "no standard DL4J form (GroupSort with groups above 2)");
        }
    }

    /** σ(d) for DL4J's space_to_depth output channel d = (i·r + j)·C + c: our channel c·r² + i·r + j. */
    static int[] spaceToDepthOrder(int channels, int r) {
        int[] sigma = new int[channels * r * r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                for (int c = 0; c < channels; c++) {
                    sigma[(i * r + j) * channels + c] = c * r * r + i * r + j;
                }
            }
        }
        return sigma;
    }

    private static void maxMin(Builder b, String name, int channels) {
        String in = b.last;
        int half = channels / 2;
        b.graph.addVertex(name + ".a", new SubsetVertex(0, half - 1), in);
        b.graph.addVertex(name + ".b", new SubsetVertex(half, channels - 1), in);
        b.graph.addVertex(name + ".max", new ElementWiseVertex(ElementWiseVertex.Op.Max), name + ".a", name + ".b");
        b.graph.addVertex(name + ".negA", new ScaleVertex(-1), name + ".a");
        b.graph.addVertex(name + ".negB", new ScaleVertex(-1), name + ".b");
        b.graph.addVertex(name + ".negMin", new ElementWiseVertex(ElementWiseVertex.Op.Max), name + ".negA",
                name + ".negB");
        b.graph.addVertex(name + ".min", new ScaleVertex(-1), name + ".negMin");
        b.graph.addVertex(name, new MergeVertex(), name + ".max", name + ".min");
        b.last = name;
    }

    private static void conv(Builder b, PlainConv c) {
        int k = c.kernelSize();
        int before = k / 2;
        int after = k - 1 - before;
        int[] s = c.inputShape();
        if (c.padding() == Padding.CIRCULAR) {
            circularPad(b, c.name() + ".pad", s[1], s[2], before, after);
        } else if (k > 1) {
            b.layer(c.name() + ".pad", new ZeroPaddingLayer.Builder(before, after, before, after).build());
        }
        double[][][][] kernel = c.kernel();
        int cout = kernel.length;
        int cin = kernel[0].length;
        double[] w = new double[cout * cin * k * k];
        for (int o = 0; o < cout; o++) {
            for (int d = 0; d < cin; d++) {
                int source = b.permutation == null ? d : b.permutation[d];
                for (int p = 0; p < k; p++) {
                    System.arraycopy(kernel[o][source][p], 0, w, ((o * cin + d) * k + p) * k, k);
                }
            }
        }
        b.permutation = null;
        b.layer(c.name(), new ConvolutionLayer.Builder(k, k).nIn(cin).nOut(cout).stride(1, 1).padding(0, 0)
                .convolutionMode(ConvolutionMode.Truncate).activation(Activation.IDENTITY).hasBias(c.bias() != null)
                .build());
        b.weights.put(c.name(), new INDArray[] {
            Nd4j.createFromArray(w).reshape(cout, cin, k, k).castTo(b.dataType),
            c.bias() == null ? null : Nd4j.createFromArray(c.bias()).reshape(1, cout).castTo(b.dataType)});
    }

    /** y[i, j] = x[(i − top) mod H, (j − left) mod W] from crops and merges (pads ≤ the map size). */
    private static void circularPad(Builder b, String name, int h, int w, int before, int after) {
        if (before == 0 && after == 0) {
            return;
        }
        String rows = wrap(b, name + ".rows", b.last, h, before, after, true);
        b.last = wrap(b, name, rows, w, before, after, false);
    }

    private static String wrap(Builder b, String name, String in, int size, int before, int after, boolean rows) {
        if (before > size || after > size) {
            throw new UnsupportedLayerException(name, "circular padding", "export",
                    "padding wider than the map (" + Math.max(before, after) + " > " + size + ")");
        }
        List<String> parts = new java.util.ArrayList<>();
        if (before > 0) {
            b.graph.addLayer(name + ".before", new Cropping2D.Builder(rows ? size - before : 0, 0,
                    rows ? 0 : size - before, 0).build(), in);
            parts.add(name + ".before");
        }
        parts.add(in);
        if (after > 0) {
            b.graph.addLayer(name + ".after", new Cropping2D.Builder(0, rows ? size - after : 0, 0,
                    rows ? 0 : size - after).build(), in);
            parts.add(name + ".after");
        }
        MergeVertex merge = new MergeVertex();
        merge.setMergeAxis(rows ? 2 : 3);
        b.graph.addVertex(name, merge, parts.toArray(new String[0]));
        return name;
    }

    private static void dense(Builder b, PlainDense d) {
        double[][] m = d.weight();
        int out = m.length;
        int in = m[0].length;
        double[] w = new double[in * out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                w[i * out + o] = m[o][i];
            }
        }
        b.layer(d.name(), new DenseLayer.Builder().nIn(in).nOut(out).activation(Activation.IDENTITY)
                .hasBias(d.bias() != null).build());
        b.weights.put(d.name(), new INDArray[] {Nd4j.createFromArray(w).reshape(in, out).castTo(b.dataType),
            d.bias() == null ? null : Nd4j.createFromArray(d.bias()).reshape(1, out).castTo(b.dataType)});
    }
}
