package dev.lipschitzw1.generator.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.CriticTrainer;
import dev.lipschitzw1.errors.NumericalFailureException;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link CriticKind#BCOP}: a critic module {@link Critic} ({@link BcopCriticSettings#network()}) trained by
 * {@link CriticTrainer} on mean f(G(z)) − mean f(x) with no penalty; it draws no randomness of its own. Its input
 * gradient is {@link Critic#inputGradient} (the engine's backward pass through the orthogonal convolutions), and its
 * Lipschitz constant is certified by {@link Critic#certify()} for provenance ({@link #describe}).
 */
final class BcopGanCritic implements GanCritic {
    private final Critic critic;
    private final CriticTrainer trainer;

    BcopGanCritic(BcopCriticSettings settings) {
        this(Critic.create(settings.network()), settings);
    }

    /** Wraps an existing critic (e.g. a float64 one in a gradient check) with the settings' optimiser. */
    BcopGanCritic(Critic critic, BcopCriticSettings settings) {
        this.critic = critic;
        this.trainer = new CriticTrainer(critic, settings.optimiser());
    }

    Critic critic() {
        return critic;
    }

    @Override
    public CriticKind kind() {
        return CriticKind.BCOP;
    }

    @Override
    public Update update(INDArray real, INDArray fake, SplittableRandom rng, int step) {
        double loss = trainer.step(real, fake);
        if (!Double.isFinite(loss)) {
            throw new NumericalFailureException("BCOP critic loss", step, loss,
                    "lower training.bcop.optimiser.learningRate or check the data for NaN");
        }
        return new Update(-loss, 0, Double.NaN);
    }

    @Override
    public INDArray inputGradient(INDArray images) {
        INDArray g = critic.inputGradient(images);
        return g.dataType() == images.dataType() ? g : g.castTo(images.dataType());
    }

    @Override
    public Map<String, INDArray> parameters() {
        return critic.parameters();
    }

    @Override
    public long optimiserSteps() {
        return trainer.steps();
    }

    @Override
    public Map<String, Map<String, INDArray>> moments() {
        return trainer.moments();
    }

    @Override
    public void restore(Map<String, INDArray> parameters, long optimiserSteps,
                        Map<String, Map<String, INDArray>> moments) {
        critic.setParameters(parameters);
        trainer.restoreMoments(optimiserSteps, moments);
    }

    @Override
    public String trainerName() {
        return "WGAN with a certified BCOP critic (no penalty)";
    }

    /** {"kind": "BCOP", "parameters": n, "certifiedBound": ∏ layer bounds, computed now in double}. */
    @Override
    public void describe(ObjectNode info) {
        ObjectNode c = info.putObject("critic");
        c.put("kind", CriticKind.BCOP.name());
        c.put("parameters", critic.parameterCount());
        c.put("certifiedBound", certifiedBound());
    }

    /** The critic's certified Lipschitz constant now ({@link Critic#certify()}). */
    double certifiedBound() {
        return critic.certify().networkBound();
    }
}
