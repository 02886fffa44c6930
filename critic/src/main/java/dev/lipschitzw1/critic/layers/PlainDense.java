package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.ShapeMismatchException;

/**
 * A materialised affine layer {@code y = W x + b} with W of shape out × in ({@code weight[o][i]}, PyTorch's Linear
 * layout). Its exact Lipschitz constant is σ_max(W) (the bias does not count).
 *
 * @param name   the layer's name
 * @param kind   {@code BjorckLinear} (W = orthonormalised matrix, σ_max ≈ 1) or {@code Dense} (unconstrained)
 * @param weight out × in, in double
 * @param bias   length out, or {@code null} for none
 */
public record PlainDense(String name, String kind, double[][] weight, double[] bias) implements PlainLayer {

    /** @throws ShapeMismatchException if the rows have different lengths or the bias has the wrong length */
    public PlainDense {
        weight = copy(weight);
        for (double[] row : weight) {
            if (row.length != weight[0].length) {
                throw new ShapeMismatchException(name + ": weight row", new int[] {weight[0].length},
                        new int[] {row.length});
            }
        }
        if (bias != null) {
            bias = bias.clone();
            if (bias.length != weight.length) {
                throw new ShapeMismatchException(name + ": bias", new int[] {weight.length}, new int[] {bias.length});
            }
        }
    }

    @Override
    public double[][] weight() {
        return copy(weight);
    }

    @Override
    public double[] bias() {
        return bias == null ? null : bias.clone();
    }

    /** Output size (rows of W). */
    public int outFeatures() {
        return weight.length;
    }

    /** Input size (columns of W). */
    public int inFeatures() {
        return weight[0].length;
    }

    @Override
    public int[] inputShape() {
        return new int[] {inFeatures()};
    }

    @Override
    public int[] outputShape() {
        return new int[] {outFeatures()};
    }

    @Override
    public double[] forward(double[] x) {
        if (x.length != inFeatures()) {
            throw new ShapeMismatchException(name + ": input", inputShape(), new int[] {x.length});
        }
        double[] y = new double[outFeatures()];
        for (int o = 0; o < y.length; o++) {
            double s = bias == null ? 0 : bias[o];
            double[] row = weight[o];
            for (int i = 0; i < row.length; i++) {
                s += row[i] * x[i];
            }
            y[o] = s;
        }
        return y;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
