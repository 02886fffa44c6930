package dev.lipschitzw1.critic.layers;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test utility: a sampled Lipschitz attack, gradient ascent on the ratio
 * <pre>  R(x, y) = ‖f(x) − f(y)‖ / ‖x − y‖  </pre>
 * from random Gaussian starts, in double. With e = f(x) − f(y), d = x − y, u = e/‖e‖:
 * <pre>  ∂R/∂x = J(x)ᵀu/‖d‖ − R·d/‖d‖²,   ∂R/∂y = −J(y)ᵀu/‖d‖ + R·d/‖d‖²  </pre>
 * and each step moves (x, y) by η·‖d‖ along the normalised joint gradient (scale-free, so the step follows the pair's
 * distance). Every evaluated R is a lower bound on the true Lipschitz constant, so the largest one found must never
 * exceed a certified bound; for a linear map the ascent converges to its operator norm.
 */
public final class LipschitzAttack {

    private LipschitzAttack() {
    }

    /** f on batches [1, shape…] with its vector–Jacobian product Jᵀu at the last input. */
    public interface Target {
        /** f(x), x [1, inputShape…]. */
        INDArray apply(INDArray x);

        /** J(x)ᵀu for the x of the last {@link #apply}. */
        INDArray pullback(INDArray u);
    }

    /** A stack of layers (evaluation weights, built once) as a target. */
    public static Target of(List<LipschitzLayer> layers) {
        for (LipschitzLayer l : layers) {
            l.prepare(false);
        }
        return new Target() {
            @Override
            public INDArray apply(INDArray x) {
                INDArray h = x;
                for (LipschitzLayer l : layers) {
                    h = l.forward(h);
                }
                return h.dup();
            }

            @Override
            public INDArray pullback(INDArray u) {
                INDArray g = u;
                for (int i = layers.size() - 1; i >= 0; i--) {
                    g = layers.get(i).backward(g, false);
                }
                return g.dup();
            }
        };
    }

    /** A scalar function with its gradient (e.g. a critic: {@code forward}, {@code inputGradient}) as a target. */
    public static Target scalar(Function<INDArray, INDArray> value, Function<INDArray, INDArray> gradient) {
        return new Target() {
            private INDArray last;

            @Override
            public INDArray apply(INDArray x) {
                last = x.dup();
                return value.apply(x).castTo(DataType.DOUBLE).reshape(1, 1);
            }

            @Override
            public INDArray pullback(INDArray u) {
                return gradient.apply(last).castTo(DataType.DOUBLE).mul(u.getDouble(0));
            }
        };
    }

    /**
     * The largest ratio R found over {@code starts} random starts of {@code steps} ascent steps each.
     *
     * @param shape per-sample input shape
     */
    public static double largestRatio(Target f, int[] shape, int starts, int steps, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double best = 0;
        for (int s = 0; s < starts; s++) {
            INDArray x = LayerTesting.gaussian(rng.nextLong(), DataType.DOUBLE, 1, shape);
            INDArray y = x.add(LayerTesting.gaussian(rng.nextLong(), DataType.DOUBLE, 1, shape)
                    .muli(Math.pow(10, -rng.nextInt(4))));
            double eta = 0.3;
            for (int t = 0; t < steps; t++) {
                INDArray fx = f.apply(x);
                INDArray d = x.sub(y);
                double nd = d.norm2Number().doubleValue();
                INDArray e = fx.sub(f.apply(y));
                INDArray jy = null;
                double ne = e.norm2Number().doubleValue();
                double ratio = ne / nd;
                best = Math.max(best, ratio);
                if (ne == 0) {
                    break;
                }
                INDArray u = e.div(ne);
                jy = f.pullback(u);
                f.apply(x);
                INDArray jx = f.pullback(u);
                INDArray gx = jx.div(nd).subi(d.mul(ratio / (nd * nd)));
                INDArray gy = jy.div(-nd).addi(d.mul(ratio / (nd * nd)));
                double ng = Math.sqrt(gx.norm2Number().doubleValue() * gx.norm2Number().doubleValue()
                        + gy.norm2Number().doubleValue() * gy.norm2Number().doubleValue());
                if (ng == 0) {
                    break;
                }
                x = x.add(gx.muli(eta * nd / ng));
                y = y.add(gy.muli(eta * nd / ng));
                eta *= 0.99;
            }
        }
        return best;
    }
}
