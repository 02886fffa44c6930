package dev.lipschitzw1.critic.estimate;

import dev.lipschitzw1.critic.network.GradientNormDiagnostics;

/**
 * Input-gradient norms ‖∇ₓ f(x)‖₂ of a selected critic ({@link GradientNormDiagnostics}), measured after training on
 * two batches: held-out images (the first test images of P and of Q) and interpolates t·x_P + (1 − t)·x_Q with
 * t ~ U(0, 1) between them (where the WGAN-GP penalty looks). Gradients are taken with respect to the native pixels,
 * so a critic that upsamples its input ×u can reach u. An empirical diagnostic, not a certificate: a gradient-norm
 * preserving critic (BCOP) shows values near 1, RKO and OSSN attenuate (values below 1), a penalised critic anything.
 *
 * @param heldOutSamples     number of held-out images measured (P and Q together)
 * @param interpolateSamples number of interpolates measured
 */
public record GradientNorms(int heldOutSamples, double heldOutMean, double heldOutMin, double heldOutMax,
                            int interpolateSamples, double interpolatesMean, double interpolatesMin,
                            double interpolatesMax) {

    /** The record of two measured summaries. */
    public static GradientNorms of(GradientNormDiagnostics.Summary heldOut, GradientNormDiagnostics.Summary between) {
        return new GradientNorms(heldOut.norms().length, heldOut.mean(), heldOut.min(), heldOut.max(),
                between.norms().length, between.mean(), between.min(), between.max());
    }
}
