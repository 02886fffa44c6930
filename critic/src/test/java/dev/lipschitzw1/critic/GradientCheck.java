package dev.lipschitzw1.critic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test utility: compares an analytic gradient of a scalar loss with respect to one array against central finite
 * differences in double precision, with the fourth-order five-point stencil
 * <pre>  numeric_i = (−L(θ + 2h·e_i) + 8·L(θ + h·e_i) − 8·L(θ − h·e_i) + L(θ − 2h·e_i)) / (12h)
 *   relErr_i = |analytic_i − numeric_i| / max(|analytic_i|, |numeric_i|, floor)  </pre>
 * The arrays must be {@link DataType#DOUBLE} (float32 finite differences are noise). The array is perturbed in place and restored exactly after each evaluation. Truncation error is O(h⁴·L⁽⁵⁾), rounding error
 * O(ε·|L|/h): with h = 1e-4 both are about 1e-12 relative for losses of order one, so a 1e-6 tolerance has room even
 * for gradient entries a thousand times smaller than the loss (the plain two-point stencil has not).
 */
public final class GradientCheck {

    /** Default central-difference step. */
    public static final double DEFAULT_STEP = 1e-4;
    /** Default lower bound on the denominator of the relative error, so that near-zero gradients are compared absolutely. */
    public static final double DEFAULT_FLOOR = 1e-8;

    private GradientCheck() {
    }

    /**
     * Outcome of a check: the largest relative error, the flat index where it occurred, both gradient values there, and
     * how many entries were checked.
     */
    public record Result(double maxRelError, long worstIndex, double analytic, double numeric, int checked) {
        @Override
        public String toString() {
            return String.format("max rel. error %.3e at flat index %d (analytic %.12e, numeric %.12e; %d entries checked)",
                    maxRelError, worstIndex, analytic, numeric, checked);
        }
    }

    /**
     * Checks every entry of {@code param} (or a random subset of {@code maxEntries} when it has more) with the default
     * step and floor.
     *
     * @param param    a DOUBLE array the loss reads, perturbed in place and restored exactly
     * @param loss     evaluates the scalar loss at the current value of {@code param}
     * @param analytic the gradient to check, same shape as {@code param}
     * @param seed     selects the subset
     */
    public static Result check(INDArray param, DoubleSupplier loss, INDArray analytic, int maxEntries, long seed) {
        return check(param, loss, analytic, maxEntries, seed, DEFAULT_STEP, DEFAULT_FLOOR);
    }

    /** As {@link #check(INDArray, DoubleSupplier, INDArray, int, long)} with an explicit step and floor. */
    public static Result check(INDArray param, DoubleSupplier loss, INDArray analytic, int maxEntries, long seed,
                               double h, double floor) {
        if (param.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("gradient check needs DOUBLE arrays; got " + param.dataType());
        }
        INDArray flatParam = param.reshape(param.length());
        INDArray flatGrad = analytic.dup('c').reshape(analytic.length());
        List<Long> indices = chooseIndices(param.length(), maxEntries, seed);
        double worst = -1;
        long worstIndex = -1;
        double worstA = 0;
        double worstN = 0;
        for (long i : indices) {
            double original = flatParam.getDouble(i);
            double[] f = new double[4];
            double[] offsets = {2 * h, h, -h, -2 * h};
            for (int s = 0; s < 4; s++) {
                flatParam.putScalar(i, original + offsets[s]);
                f[s] = loss.getAsDouble();
            }
            flatParam.putScalar(i, original);
            double numeric = (-f[0] + 8 * f[1] - 8 * f[2] + f[3]) / (12 * h);
            double a = flatGrad.getDouble(i);
            double rel = Math.abs(a - numeric) / Math.max(floor, Math.max(Math.abs(a), Math.abs(numeric)));
            if (!(rel <= worst)) {
                worst = rel;
                worstIndex = i;
                worstA = a;
                worstN = numeric;
            }
        }
        return new Result(worst, worstIndex, worstA, worstN, indices.size());
    }

    private static List<Long> chooseIndices(long length, int maxEntries, long seed) {
        List<Long> all = new ArrayList<>();
        if (length <= maxEntries) {
            for (long i = 0; i < length; i++) {
                all.add(i);
            }
            return all;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        java.util.Set<Long> chosen = new java.util.LinkedHashSet<>();
        while (chosen.size() < maxEntries) {
            chosen.add(rng.nextLong(length));
        }
        all.addAll(chosen);
        return all;
    }
}
