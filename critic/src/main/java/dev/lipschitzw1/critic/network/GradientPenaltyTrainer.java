package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import dev.lipschitzw1.errors.UnsupportedLayerException;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One training step of the gradient-penalty baseline (WGAN-GP / LP; docs/critic.md, "Gradient-penalty baseline"): with real batch x_P and fake batch
 * x_Q of n samples each and t_i ~ U(0, 1) drawn from the caller's generator,
 * <pre>
 *   x̂_i = t_i·x_P,i + (1 − t_i)·x_Q,i
 *   loss = (1/n)·Σ f(x_Q) − (1/n)·Σ f(x_P) + λ·(1/n)·Σ_i φ(‖∇ₓ f(x̂_i)‖₂)
 * </pre>
 * (φ and ‖·‖ of {@link GradientPenalty}). Its parameter gradient needs the derivative of the input gradient, which is
 * computed exactly, without second-order ops: the critic's layers are piecewise linear, so on the interpolates
 * <pre>
 *   u_L = 1,   u_{l−1} = J_lᵀ u_l   (backward pass, no accumulation),   g = u_0 = ∇ₓ f(x̂)
 *   r_0 = ∂R/∂g = (λ/n)·φ'(‖g‖)·g/‖g‖   per sample
 *   for l = 1 … L:   ∂R/∂θ_l += ∂⟨J_l(θ) r_{l−1}, u_l⟩/∂θ_l,   r_l = J_l r_{l−1}
 * </pre>
 * (the activation masks are piecewise constant in x, so their derivative is 0 almost everywhere); then the dual loss on
 * [x_P; x_Q] is differentiated as {@link CriticTrainer} does, and the update is the wrapped trainer's (same optimiser,
 * state, step count and layer hooks), so checkpoints of the wrapped trainer cover this one.
 *
 * <p>Deterministic on CPU for a seed: the only randomness is the n draws of t from the given generator, in order.
 */
public final class GradientPenaltyTrainer {

    private final CriticTrainer trainer;
    private final GradientPenalty penalty;

    /**
     * A penalised trainer updating {@code trainer}'s critic with {@code trainer}'s optimiser.
     *
     * @throws InvalidConfigException if the penalty is {@link GradientPenalty.Kind#NONE} (use {@link CriticTrainer})
     * @throws UnsupportedLayerException if a layer of the critic has no Jacobian–vector product (only the GP critic
     *                                   has)
     */
    public GradientPenaltyTrainer(CriticTrainer trainer, GradientPenalty penalty) {
        InvalidConfigException.require(penalty.kind() != GradientPenalty.Kind.NONE, "penalty.kind", penalty.kind(),
                "GP or LP (train without a penalty with CriticTrainer)");
        this.trainer = trainer;
        this.penalty = penalty;
        // Fails here, not at the first step, for a critic whose layers have no Jacobian–vector product.
        probeJacobians(trainer.network());
    }

    /** One zero image through the layers and their Jacobian–vector products: throws for a layer without one. */
    private static void probeJacobians(LayerNetwork network) {
        try (MemoryWorkspace ws = Workspaces.open(Workspaces.EVALUATION)) {
            network.prepare(false);
            var in = network.input();
            INDArray h = Nd4j.zeros(network.dataType(), 1, in.channels(), in.height(), in.width());
            for (LipschitzLayer layer : network.layers()) {
                INDArray next = layer.forward(h);
                layer.jvp(h);
                h = next;
            }
        }
    }

    /**
     * The outcome of a step, all before the update.
     *
     * @param loss             the dual loss mean f(x_Q) − mean f(x_P) (the W1 estimate is −loss)
     * @param penalty          the penalty without λ: mean over the interpolates of φ(‖∇ₓ f(x̂)‖)
     * @param meanGradientNorm mean of ‖∇ₓ f(x̂_i)‖₂ over the interpolates
     */
    public record Step(double loss, double penalty, double meanGradientNorm) { }

    /** The wrapped trainer (optimiser state, learning rate, step count). */
    public CriticTrainer trainer() {
        return trainer;
    }

    public GradientPenalty penalty() {
        return penalty;
    }

    /**
     * One penalised step.
     *
     * @param real [n, C, H, W] samples of P
     * @param fake [n, C, H, W] samples of Q (as many as real)
     * @param rng  draws the n interpolation weights t
     * @throws ShapeMismatchException if a batch does not have the critic's image shape, or the sizes differ
     */
    public Step step(INDArray real, INDArray fake, SplittableRandom rng) {
        LayerNetwork network = trainer.network();
        network.checkShape(real);
        network.checkShape(fake);
        long n = real.size(0);
        if (fake.size(0) != n) {
            throw new ShapeMismatchException("gradient penalty: fake batch (paired with the real batch for "
                    + "interpolates)", new int[] {(int) n}, new int[] {(int) fake.size(0)});
        }
        try (MemoryWorkspace ws = Workspaces.open(Workspaces.STEP)) {
            trainer.begin();
            double[] penaltyAndNorm = accumulatePenalty(network.input(interpolates(real, fake, rng)));
            double loss = trainer.accumulateDual(real, fake);
            trainer.finish();
            return new Step(loss, penaltyAndNorm[0], penaltyAndNorm[1]);
        }
    }

    /**
     * Adds λ·mean φ(‖∇ₓ f(x̂)‖)'s parameter gradient to the used-weight gradients (class comment), with the layers
     * prepared for training.
     *
     * @return {mean φ, mean ‖g‖}
     */
    private double[] accumulatePenalty(INDArray xHat) {
        LayerNetwork network = trainer.network();
        List<LipschitzLayer> layers = network.layers();
        int count = layers.size();
        long n = xHat.size(0);
        network.run(xHat);
        INDArray[] upstream = new INDArray[count + 1];
        upstream[count] = Nd4j.ones(xHat.dataType(), n, 1);
        for (int l = count - 1; l >= 0; l--) {
            upstream[l] = layers.get(l).backward(upstream[l + 1], false);
        }
        INDArray g = upstream[0];
        INDArray flat = g.reshape(n, -1);
        double[] sq = flat.mul(flat).sum(1).castTo(DataType.DOUBLE).toDoubleVector();
        double[] coefficient = new double[(int) n];
        double penaltySum = 0;
        double normSum = 0;
        for (int i = 0; i < n; i++) {
            double norm = Math.sqrt(sq[i] + GradientPenalty.NORM_EPSILON);
            double excess = excess(norm);
            penaltySum += excess * excess;
            normSum += norm;
            // ∂/∂g_i of (λ/n)·φ(‖g_i‖) = (λ/n)·2·excess·g_i/‖g_i‖.
            coefficient[i] = penalty.lambda() / n * 2 * excess / norm;
        }
        INDArray c = Nd4j.createFromArray(coefficient).castTo(g.dataType()).reshape(n, 1);
        INDArray r = flat.mulColumnVector(c).reshape(g.shape());
        for (int l = 0; l < count; l++) {
            LipschitzLayer layer = layers.get(l);
            layer.accumulateBilinear(r, upstream[l + 1]);
            if (l + 1 < count) {
                r = layer.jvp(r);
            }
        }
        return new double[] {penaltySum / n, normSum / n};
    }

    /** ‖g‖ − 1 (GP) or max(0, ‖g‖ − 1) (LP): φ = excess². */
    private double excess(double norm) {
        return penalty.kind() == GradientPenalty.Kind.LP ? Math.max(0, norm - 1) : norm - 1;
    }

    /**
     * x̂_i = t_i·real_i + (1 − t_i)·fake_i in double, t_i = rng.nextDouble() for i = 0 … n − 1 in order
     * (the only randomness of a penalised step).
     *
     * @param real [n, C, H, W]
     * @param fake [n, C, H, W]
     */
    static INDArray interpolates(INDArray real, INDArray fake, SplittableRandom rng) {
        int n = (int) real.size(0);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextDouble();
        }
        INDArray tc = Nd4j.createFromArray(t).reshape(n, 1);
        INDArray r = real.castTo(DataType.DOUBLE).dup('c').reshape(n, -1);
        INDArray f = fake.castTo(DataType.DOUBLE).dup('c').reshape(n, -1);
        return r.mulColumnVector(tc).addi(f.mulColumnVector(tc.rsub(1.0))).reshape(real.shape());
    }

    /**
     * The penalty term R = λ·mean φ(‖∇ₓ f(x̂)‖) on a fixed batch of interpolates, in double (for finite-difference
     * checks of the penalty gradient, here and in the generator module).
     */
    public double penaltyValue(INDArray xHat) {
        INDArray g = trainer.network().inputGradient(xHat);
        long n = g.size(0);
        double[] sq = g.reshape(n, -1).mul(g.reshape(n, -1)).sum(1).castTo(DataType.DOUBLE).toDoubleVector();
        double sum = 0;
        for (double s : sq) {
            double excess = excess(Math.sqrt(s + GradientPenalty.NORM_EPSILON));
            sum += excess * excess;
        }
        return penalty.lambda() * sum / n;
    }

    /**
     * Only the penalty's parameter gradient ∂R/∂θ on fixed interpolates, left in each layer's
     * {@link dev.lipschitzw1.critic.layers.Parameter#grad()} (no update): for finite-difference checks, here and in
     * the generator module.
     */
    public void penaltyGradient(INDArray xHat) {
        LayerNetwork network = trainer.network();
        try (MemoryWorkspace ws = Workspaces.open(Workspaces.STEP)) {
            for (var p : network.parameterList()) {
                p.zeroGrad();
            }
            network.prepare(true);
            accumulatePenalty(network.input(xHat));
            for (LipschitzLayer layer : network.layers()) {
                layer.finishBackward();
            }
        }
    }
}
