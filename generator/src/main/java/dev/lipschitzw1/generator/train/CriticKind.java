package dev.lipschitzw1.generator.train;

/**
 * Which network the generator is trained against (the "critic" of Wasserstein GAN training, Gulrajani et al. 2017,
 * Algorithm 1). Either way the critic takes n_critic steps on mean f(G(z)) − mean f(x) per generator step and the
 * generator then descends −mean f(G(z)) through ∇ₓf.
 */
public enum CriticKind {
    /**
     * The WGAN-GP discriminator ({@link WganGpDiscriminator}): unconstrained weights, Lipschitz constant only
     * encouraged towards 1 by the gradient penalty; settings {@code discriminator}, {@code penalty}, {@code lambda}.
     * The shipped generators are trained this way.
     */
    WGAN_GP,
    /**
     * A BCOP critic of the critic module ({@link BcopCriticSettings}): 1-Lipschitz by construction, certified after
     * training, trained with no penalty (a certified-Lipschitz GAN).
     */
    BCOP
}
