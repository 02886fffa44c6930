package dev.lipschitzw1.critic.tensor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The libnd4j operations the engine runs on every step, executed through one reused op object and one reused op
 * context per operation and thread, into output arrays the caller allocates (in its workspace).
 *
 * <p>Why: in ND4J 1.0.0-M2.1 every {@code INDArray} method call or {@code new Op(…)} builds a Java op object (a random
 * UUID, several hash maps) and a native op context that is registered with the deallocator and freed again — measured
 * 70–130 µs per call on this project's machines, against 2–10 µs for the same operation through a reused op and
 * context. A critic step runs a few hundred small operations (Björck iterations, BCOP taps, the optimiser), so this
 * overhead, not arithmetic, decided its speed. The arithmetic is libnd4j's own (BLAS or oneDNN for products and
 * convolutions); only the Java-side bookkeeping is skipped. Contexts are per thread, so parallel seeds do not share
 * them. Every method writes into {@code out} and returns it.
 */
public final class Ops {

    private static final ThreadLocal<Map<String, Entry>> CACHE = ThreadLocal.withInitial(HashMap::new);

    /** An op, its context and how many calls the context has served (see {@link #CONTEXT_USES}). */
    private static final class Entry {
        final DynamicCustomOp op;
        final long[] iArgs;
        final double[] tArgs;
        OpContext context;
        int uses;

        Entry(String name, long[] iArgs, double[] tArgs) {
            this.op = DynamicCustomOp.builder(name).build();
            this.iArgs = iArgs.clone();
            this.tArgs = tArgs.clone();
            this.context = newContext();
        }

        OpContext newContext() {
            OpContext ctx = Nd4j.getExecutioner().buildContext();
            ctx.setIArguments(iArgs);
            ctx.setTArguments(tArgs);
            return ctx;
        }

        /** The context for one more call: a fresh one once this one has served {@link #CONTEXT_USES} calls. */
        OpContext take() {
            if (++uses > CONTEXT_USES) {
                try {
                    context.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing a native op context failed", e);
                }
                context = newContext();
                uses = 1;
            }
            return context;
        }
    }

    /**
     * Calls one native op context serves before it is replaced. libnd4j's context keeps a handle of every array set on
     * it until the context is deleted, so resident memory grows with every call through a reused context: measured over
     * 100,000 additions of the same arrays (heap pre-touched), +24 MB (≈ 300 bytes per call) with one context for all,
     * +15 MB (≈ 190 bytes per call) with a fresh context every 1,000 calls. Replacing contexts removes that part for
     * one context creation (≈ 0.1 ms) per 1,000 calls; the rest of the growth is elsewhere in libnd4j's call path and
     * not yet found (docs/benchmarks.md).
     */
    static final int CONTEXT_USES = 1000;

    private Ops() {
    }

    /**
     * Executes the libnd4j custom op {@code name}.
     *
     * @param iArgs integer arguments (may be empty)
     * @param tArgs floating-point arguments (may be empty)
     */
    public static void exec(String name, INDArray[] in, INDArray[] out, long[] iArgs, double[] tArgs) {
        // One context per (op, input count, output count, arguments): a context keeps the arrays of earlier calls
        // beyond the ones set now, so calls with fewer inputs must not share it with calls with more; and setting
        // arguments allocates native memory, so each argument list is set once, when its context is made.
        String key = name + "/" + in.length + "/" + out.length + "/" + Arrays.toString(iArgs) + "/"
                + Arrays.toString(tArgs);
        Entry e = CACHE.get().computeIfAbsent(key, n -> new Entry(name, iArgs, tArgs));
        OpContext ctx = e.take();
        ctx.setInputArrays(in);
        ctx.setOutputArrays(out);
        Nd4j.getExecutioner().exec(e.op, ctx);
    }

    private static final long[] NO_INTS = {};
    private static final double[] NO_DOUBLES = {};

    /**
     * out = alpha·op(a)·op(b) + beta·out for matrices or stacks [b, ·, ·] (op: transpose of the last two axes when
     * asked): OpenBLAS directly for dense host arrays ({@link HostBlas}), ND4J's op otherwise.
     */
    public static INDArray matmul(INDArray a, INDArray b, INDArray out, boolean transposeA, boolean transposeB,
                                  double alpha, double beta) {
        if (HostBlas.accepts(a, b, out)) {
            HostBlas.gemm(a, b, out, transposeA, transposeB, alpha, beta);
            return out;
        }
        exec("matmul", new INDArray[] {a, b}, new INDArray[] {out},
                new long[] {transposeA ? 1 : 0, transposeB ? 1 : 0, 0}, new double[] {alpha, beta});
        return out;
    }

    /** A new (workspace) array for alpha·op(a)·op(b). */
    public static INDArray matmul(INDArray a, INDArray b, boolean transposeA, boolean transposeB, double alpha) {
        long[] sa = a.shape();
        long[] sb = b.shape();
        int r = sa.length;
        long rows = transposeA ? sa[r - 1] : sa[r - 2];
        long cols = transposeB ? sb[r - 2] : sb[r - 1];
        long[] shape = sa.clone();
        shape[r - 2] = rows;
        shape[r - 1] = cols;
        INDArray out = Nd4j.createUninitialized(a.dataType(), shape);
        if (HostBlas.accepts(a, b, out)) {
            // β = 0: BLAS never reads C, so it need not be cleared.
            HostBlas.gemm(a, b, out, transposeA, transposeB, alpha, 0.0);
            return out;
        }
        return matmul(a, b, Nd4j.create(a.dataType(), shape), transposeA, transposeB, alpha, 0.0);
    }

    /** out = a + b (numpy broadcasting). */
    public static INDArray add(INDArray a, INDArray b, INDArray out) {
        exec("add", new INDArray[] {a, b}, new INDArray[] {out}, NO_INTS, NO_DOUBLES);
        return out;
    }

    /** out = a − b (numpy broadcasting). */
    public static INDArray sub(INDArray a, INDArray b, INDArray out) {
        exec("subtract", new INDArray[] {a, b}, new INDArray[] {out}, NO_INTS, NO_DOUBLES);
        return out;
    }

    /** out = a ⊙ b (numpy broadcasting). */
    public static INDArray mul(INDArray a, INDArray b, INDArray out) {
        exec("multiply", new INDArray[] {a, b}, new INDArray[] {out}, NO_INTS, NO_DOUBLES);
        return out;
    }

    /** out = a / b (numpy broadcasting). */
    public static INDArray div(INDArray a, INDArray b, INDArray out) {
        exec("divide", new INDArray[] {a, b}, new INDArray[] {out}, NO_INTS, NO_DOUBLES);
        return out;
    }

    /** out = a·s (s a constant). */
    public static INDArray scale(INDArray a, double s, INDArray out) {
        return mul(a, Nd4j.scalar(a.dataType(), s), out);
    }

    /** A new array a + b. */
    public static INDArray add(INDArray a, INDArray b) {
        return add(a, b, Nd4j.create(a.dataType(), a.shape()));
    }

    /** A new array a − b. */
    public static INDArray sub(INDArray a, INDArray b) {
        return sub(a, b, Nd4j.create(a.dataType(), a.shape()));
    }

    /** A new array a ⊙ b (same shapes). */
    public static INDArray mul(INDArray a, INDArray b) {
        return mul(a, b, Nd4j.create(a.dataType(), a.shape()));
    }

    /** A new array a·s. */
    public static INDArray scale(INDArray a, double s) {
        return scale(a, s, Nd4j.create(a.dataType(), a.shape()));
    }
}
