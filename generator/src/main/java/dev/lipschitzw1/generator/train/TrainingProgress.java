package dev.lipschitzw1.generator.train;

/**
 * One progress report of a GAN run, averaged over the critic updates since the previous report.
 *
 * @param step generator steps done
 * @param steps generator steps of the whole run
 * @param wasserstein mean f(real) − mean f(fake): the critic's W1 estimate on its training batches (uncertified for
 *                    WGAN_GP; a lower estimate of W1 for the 1-Lipschitz BCOP critic)
 * @param penalty mean penalty term λ·E φ(‖∇D‖) (0 for BCOP)
 * @param gradientNorm WGAN_GP: mean ‖∇ₓD(x̂)‖ on the interpolates; BCOP: mean ‖∇ₓf(G(z))‖ at the generator steps'
 *                     samples (at most the certified bound, about 1)
 * @param secondsPerStep wall time per generator step since the previous report
 * @param trainingSeconds wall time of the run so far, over all resumptions
 */
public record TrainingProgress(int step, int steps, double wasserstein, double penalty, double gradientNorm,
                               double secondsPerStep, double trainingSeconds) {
    /** One line for a log, e.g. {@code step 200/3000  W 1.234  penalty 0.051  ‖∇D‖ 0.98  1.52 s/step}. */
    public String line() {
        return String.format(java.util.Locale.ROOT, "step %d/%d  W %.4f  penalty %.4f  |grad D| %.3f  %.3f s/step"
                + "  %.0f s", step, steps, wasserstein, penalty, gradientNorm, secondsPerStep, trainingSeconds);
    }
}
