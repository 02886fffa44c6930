package dev.lipschitzw1.dl4j;

import dev.lipschitzw1.critic.certify.Certificate;
import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.ConvOps;
import dev.lipschitzw1.critic.layers.PlainConv;
import dev.lipschitzw1.critic.layers.PlainDense;
import dev.lipschitzw1.critic.layers.PlainFixed;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.critic.network.LayerCertification;
import dev.lipschitzw1.dl4j.conf.CircularPadding2D;
import dev.lipschitzw1.dl4j.layers.EngineLayerAdapter;
import dev.lipschitzw1.errors.ShapeMismatchException;
import dev.lipschitzw1.errors.UnsupportedLayerException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.graph.vertex.impl.PreprocessorVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Certifies a DL4J network made of this module's Lipschitz layers and the standard layers whose constant is known
 * exactly, with the critic module's certifier ({@link LayerCertification}): every layer is materialised in double as a
 * {@link PlainLayer} and bounded on its own map size, and the network bound is the product
 * <pre>  L(network) ≤ Π_l L(layer_l)  </pre>
 * Materialisation, layer by layer along the chain (a {@link MultiLayerNetwork}, or a {@link ComputationGraph} whose
 * vertices form a chain):
 * <pre>
 *   LipschitzLayerConfig layers         the engine layer's export (BCOP, RKO, OSSN, BjorckLinear, MaxMin, …)
 *   CircularPadding2D + ConvolutionLayer   PlainConv, circular (stride 1, no padding, identity, pads ⌊k/2⌋, k−1−⌊k/2⌋)
 *   DenseLayer (identity)               PlainDense
 *   ActivationLayer ReLU/LeakyReLU/identity   PlainFixed LEAKY_RELU (identity: slope 1)
 *   ZeroPaddingLayer                    PlainFixed ZERO_PAD
 *   CnnToFeedForwardPreProcessor        PlainFixed FLATTEN
 *   last OutputLayer                    PlainDense of its pre-activation (the logits); LossLayer: nothing
 * </pre>
 * The certificate is therefore that of the network's logits: the output layer's activation (softmax) and loss are not
 * part of it. Anything else throws {@link UnsupportedLayerException} naming the layer.
 */
public final class Dl4jCertifier {

    private Dl4jCertifier() {
    }

    /** One step of the chain: an optional preprocessor, then an optional layer. */
    private record Step(String name, InputPreProcessor preProcessor, Layer layer) {
    }

    /**
     * The certificate of a network's logits.
     *
     * @param inputShape per-sample input shape {C, H, W} or {D}
     */
    public static Certificate certify(MultiLayerNetwork net, int... inputShape) {
        return LayerCertification.certify(materialise(net, inputShape));
    }

    /** The certificate of a chain-shaped graph's logits. */
    public static Certificate certify(ComputationGraph graph, int... inputShape) {
        return LayerCertification.certify(materialise(graph, inputShape));
    }

    /** The network's layers as used by its forward pass, in double. */
    public static List<PlainLayer> materialise(MultiLayerNetwork net, int... inputShape) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer l = net.getLayer(i);
            steps.add(new Step(l.conf().getLayer().getLayerName(), net.getLayerWiseConfigurations().getInputPreProcess(i),
                    l));
        }
        return materialise(steps, inputShape);
    }

    /**
     * A chain-shaped graph's layers (every vertex after the input has one input and feeds the next one).
     *
     * @throws UnsupportedLayerException if the graph is not a chain
     */
    public static List<PlainLayer> materialise(ComputationGraph graph, int... inputShape) {
        List<Step> steps = new ArrayList<>();
        GraphVertex[] vertices = graph.getVertices();
        int previous = -1;
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex v = vertices[index];
            if (v.isInputVertex()) {
                previous = index;
                continue;
            }
            if (v.getInputVertices() == null || v.getInputVertices().length != 1
                    || v.getInputVertices()[0].getVertexIndex() != previous) {
                throw new UnsupportedLayerException(v.getVertexName(), v.getClass().getSimpleName(), "certification",
                        "the certifier reads chains of layers; certify branched graphs layer by layer");
            }
            previous = index;
            if (v instanceof LayerVertex lv) {
                steps.add(new Step(v.getVertexName(), lv.getLayerPreProcessor(), lv.getLayer()));
            } else if (v instanceof PreprocessorVertex pv) {
                steps.add(new Step(v.getVertexName(), pv.getPreProcessor(), null));
            } else {
                throw new UnsupportedLayerException(v.getVertexName(), v.getClass().getSimpleName(), "certification",
                        "only layer and preprocessor vertices are certified");
            }
        }
        return materialise(steps, inputShape);
    }

    private static List<PlainLayer> materialise(List<Step> steps, int[] inputShape) {
        List<PlainLayer> out = new ArrayList<>();
        int[] shape = inputShape.clone();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.preProcessor() != null) {
                if (!(s.preProcessor() instanceof CnnToFeedForwardPreProcessor) || shape.length != 3) {
                    throw new UnsupportedLayerException(s.name(), s.preProcessor().getClass().getSimpleName(),
                            "certification", "only the flattening CnnToFeedForwardPreProcessor is certified");
                }
                shape = add(out, new PlainFixed(s.name() + ".flatten", PlainFixed.Op.FLATTEN, shape, new double[0]));
            }
            if (s.layer() == null) {
                continue;
            }
            boolean last = i == steps.size() - 1;
            org.deeplearning4j.nn.conf.layers.Layer conf = s.layer().conf().getLayer();
            if (s.layer() instanceof EngineLayerAdapter a) {
                PlainLayer p = a.export();
                check(s.name(), p.inputShape(), shape);
                shape = add(out, p);
            } else if (conf instanceof CircularPadding2D pad) {
                if (last || steps.get(i + 1).preProcessor() != null
                        || !(steps.get(i + 1).layer().conf().getLayer() instanceof ConvolutionLayer)) {
                    throw new UnsupportedLayerException(s.name(), "CircularPadding2D", "certification",
                            "circular padding is certified only directly before a ConvolutionLayer");
                }
                Step next = steps.get(++i);
                shape = add(out, circularConv(next, pad.getPadding(), shape));
            } else if (conf instanceof LossLayer && last) {
                break;
            } else if ((conf instanceof DenseLayer d && identity(d.getActivationFn()))
                    || (conf instanceof BaseOutputLayer && last)) {
                PlainDense p = dense(s);
                check(s.name(), p.inputShape(), shape);
                shape = add(out, p);
            } else if (conf instanceof ActivationLayer act && slope(act.getActivationFn()) != null) {
                shape = add(out, new PlainFixed(s.name(), PlainFixed.Op.LEAKY_RELU, shape,
                        new double[] {slope(act.getActivationFn())}));
            } else if (conf instanceof ZeroPaddingLayer z && shape.length == 3) {
                int[] p = z.getPadding();
                shape = add(out, new PlainFixed(s.name(), PlainFixed.Op.ZERO_PAD, shape,
                        new double[] {p[0], p[1], p[2], p[3]}));
            } else {
                throw new UnsupportedLayerException(s.name(), conf.getClass().getSimpleName(), "certification",
                        "not a layer with a known Lipschitz constant (see Dl4jCertifier's list)");
            }
        }
        return out;
    }

    private static PlainConv circularConv(Step conv, int[] pad, int[] shape) {
        ConvolutionLayer c = (ConvolutionLayer) conv.layer().conf().getLayer();
        int k = c.getKernelSize()[0];
        boolean plain = c.getKernelSize()[1] == k && Arrays.equals(c.getStride(), new int[] {1, 1})
                && Arrays.equals(c.getDilation(), new int[] {1, 1}) && Arrays.equals(c.getPadding(), new int[] {0, 0})
                && c.getConvolutionMode() != ConvolutionMode.Same && identity(c.getActivationFn())
                && Arrays.equals(pad, new int[] {k / 2, k - 1 - k / 2, k / 2, k - 1 - k / 2});
        if (!plain) {
            throw new UnsupportedLayerException(conv.name(), "ConvolutionLayer", "certification",
                    "after CircularPadding2D.forKernel(k): a k×k, stride-1, undilated, unpadded convolution with "
                            + "identity activation");
        }
        INDArray w = conv.layer().getParam("W");
        double[] v = ConvOps.toDoubles(w);
        int cout = (int) w.size(0);
        int cin = (int) w.size(1);
        double[][][][] kernel = new double[cout][cin][k][k];
        for (int o = 0; o < cout; o++) {
            for (int ci = 0; ci < cin; ci++) {
                for (int p = 0; p < k; p++) {
                    System.arraycopy(v, ((o * cin + ci) * k + p) * k, kernel[o][ci][p], 0, k);
                }
            }
        }
        INDArray b = c.hasBias() ? conv.layer().getParam("b") : null;
        return new PlainConv(conv.name(), "Conv2d", kernel, b == null ? null : ConvOps.toDoubles(b), shape,
                Padding.CIRCULAR);
    }

    /** A DL4J dense layer (W [nIn, nOut], x·W + b) as out × in. */
    private static PlainDense dense(Step s) {
        INDArray w = s.layer().getParam("W");
        double[] v = ConvOps.toDoubles(w);
        int in = (int) w.size(0);
        int outs = (int) w.size(1);
        double[][] m = new double[outs][in];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < outs; o++) {
                m[o][i] = v[i * outs + o];
            }
        }
        boolean hasBias = s.layer().paramTable().containsKey("b");
        return new PlainDense(s.name(), "Dense", m, hasBias ? ConvOps.toDoubles(s.layer().getParam("b")) : null);
    }

    private static boolean identity(IActivation a) {
        return a instanceof ActivationIdentity;
    }

    /** The slope of a (leaky) ReLU or the identity below 0, or {@code null} for other activations. */
    private static Double slope(IActivation a) {
        if (a instanceof ActivationIdentity) {
            return 1.0;
        }
        if (a instanceof ActivationReLU r) {
            return r.getMax() == null && r.getThreshold() == 0.0 && r.getNegativeSlope() == 0.0 ? 0.0 : null;
        }
        if (a instanceof ActivationLReLU l && l.getAlpha() >= 0 && l.getAlpha() <= 1) {
            return l.getAlpha();
        }
        return null;
    }

    private static void check(String name, int[] expected, int[] found) {
        if (!Arrays.equals(expected, found)) {
            throw new ShapeMismatchException(name + " input", expected, found);
        }
    }

    private static int[] add(List<PlainLayer> out, PlainLayer layer) {
        out.add(layer);
        return layer.outputShape();
    }
}
