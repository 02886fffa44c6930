package dev.lipschitzw1.critic.network;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Input-gradient norms of a critic on a batch: for each sample x_n,
 * <pre>  g_n = ‖∇ₓ f(x_n)‖₂   (the gradient of Σ_n f(x_n) with respect to the input, per sample)  </pre>
 * For a 1-Lipschitz f every g_n ≤ 1 (up to float rounding and Björck's residual); gradient-norm-preserving critics
 * (BCOP + MaxMin + BjorckLinear) give g_n = 1 almost everywhere, RKO and OSSN critics give g_n &lt; 1
 * (attenuation), unconstrained critics anything. An empirical diagnostic, not a certificate.
 */
public final class GradientNormDiagnostics {

    private GradientNormDiagnostics() {
    }

    /**
     * Per-sample gradient norms and their summary.
     *
     * @param norms ‖∇ₓ f(x_n)‖₂ for n = 0 … N−1
     * @param mean  their mean
     * @param min   their minimum
     * @param max   their maximum
     */
    public record Summary(double[] norms, double mean, double min, double max) {
        public Summary {
            norms = norms.clone();
        }

        @Override
        public double[] norms() {
            return norms.clone();
        }

        @Override
        public String toString() {
            return String.format("‖∇ₓf‖ over %d samples: mean %.6f, min %.6f, max %.6f", norms.length, mean, min, max);
        }
    }

    /**
     * Measures ‖∇ₓ f‖₂ on every sample of {@code batch} ([N, C, H, W], the critic's image shape).
     *
     * @throws dev.lipschitzw1.errors.ShapeMismatchException if the batch does not have the critic's image shape
     */
    public static Summary measure(Critic critic, INDArray batch) {
        INDArray g = critic.inputGradient(batch);
        int n = (int) g.size(0);
        double[] norms = new double[n];
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            norms[i] = g.slice(i).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).norm2Number().doubleValue();
            sum += norms[i];
            min = Math.min(min, norms[i]);
            max = Math.max(max, norms[i]);
        }
        return new Summary(norms, sum / n, min, max);
    }
}
