package dev.lipschitzw1.critic.orthogonal;

import dev.lipschitzw1.critic.layers.EagerOp;
import dev.lipschitzw1.critic.layers.SameDiffSessions;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Björck orthonormalisation with the power-iteration pre-scale as ONE graph node ({@link EagerOp}), forward and
 * backward in eager BLAS calls, for {@link Bjorck#orthonormalise(SameDiff, SDVariable, BjorckConfig)}.
 *
 * <p>For each matrix (tall orientation X, m ≥ n; a wide W is transposed first):
 * <pre>
 *   X₀ = W·(1/s),  s = √(vᵀ(WᵀW)v)·margin   (v: the power-iteration vector, a stop-gradient, as in the graph form)
 *   Pₜ = XₜᵀXₜ,  X_{t+1} = (1+β)·Xₜ − β·Xₜ Pₜ
 * </pre>
 * Outputs: Q = X_T (in W's orientation), the iterates Xₜ and Gram matrices Pₜ (t = 0 … T−1, kept for the backward
 * pass, as autodiff would keep them) and 1/s per matrix. Backward, with G = ∂L/∂X_{t+1}:
 * <pre>  ∂L/∂Xₜ = (1+β)·G − β·(G Pₜ + Xₜ (XₜᵀG + GᵀXₜ)),   ∂L/∂W = ∂L/∂X₀ · (1/s)  </pre>
 * 2 matrix products per step forward and 3 backward (SameDiff's autodiff of the graph form: 2 + 4, in ~130 + ~300
 * graph nodes for 20 steps).
 */
public final class EagerBjorck {

    private EagerBjorck() {
    }

    /** Registers both op classes with SameDiff once. */
    private static final java.util.function.Supplier<Boolean> REGISTERED = new java.util.function.Supplier<>() {
        private volatile boolean done;

        @Override
        public Boolean get() {
            if (!done) {
                EagerOp.register(new Forward());
                EagerOp.register(new Backward());
                done = true;
            }
            return true;
        }
    };

    /** Settings as op arguments: iArgs {iterations, power iterations}, tArgs {β, margin}. */
    private static void addArguments(EagerOp op, BjorckConfig cfg) {
        op.addIArgument(cfg.iterations(), cfg.powerIterations());
        op.addTArgument(cfg.beta(), cfg.margin());
    }

    private static BjorckConfig fromArguments(EagerOp op) {
        long[] i = op.iArgs();
        double[] t = op.tArgs();
        return new BjorckConfig((int) i[0], t[0], BjorckConfig.Prescale.POWER_ITERATION, (int) i[1], t[1]);
    }

    /** Q = Björck(W) for W [m, n] or [b, m, n]. */
    static SDVariable orthonormalise(SameDiff sd, SDVariable w, BjorckConfig cfg) {
        SameDiffSessions.install(sd);
        REGISTERED.get();
        return new Forward(sd, w, cfg).outputVariables()[0];
    }

    /** The forward node: outputs Q, iterates [T, b, m', n'], Grams [T, b, n', n'], inverse scales [b]. */
    public static final class Forward extends EagerOp {
        private BjorckConfig cfg;

        private BjorckConfig cfg() {
            if (cfg == null) {
                cfg = fromArguments(this);
            }
            return cfg;
        }

        /** For SameDiff's reflection only. */
        public Forward() {
        }

        Forward(SameDiff sd, SDVariable w, BjorckConfig cfg) {
            super(sd, w);
            this.cfg = cfg;
            addArguments(this, cfg);
        }

        @Override
        public void configureFromArguments() {
            cfg = fromArguments(this);
        }

        @Override
        protected int outputCount() {
            return 4;
        }

        @Override
        protected long[][] outputShapes(long[][] in) {
            Dims d = new Dims(in[0]);
            int steps = Math.max(cfg().iterations(), 1);
            return new long[][] {in[0].clone(), {steps, d.b, d.m, d.n}, {steps, d.b, d.n, d.n}, {d.b}};
        }

        @Override
        public void compute(INDArray[] in, INDArray[] out) {
            INDArray w = in[0];
            Dims d = new Dims(w.shape());
            int steps = cfg().iterations();
            double beta = cfg().beta();
            INDArray iterates = out[1].reshape('c', (long) out[1].size(0) * d.b, d.m, d.n);
            INDArray grams = out[2].reshape('c', (long) out[2].size(0) * d.b, d.n, d.n);
            INDArray q3 = d.batched ? out[0] : out[0].reshape('c', 1, out[0].size(0), out[0].size(1));
            INDArray w3 = d.batched ? w : w.reshape('c', 1, w.size(0), w.size(1));
            for (int i = 0; i < d.b; i++) {
                INDArray wi = w3.slice(i);
                INDArray x = (d.flip ? wi.transpose() : wi).dup('c');
                double inv = 1 / (powerIterationScale(x, cfg().powerIterations()) * cfg().margin());
                out[3].putScalar(i, inv);
                x.muli(inv);
                for (int t = 0; t < steps; t++) {
                    INDArray p = grams.slice((long) t * d.b + i);
                    Nd4j.gemm(x, x, p, true, false, 1.0, 0.0);
                    iterates.slice((long) t * d.b + i).assign(x);
                    INDArray next = x.mul(1 + beta);
                    Nd4j.gemm(x, p, next, false, false, -beta, 1.0);
                    x = next;
                }
                q3.slice(i).assign(d.flip ? x.transpose() : x);
            }
            if (steps == 0) {
                out[1].assign(0);
                out[2].assign(0);
            }
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> grads) {
            SDVariable[] outs = outputVariables();
            SDVariable g = new Backward(sameDiff, outs[1], outs[2], outs[3], grads.get(0), cfg()).outputVariables()[0];
            return List.of(g);
        }
    }

    /** The backward node: inputs iterates, Grams, inverse scales and ∂L/∂Q; output ∂L/∂W. */
    public static final class Backward extends EagerOp {
        private BjorckConfig cfg;

        private BjorckConfig cfg() {
            if (cfg == null) {
                cfg = fromArguments(this);
            }
            return cfg;
        }

        /** For SameDiff's reflection only. */
        public Backward() {
        }

        Backward(SameDiff sd, SDVariable iterates, SDVariable grams, SDVariable inv, SDVariable gradQ, BjorckConfig cfg) {
            super(sd, iterates, grams, inv, gradQ);
            this.cfg = cfg;
            addArguments(this, cfg);
        }

        @Override
        public void configureFromArguments() {
            cfg = fromArguments(this);
        }

        @Override
        protected int outputCount() {
            return 1;
        }

        @Override
        protected long[][] outputShapes(long[][] in) {
            return new long[][] {in[3].clone()};
        }

        @Override
        public void compute(INDArray[] in, INDArray[] out) {
            INDArray gq = in[3];
            Dims d = new Dims(gq.shape());
            int steps = cfg().iterations();
            double beta = cfg().beta();
            INDArray iterates = in[0].reshape('c', in[0].size(0) * d.b, d.m, d.n);
            INDArray grams = in[1].reshape('c', in[1].size(0) * d.b, d.n, d.n);
            INDArray g3 = d.batched ? gq : gq.reshape('c', 1, gq.size(0), gq.size(1));
            INDArray o3 = d.batched ? out[0] : out[0].reshape('c', 1, out[0].size(0), out[0].size(1));
            INDArray s = Nd4j.create(gq.dataType(), d.n, d.n);
            for (int i = 0; i < d.b; i++) {
                INDArray gi = g3.slice(i);
                INDArray g = (d.flip ? gi.transpose() : gi).dup('c');
                for (int t = steps - 1; t >= 0; t--) {
                    INDArray x = iterates.slice((long) t * d.b + i);
                    INDArray p = grams.slice((long) t * d.b + i);
                    Nd4j.gemm(x, g, s, true, false, 1.0, 0.0);
                    INDArray sym = s.add(s.transpose());
                    INDArray next = g.mul(1 + beta);
                    Nd4j.gemm(g, p, next, false, false, -beta, 1.0);
                    Nd4j.gemm(x, sym, next, false, false, -beta, 1.0);
                    g = next;
                }
                g.muli(in[2].getDouble(i));
                o3.slice(i).assign(d.flip ? g.transpose() : g);
            }
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> grads) {
            throw new UnsupportedOperationException("second derivatives of Björck are not implemented");
        }
    }

    /** σ_max estimate of the tall matrix x as the graph form: power iteration on xᵀx from the fixed start vector. */
    private static double powerIterationScale(INDArray x, int iterations) {
        INDArray g = Nd4j.gemm(x, x, true, false);
        double[] v0 = PowerIteration.startVector((int) x.size(1));
        INDArray v = Nd4j.createFromArray(v0).castTo(x.dataType()).reshape(v0.length, 1);
        for (int t = 0; t < iterations; t++) {
            v = g.mmul(v);
            v.muli(1 / Math.sqrt(v.mul(v).sumNumber().doubleValue()));
        }
        double rayleigh = v.transpose().mmul(g.mmul(v)).getDouble(0);
        double s = Math.sqrt(rayleigh);
        if (!(s > 0)) {
            throw new IllegalArgumentException("bjorck input is zero (scale " + s + "): nothing to orthonormalise");
        }
        return s;
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
    }
}
