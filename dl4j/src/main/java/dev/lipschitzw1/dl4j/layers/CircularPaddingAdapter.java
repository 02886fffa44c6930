package dev.lipschitzw1.dl4j.layers;

import dev.lipschitzw1.critic.layers.ConvOps;
import dev.lipschitzw1.dl4j.conf.CircularPadding2D;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs {@link CircularPadding2D} with the engine's kernels: {@code ConvOps.circularPad} forwards and its adjoint
 * {@code ConvOps.circularPadAdjoint} (each copy added back to the pixel it came from) backwards.
 */
public final class CircularPaddingAdapter extends AbstractLayer<CircularPadding2D> {

    public CircularPaddingAdapter(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        int[] p = layerConf().getPadding();
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, ConvOps.circularPad(contiguous(input), p[0], p[1], p[2], p[3]));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        int[] p = layerConf().getPadding();
        INDArray dx = ConvOps.circularPadAdjoint(contiguous(epsilon), p[0], p[1], p[2], p[3]);
        return new Pair<>(new DefaultGradient(), workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, dx));
    }

    private INDArray contiguous(INDArray a) {
        INDArray x = a.dataType() == dataType ? a : a.castTo(dataType);
        return x.isView() || x.ordering() != 'c' ? x.dup('c') : x;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return 0;
    }
}
