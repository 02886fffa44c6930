package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.Parameter;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One dual-W1 training step for a {@link LayerNetwork} (a {@link Critic}'s, or any other chain of layers): with real batch x_r (n_r samples) and fake batch x_f (n_f),
 * <pre>  loss = (1/n_f)·Σ f(x_f) − (1/n_r)·Σ f(x_r)      (the estimate of W1 is −loss)  </pre>
 * computed in ONE forward pass over the concatenated batch [x_r; x_f] with the weights built once, then the backward
 * pass of every layer with the upstream gradient (−1/n_r, +1/n_f), then the optimiser update ({@link Optimiser},
 * PyTorch's rules) on every parameter, then the layers' after-step hooks (OSSN's in-place projection). Before the
 * forward pass the layers' before-step hooks run (OSSN's power iteration). The whole step runs in one workspace
 * ({@link Workspaces#STEP}).
 *
 * <p>Deterministic on CPU for a seed and fixed thread count: no randomness of its own.
 */
public final class CriticTrainer {

    private final LayerNetwork network;
    private final Optimiser optimiser;

    /** A trainer of {@code critic}'s network. */
    public CriticTrainer(Critic critic, OptimiserConfig optimiser) {
        this(critic.network(), optimiser);
    }

    /** A trainer of any network of layers (e.g. the generator module's WGAN-GP discriminator). */
    public CriticTrainer(LayerNetwork network, OptimiserConfig optimiser) {
        this.network = network;
        this.optimiser = new Optimiser(optimiser);
    }

    /** The network this trainer updates. */
    public LayerNetwork network() {
        return network;
    }

    public OptimiserConfig optimiser() {
        return optimiser.config();
    }

    /** Changes the learning rate from the next step on (for a schedule); optimiser state is kept. */
    public void setLearningRate(double lr) {
        optimiser.setLearningRate(lr);
    }

    /** Steps taken so far. */
    public long steps() {
        return optimiser.steps();
    }

    /**
     * One step on a real and a fake batch.
     *
     * @param real [n_r, C, H, W]
     * @param fake [n_f, C, H, W]
     * @return the loss mean f(fake) − mean f(real) before the update
     * @throws ShapeMismatchException if a batch does not have the network's image shape
     */
    public double step(INDArray real, INDArray fake) {
        network.checkShape(real);
        network.checkShape(fake);
        try (MemoryWorkspace ws = Workspaces.open(Workspaces.STEP)) {
            begin();
            double loss = accumulateDual(real, fake);
            finish();
            return loss;
        }
    }

    /** Before-step hooks, cleared gradients, weights built for training. */
    void begin() {
        for (LipschitzLayer layer : network.layers()) {
            layer.beforeTrainingStep();
        }
        for (Parameter p : network.parameterList()) {
            p.zeroGrad();
        }
        network.prepare(true);
    }

    /**
     * Forward [real; fake], backward with upstream (−1/n_r, +1/n_f), accumulating the used-weight gradients.
     *
     * @return mean f(fake) − mean f(real), in double
     */
    double accumulateDual(INDArray real, INDArray fake) {
        DataType dt = network.dataType();
        long nr = real.size(0);
        long nf = fake.size(0);
        INDArray x = Nd4j.concat(0, network.input(real), network.input(fake));
        INDArray scores = network.run(x);
        double[] s = scores.castTo(DataType.DOUBLE).toDoubleVector();
        double realMean = 0;
        double fakeMean = 0;
        for (int i = 0; i < nr; i++) {
            realMean += s[i];
        }
        for (int i = 0; i < nf; i++) {
            fakeMean += s[(int) nr + i];
        }
        INDArray w = Nd4j.concat(0, Nd4j.valueArrayOf(new long[] {nr, 1}, -1.0 / nr, dt),
                Nd4j.valueArrayOf(new long[] {nf, 1}, 1.0 / nf, dt));
        backward(w, true);
        return fakeMean / nf - realMean / nr;
    }

    /** Backward through every layer from the score gradient [N, 1]; returns ∂L/∂x. */
    INDArray backward(INDArray scoreGradient, boolean accumulate) {
        List<LipschitzLayer> layers = network.layers();
        INDArray g = scoreGradient;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, accumulate);
        }
        return g;
    }

    /** Used-weight gradients → parameter gradients, the optimiser update, after-step hooks. */
    void finish() {
        for (LipschitzLayer layer : network.layers()) {
            layer.finishBackward();
        }
        optimiser.step(network.parameterList());
        for (LipschitzLayer layer : network.layers()) {
            layer.afterTrainingStep();
        }
    }

    /**
     * Allocates zero optimiser moments for every parameter now rather than at the first step
     * ({@link Optimiser#initialise}), so that a state saved before the first step already names every tensor; the
     * updates are the same either way (the moments start at zero).
     */
    public void initialiseMoments() {
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        for (Parameter p : network.parameterList()) {
            parameters.put(p.name(), p.value());
        }
        optimiser.initialise(parameters);
    }

    /**
     * A copy of the optimiser state, for checkpoints ({@link Optimiser#state()}), so that a run resumed with
     * {@link #restoreState} continues bit-identically on CPU.
     */
    public Map<String, INDArray> state() {
        return optimiser.state();
    }

    /** Restores a state returned by {@link #state()} (the parameters are restored by {@link Critic#load} or {@link LayerNetwork#setParameters}). */
    public void restoreState(Map<String, INDArray> state) {
        optimiser.restoreState(state);
    }

    /** The optimiser's moments grouped as "m" and "v" ({@link Optimiser#moments()}): copies. */
    public Map<String, Map<String, INDArray>> moments() {
        return optimiser.moments();
    }

    /** Restores step count and grouped moments, checked against the network's parameters ({@link Optimiser#restore}). */
    public void restoreMoments(long steps, Map<String, Map<String, INDArray>> moments) {
        optimiser.restore(steps, moments, network.parameters(), "critic");
    }
}
