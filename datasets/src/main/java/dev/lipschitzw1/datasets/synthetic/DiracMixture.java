package dev.lipschitzw1.datasets.synthetic;

import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A finite mixture of Diracs Σₖ aₖ·δ(xₖ) over images: sampling picks atom k with probability aₖ (inverse CDF on
 * one uniform draw). Its atoms and weights are exposed so exact optimal transport can be computed against it.
 */
public final class DiracMixture implements ImageDistribution {
    private final String name;
    private final ImageShape shape;
    private final float[][] atoms;
    private final double[] weights;
    private final double[] cumulative;

    /** @param weights non-negative, summing to 1 within 1e-9 (they are renormalised) */
    public DiracMixture(String name, ImageShape shape, float[][] atoms, double[] weights) {
        InvalidConfigException.require(atoms.length >= 1 && atoms.length == weights.length, "dirac.atoms",
                atoms.length, "≥ 1 atoms, as many as weights (" + weights.length + ")");
        double sum = 0;
        for (int k = 0; k < atoms.length; k++) {
            InvalidConfigException.require(atoms[k].length == shape.values(), "dirac.atoms[" + k + "].length",
                    atoms[k].length, shape.values() + " (" + shape + ")");
            for (float x : atoms[k]) {
                InvalidConfigException.require(x >= 0f && x <= 1f, "dirac.atoms[" + k + "]", x, "values in [0, 1]");
            }
            InvalidConfigException.require(weights[k] >= 0, "dirac.weights[" + k + "]", weights[k], "≥ 0");
            sum += weights[k];
        }
        InvalidConfigException.require(Math.abs(sum - 1) <= 1e-9, "dirac.weights.sum", sum, "1 within 1e-9");
        this.name = name;
        this.shape = shape;
        this.atoms = new float[atoms.length][];
        this.weights = new double[weights.length];
        this.cumulative = new double[weights.length];
        double c = 0;
        for (int k = 0; k < atoms.length; k++) {
            this.atoms[k] = atoms[k].clone();
            this.weights[k] = weights[k] / sum;
            c += this.weights[k];
            this.cumulative[k] = c;
        }
    }

    @Override
    public ImageShape shape() {
        return shape;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public INDArray sample(int n, SplittableRandom rng) {
        InvalidConfigException.require(n >= 0, "sample.n", n, "≥ 0");
        int d = shape.values();
        float[] out = new float[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(atoms[atomFor(rng.nextDouble())], 0, out, i * d, d);
        }
        return Nd4j.create(out, shape.batchShape(n), 'c').castTo(DataType.FLOAT);
    }

    private int atomFor(double u) {
        for (int k = 0; k < cumulative.length - 1; k++) {
            if (u < cumulative[k]) {
                return k;
            }
        }
        return cumulative.length - 1;
    }

    public int atomCount() {
        return atoms.length;
    }

    /** Atom k as doubles (C·H·W values). */
    public double[] atom(int k) {
        double[] out = new double[atoms[k].length];
        for (int i = 0; i < out.length; i++) {
            out[i] = atoms[k][i];
        }
        return out;
    }

    public double[] weights() {
        return weights.clone();
    }
}
