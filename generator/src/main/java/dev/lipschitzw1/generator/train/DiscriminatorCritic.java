package dev.lipschitzw1.generator.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.network.PenaltyTerms;
import dev.lipschitzw1.errors.NumericalFailureException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import dev.lipschitzw1.critic.network.Optimiser;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link CriticKind#WGAN_GP}: the {@link WganGpDiscriminator} with its own Adam ({@link Optimiser}). An update draws ε_i (one per
 * image, {@link PenaltyTerms#interpolationWeights}), forms x̂ = ε·x + (1 − ε)·G(z) in float32 as
 * G(z) + ε·(x − G(z)), and takes an Adam step on mean D(G(z)) − mean D(x) + λ·mean φ(‖∇ₓD(x̂)‖).
 */
final class DiscriminatorCritic implements GanCritic {
    private final WganGpDiscriminator discriminator;
    private final Optimiser adam;

    DiscriminatorCritic(WganGpDiscriminator discriminator, AdamConfig adam) {
        this.discriminator = discriminator;
        this.adam = new Optimiser(adam.toOptimiserConfig());
        this.adam.initialise(discriminator.parameters());
    }

    WganGpDiscriminator discriminator() {
        return discriminator;
    }

    @Override
    public CriticKind kind() {
        return CriticKind.WGAN_GP;
    }

    @Override
    public Update update(INDArray real, INDArray fake, SplittableRandom rng, int step) {
        int b = (int) real.size(0);
        double[] t = PenaltyTerms.interpolationWeights(rng, b);
        float[] eps = new float[b];
        for (int i = 0; i < b; i++) {
            eps[i] = (float) t[i];
        }
        INDArray diff = real.sub(fake);
        INDArray epsArray = Nd4j.createFromArray(eps);
        Broadcast.mul(diff, epsArray, diff, 0);
        INDArray xhat = diff.addi(fake);
        WganGpDiscriminator.Step s = discriminator.lossAndGradients(real, fake, xhat);
        WganGpTrainer.closeAll(xhat, epsArray);
        if (!Double.isFinite(s.loss())) {
            throw new NumericalFailureException("discriminator loss", step, s.loss(),
                    "lower adam.learningRate or check the data for NaN");
        }
        adam.step(discriminator.parameters(), s.gradients());
        WganGpTrainer.closeAll(s.gradients().values().toArray(INDArray[]::new));
        return new Update(s.wasserstein(), s.penalty(), s.meanGradientNorm());
    }

    @Override
    public INDArray inputGradient(INDArray images) {
        return discriminator.inputGradient(images);
    }

    @Override
    public Map<String, INDArray> parameters() {
        return copy(discriminator.parameters());
    }

    @Override
    public long optimiserSteps() {
        return adam.steps();
    }

    @Override
    public Map<String, Map<String, INDArray>> moments() {
        return adam.moments();
    }

    @Override
    public void restore(Map<String, INDArray> parameters, long optimiserSteps,
                        Map<String, Map<String, INDArray>> moments) {
        WganGpDiscriminator.requireShapes(discriminator.architecture(), parameters);
        discriminator.parameters().forEach((name, p) -> p.assign(parameters.get(name)));
        adam.restore(optimiserSteps, moments, discriminator.parameters(), "discriminator");
    }

    @Override
    public String trainerName() {
        return "WGAN-GP (" + discriminator.penalty() + ", λ = " + discriminator.lambda() + ")";
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
