package dev.lipschitzw1.critic.orthogonal;

import dev.lipschitzw1.critic.layers.EagerOp;
import dev.lipschitzw1.critic.layers.SameDiffSessions;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Broadcast;
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

    /**
     * Makes both op classes known to SameDiff. A saved graph that holds them (a critic archive, a checkpoint) can be
     * deserialised only after this, so loaders call it: in a fresh JVM nothing else has registered them yet.
     */
    public static void registerOps() {
        REGISTERED.get();
    }

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
            // The whole stack at once: batched products (one native call per step, whatever the batch size).
            INDArray x = d.tall(w);
            INDArray inv = inverseScales(x, cfg().powerIterations(), cfg().margin());
            out[3].assign(inv);
            Broadcast.mul(x, inv, x, 0);
            for (int t = 0; t < steps; t++) {
                INDArray p = out[2].slice(t);
                mmul(x, x, p, true, 1.0, 0.0);
                out[1].slice(t).assign(x);
                INDArray next = x.mul(1 + beta);
                mmul(x, p, next, false, -beta, 1.0);
                release(x);
                x = next;
            }
            out[0].assign(d.original(x));
            release(x, inv);
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
            INDArray g = d.tall(gq);
            INDArray s = Nd4j.create(gq.dataType(), d.b, d.n, d.n);
            for (int t = steps - 1; t >= 0; t--) {
                INDArray x = in[0].slice(t);
                INDArray p = in[1].slice(t);
                mmul(x, g, s, true, 1.0, 0.0);
                INDArray sym = s.add(s.permute(0, 2, 1));
                INDArray next = g.mul(1 + beta);
                mmul(g, p, next, false, -beta, 1.0);
                mmul(x, sym, next, false, -beta, 1.0);
                release(g, sym);
                g = next;
            }
            Broadcast.mul(g, in[2], g, 0);
            out[0].assign(d.original(g));
            release(g, s);
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> grads) {
            throw new UnsupportedOperationException("second derivatives of Björck are not implemented");
        }
    }

    /**
     * 1/(σ·margin) per matrix of the tall stack x [b, m, n], σ² the Rayleigh quotient after power iteration on xᵀx
     * from the fixed start vector (as the graph and double forms).
     */
    private static INDArray inverseScales(INDArray x, int iterations, double margin) {
        long b = x.size(0);
        int n = (int) x.size(2);
        INDArray g = Nd4j.create(x.dataType(), b, n, n);
        mmul(x, x, g, true, 1.0, 0.0);
        double[] v0 = PowerIteration.startVector(n);
        INDArray v = Nd4j.createFromArray(v0).castTo(x.dataType()).reshape(1, n, 1).repeat(0, b);
        INDArray next = Nd4j.create(x.dataType(), b, n, 1);
        for (int t = 0; t < iterations; t++) {
            mmul(g, v, next, false, 1.0, 0.0);
            INDArray norms = next.norm2(1, 2);
            Broadcast.div(next, norms, v, 0);
            release(norms);
        }
        mmul(g, v, next, false, 1.0, 0.0);
        INDArray vgv = v.mul(next);
        INDArray rayleigh = vgv.sum(1, 2);
        release(g, v, next, vgv);
        for (int i = 0; i < b; i++) {
            double s = Math.sqrt(rayleigh.getDouble(i));
            if (!(s > 0)) {
                throw new IllegalArgumentException("bjorck input is zero (scale " + s + "): nothing to orthonormalise");
            }
            rayleigh.putScalar(i, 1 / (s * margin));
        }
        return rayleigh;
    }

    /**
     * Frees temporaries now: ND4J's off-heap buffers are otherwise freed only when the garbage collector finds their
     * Java objects, which with a large heap lets resident memory grow by gigabytes (the paper critic's 1024×1024
     * Björck makes ~100 MB of temporaries per step).
     */
    private static void release(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    /** z = alpha·op(a)·b + beta·z for stacks [b, ·, ·] (op = transpose of the last two axes if transposeA). */
    private static void mmul(INDArray a, INDArray b, INDArray z, boolean transposeA, double alpha, double beta) {
        Nd4j.exec(new Mmul(a, b, z, alpha, beta, new MMulTranspose(transposeA, false, false)));
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
            return (flip ? a3.permute(0, 2, 1) : a3).dup('c');
        }

        /** The inverse of {@link #tall}: a view of the stack in the original shape and orientation. */
        INDArray original(INDArray x) {
            INDArray o = flip ? x.permute(0, 2, 1) : x;
            return batched ? o : o.reshape(o.size(1), o.size(2));
        }
    }
}
