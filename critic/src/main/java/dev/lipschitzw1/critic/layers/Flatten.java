package dev.lipschitzw1.critic.layers;


import org.nd4j.linalg.api.ndarray.INDArray;
/**
 * Flattens [N, C, H, W] to [N, C·H·W] in row-major (C, H, W) order, as PyTorch's {@code flatten(start_dim=1)}.
 * Certified bound 1, exact.
 */
public final class Flatten extends FixedLayer {

    public Flatten(String name, int[] inputShape) {
        super(new PlainFixed(name, PlainFixed.Op.FLATTEN, checkShape(name, inputShape, 1, 3), new double[0]));
    }

    @Override
    public INDArray forward(INDArray x) {
        return x.dup('c').reshape('c', x.size(0), PlainLayer.size(inputShape()));
    }

    /** The adjoint of a reshape is the inverse reshape. */
    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        int[] s = inputShape();
        long[] shape = new long[s.length + 1];
        shape[0] = gradOut.size(0);
        for (int i = 0; i < s.length; i++) {
            shape[i + 1] = s[i];
        }
        return gradOut.dup('c').reshape('c', shape);
    }

    /** Linear: the Jacobian is the layer itself. */
    @Override
    public INDArray jvp(INDArray r) {
        return forward(r);
    }
}
