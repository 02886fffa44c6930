package dev.lipschitzw1.critic.orthogonal;

import dev.lipschitzw1.errors.InvalidConfigException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import dev.lipschitzw1.critic.tensor.Kernels;
import dev.lipschitzw1.critic.tensor.Ops;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Björck orthonormalisation of a matrix or a stack of matrices in eager ND4J calls, with its exact backward pass
 * (the same iteration as {@link Bjorck#orthonormalise(double[][], BjorckConfig)}, in the array's precision):
 * <pre>
 *   X₀ = W·(1/s),   Pₜ = XₜᵀXₜ,   X_{t+1} = (1+β)·Xₜ − β·Xₜ Pₜ,   Q = X_T
 *   POWER_ITERATION:  s = √(vᵀ(WᵀW)v)·margin  (v after the power iteration, a constant for the gradient, as LConvNet)
 *   FROBENIUS:        s = ‖W‖_F·margin          (differentiated)
 * </pre>
 * on the tall orientation of each matrix (m ≥ n; a wide W is transposed first and Q transposed back). Backward, with
 * G = ∂L/∂X_{t+1}:
 * <pre>
 *   ∂L/∂Xₜ = (1+β)·G − β·(G Pₜ + Xₜ (XₜᵀG + GᵀXₜ)) = G·Mₜ − β·Xₜ(XₜᵀG + GᵀXₜ),   Mₜ = (1+β)I − βPₜ
 *   ∂L/∂W  = G₀/s                                  (POWER_ITERATION)
 *   ∂L/∂W  = (G₀ − X₀·⟨X₀, G₀⟩)/s                  (FROBENIUS, since X₀ = W/‖W‖_F up to the margin)
 * </pre>
 * A whole stack [b, m, n] runs as batched products (one native call per step for all b matrices): 2 products per step
 * forward, 3 backward (through {@link Ops}: host BLAS on the CPU backend). The iterates and the Mₜ are kept for the backward pass, in the caller's workspace.
 */
public final class BjorckStack {

    private final Dims dims;
    private final BjorckConfig cfg;
    private final INDArray q;
    private final INDArray[] iterates;
    private final INDArray[] grams;
    private final INDArray inverseScales;

    private BjorckStack(Dims dims, BjorckConfig cfg, INDArray q, INDArray[] iterates, INDArray[] grams,
                        INDArray inverseScales) {
        this.dims = dims;
        this.cfg = cfg;
        this.q = q;
        this.iterates = iterates;
        this.grams = grams;
        this.inverseScales = inverseScales;
    }

    /**
     * Orthonormalises {@code w}, keeping what {@link #backward} needs.
     *
     * @param w [m, n] or [b, m, n], float or double, not zero
     * @throws InvalidConfigException if {@code w} is not of rank 2 or 3
     * @throws IllegalArgumentException if a matrix is zero (nothing to orthonormalise)
     */
    public static BjorckStack orthonormalise(INDArray w, BjorckConfig cfg) {
        InvalidConfigException.require(w.rank() == 2 || w.rank() == 3, "bjorck.input.shape",
                java.util.Arrays.toString(w.shape()), "[m, n] or [b, m, n]");
        Dims d = new Dims(w.shape());
        int steps = cfg.iterations();
        double beta = cfg.beta();
        INDArray x = d.tall(w);
        INDArray inv = cfg.prescale() == BjorckConfig.Prescale.FROBENIUS
                ? frobeniusInverseScales(x, cfg.margin()) : inverseScales(x, cfg.powerIterations(), cfg.margin());
        Ops.mul(x, inv, x);
        INDArray[] xs = new INDArray[steps];
        INDArray[] ms = new INDArray[steps];
        for (int t = 0; t < steps; t++) {
            // Mₜ = (1+β)I − β·XₜᵀXₜ, X_{t+1} = Xₜ Mₜ: two products per step.
            INDArray m = Kernels.symmetriseAndShift(Ops.matmul(x, x, true, false, -beta), false, 1 + beta);
            xs[t] = x;
            ms[t] = m;
            x = Ops.matmul(x, m, false, false, 1.0);
        }
        return new BjorckStack(d, cfg, d.original(x), xs, ms, inv);
    }

    /** Q in the shape and orientation of the input (a view). */
    public INDArray q() {
        return q;
    }

    /**
     * ∂L/∂W for ∂L/∂Q = {@code gradQ} (the shape of W): per step ∂L/∂Xₜ = G·Mₜ − β·Xₜ(XₜᵀG + GᵀXₜ).
     */
    public INDArray backward(INDArray gradQ) {
        double beta = cfg.beta();
        INDArray g = dims.tall(gradQ);
        for (int t = cfg.iterations() - 1; t >= 0; t--) {
            INDArray x = iterates[t];
            INDArray sym = Kernels.symmetriseAndShift(Ops.matmul(x, g, true, false, 1.0), true, 0);
            INDArray next = Ops.matmul(g, grams[t], false, false, 1.0);
            Ops.matmul(x, sym, next, false, false, -beta, 1.0);
            g = next;
        }
        if (cfg.prescale() == BjorckConfig.Prescale.FROBENIUS) {
            // X₀ = W·inv with inv = 1/(‖W‖·margin): ∂L/∂W = inv·(G₀ − X₀⟨X₀, G₀⟩·margin²).
            INDArray x0 = iterates[0];
            INDArray dot = x0.mul(g).sum(true, 1, 2).muli(cfg.margin() * cfg.margin());
            g.subi(Ops.mul(x0, dot, Nd4j.create(x0.dataType(), x0.shape())));
        }
        Ops.mul(g, inverseScales, g);
        return dims.originalCopy(g);
    }

    /**
     * 1/(σ·margin) per matrix of the tall stack x [b, m, n] as [b, 1, 1], σ² the Rayleigh quotient after power
     * iteration on xᵀx from {@link PowerIteration#startVector}: the Gram matrices come from one batched product, the
     * iteration runs in double ({@link PowerIteration#rayleighQuotient}), as the double form.
     */
    private static INDArray inverseScales(INDArray x, int iterations, double margin) {
        int b = (int) x.size(0);
        int n = (int) x.size(2);
        INDArray gram = Ops.matmul(x, x, true, false, 1.0);
        double[] squares = new double[b];
        for (int i = 0; i < b; i++) {
            // One n×n Gram matrix at a time, in this thread's scratch (no stack-sized Java array per step).
            squares[i] = PowerIteration.rayleighQuotient(Kernels.blockAsDoubles(gram, i, n * n), 0, n, iterations);
        }
        return checkedInverse(squares, margin, x.dataType());
    }

    private static INDArray frobeniusInverseScales(INDArray x, double margin) {
        INDArray ss = x.mul(x).sum(1, 2);
        return checkedInverse(ss.castTo(DataType.DOUBLE).toDoubleVector(), margin, x.dataType());
    }

    /** 1/(√q·margin) per entry as [b, 1, 1], refusing zero matrices. */
    private static INDArray checkedInverse(double[] squares, double margin, DataType dt) {
        double[] inv = new double[squares.length];
        for (int i = 0; i < squares.length; i++) {
            double s = Math.sqrt(squares[i]);
            if (!(s > 0)) {
                throw new IllegalArgumentException("bjorck input is zero (scale " + s + "): nothing to orthonormalise");
            }
            inv[i] = 1 / (s * margin);
        }
        return Nd4j.createFromArray(inv).castTo(dt).reshape(squares.length, 1, 1);
    }

    /** Batch size, tall shape m' ≥ n' and orientation of a [m, n] or [b, m, n] shape. */
    private static final class Dims {
        final boolean batched;
        final boolean flip;
        final int b;
        final int m;
        final int n;

        Dims(long[] shape) {
            batched = shape.length == 3;
            b = batched ? (int) shape[0] : 1;
            long rows = shape[shape.length - 2];
            long cols = shape[shape.length - 1];
            flip = rows < cols;
            m = (int) Math.max(rows, cols);
            n = (int) Math.min(rows, cols);
        }

        /** A c-order copy of a [m, n] or [b, m, n] array as the tall stack [b, m', n']. */
        INDArray tall(INDArray a) {
            INDArray a3 = batched ? a : a.reshape(1, a.size(0), a.size(1));
            return flip ? Kernels.permutedCopy(a3, 0, 2, 1) : a3.dup('c');
        }

        /** The inverse of {@link #tall}: a view of the stack in the original shape and orientation. */
        INDArray original(INDArray x) {
            INDArray o = flip ? x.permute(0, 2, 1) : x;
            return batched ? o : o.reshape(o.size(1), o.size(2));
        }

        /** {@link #original} as a c-order copy. */
        INDArray originalCopy(INDArray x) {
            if (!flip) {
                return original(x).dup('c');
            }
            INDArray o = Kernels.permutedCopy(x, 0, 2, 1);
            return batched ? o : o.reshape(o.size(1), o.size(2));
        }
    }
}
