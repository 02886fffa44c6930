package dev.lipschitzw1.generator.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.network.CriticTrainer;
import dev.lipschitzw1.critic.network.GradientPenalty;
import dev.lipschitzw1.critic.network.GradientPenaltyTrainer;
import dev.lipschitzw1.errors.NumericalFailureException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link CriticKind#WGAN_GP}: the {@link WganGpDiscriminator}'s engine network trained by the critic module's
 * {@link GradientPenaltyTrainer} around a {@link CriticTrainer} with Adam ({@link AdamConfig}), the same code that
 * trains the GP/LP baseline critics. An update draws t_i ~ U(0, 1) (one per image, {@code rng.nextDouble()} in order),
 * forms x̂ = t·x + (1 − t)·G(z) in double, and takes one Adam step on
 * <pre>  mean D(G(z)) − mean D(x) + λ·mean φ(‖∇ₓD(x̂)‖)   (φ of {@link GradientPenalty})  </pre>
 * With λ = 0 (allowed by {@link WganGpConfig}) it is an unpenalised WGAN step: no draws, and the gradient norm is not
 * computed (NaN). Parameters and moments are exchanged in the stored layout of {@link WganGpDiscriminator}.
 */
final class DiscriminatorCritic implements GanCritic {
    private final WganGpDiscriminator discriminator;
    private final PenaltyKind penalty;
    private final double lambda;
    private final CriticTrainer trainer;
    private final GradientPenaltyTrainer penalised;

    DiscriminatorCritic(WganGpDiscriminator discriminator, PenaltyKind penalty, double lambda, AdamConfig adam) {
        this.discriminator = discriminator;
        this.penalty = penalty;
        this.lambda = lambda;
        this.trainer = new CriticTrainer(discriminator.network(), adam.toOptimiserConfig());
        this.trainer.initialiseMoments();
        this.penalised = lambda > 0 ? new GradientPenaltyTrainer(trainer, new GradientPenalty(penalty.kind(), lambda))
                : null;
    }

    WganGpDiscriminator discriminator() {
        return discriminator;
    }

    /** The penalised trainer (null when λ = 0), for the gradient checks of this package. */
    GradientPenaltyTrainer penalisedTrainer() {
        return penalised;
    }

    @Override
    public CriticKind kind() {
        return CriticKind.WGAN_GP;
    }

    /** @throws NumericalFailureException if the loss was not finite (the update has then been applied) */
    @Override
    public Update update(INDArray real, INDArray fake, SplittableRandom rng, int step) {
        Update u;
        if (penalised == null) {
            u = new Update(-trainer.step(real, fake), 0, Double.NaN);
        } else {
            GradientPenaltyTrainer.Step s = penalised.step(real, fake, rng);
            u = new Update(-s.loss(), lambda * s.penalty(), s.meanGradientNorm());
        }
        double loss = u.penalty() - u.wasserstein();
        if (!Double.isFinite(loss)) {
            throw new NumericalFailureException("discriminator loss", step, loss,
                    "lower adam.learningRate or check the data for NaN");
        }
        return u;
    }

    @Override
    public INDArray inputGradient(INDArray images) {
        INDArray g = discriminator.inputGradient(images);
        return g.dataType() == images.dataType() ? g : g.castTo(images.dataType());
    }

    @Override
    public Map<String, INDArray> parameters() {
        return discriminator.parameters();
    }

    @Override
    public long optimiserSteps() {
        return trainer.steps();
    }

    /** The Adam moments by stored name and layout ({@link WganGpDiscriminator#fromEngine}). */
    @Override
    public Map<String, Map<String, INDArray>> moments() {
        Map<String, Map<String, INDArray>> out = new LinkedHashMap<>();
        trainer.moments().forEach((group, m) -> out.put(group, WganGpDiscriminator.fromEngine(m)));
        return out;
    }

    @Override
    public void restore(Map<String, INDArray> parameters, long optimiserSteps,
                        Map<String, Map<String, INDArray>> moments) {
        discriminator.setParameters(parameters);
        Map<String, Map<String, INDArray>> engine = new LinkedHashMap<>();
        moments.forEach((group, m) -> engine.put(group, WganGpDiscriminator.toEngine(m)));
        trainer.restoreMoments(optimiserSteps, engine);
    }

    @Override
    public String trainerName() {
        return "WGAN-GP (" + penalty + ", λ = " + lambda + ")";
    }

    @Override
    public void describe(ObjectNode info) {
        // The discriminator certifies nothing; its settings are in the training config.
    }

    static Map<String, INDArray> copy(Map<String, INDArray> m) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }
}
