package dev.lipschitzw1.critic.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Flattens [N, C, H, W] to [N, C·H·W] in row-major (C, H, W) order, as PyTorch's {@code flatten(start_dim=1)}.
 * Certified bound 1, exact.
 */
public final class Flatten extends FixedLayer {

    public Flatten(String name, int[] inputShape) {
        super(new PlainFixed(name, PlainFixed.Op.FLATTEN, checkShape(name, inputShape, 1, 3), new double[0]));
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable x) {
        return sd.reshape(name() + "/out", x, -1, PlainLayer.size(inputShape()));
    }

    /** The adjoint of a reshape is the inverse reshape. */
    @Override
    public SDVariable inputVjp(SameDiff sd, SDVariable x, SDVariable upstream) {
        int[] s = inputShape();
        long[] shape = new long[s.length + 1];
        shape[0] = -1;
        for (int i = 0; i < s.length; i++) {
            shape[i + 1] = s[i];
        }
        return upstream.reshape(shape);
    }
}
