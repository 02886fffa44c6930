package dev.lipschitzw1.datasets.synthetic;

import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A funnel pair in the manner of Korotin, Kolesov &amp; Burnaev (NeurIPS 2022, "Kantorovich Strikes Back!"): a
 * known optimal critic u that is not linear, and a map T along its transport rays.
 * <pre>
 *   u(x) = min_k ‖x − c_k‖₂ + b_k                      (a {@link FunnelPotential})
 *   T(x) = x + τ·(c_k − x),  k the active funnel of x,  τ ~ U[minFraction, maxFraction] per image
 *   P = the base set {x_i},  Q = {T(x_i)}  (image by image, same index)
 *   W1(P, Q) = (1/n)·Σ_i ‖x_i − T(x_i)‖ = (1/n)·Σ_i τ_i·‖x_i − c_{k_i}‖ = E_P u − E_Q u
 * </pre>
 * <b>Proof.</b> (1) u is 1-Lipschitz (see {@link FunnelPotential}). (2) For every x with active funnel k and
 * y = T(x) = c_k + (1 − τ)(x − c_k): f_k(y) = (1 − τ)‖x − c_k‖ + b_k = u(x) − ‖x − y‖, so u(y) ≤ f_k(y) =
 * u(x) − ‖x − y‖, while (1) gives u(y) ≥ u(x) − ‖x − y‖; hence u(x) − u(y) = ‖x − y‖. (3) The coupling
 * (1/n)·Σ δ(x_i, y_i) of the two uniform distributions costs (1/n)·Σ‖x_i − y_i‖, an upper bound on W1; the
 * 1-Lipschitz u gains E_P u − E_Q u = (1/n)·Σ (u(x_i) − u(y_i)), a lower bound (Kantorovich–Rubinstein duality);
 * by (2) the two are equal, so both are W1. The same argument gives W1(P, T#P) = E‖X − T(X)‖ for any law P.
 *
 * <p>Apexes are uniform in [0, 1]^d, as in the paper (there in [−1, 1]^d), so Q stays in [0, 1]^d: each y_i lies on
 * the segment from x_i to an apex. P needs no squeezing. Offsets are b_k = −median_i ‖x_i − c_k‖, calibrated on the
 * base set so that every funnel is active on a share of it (with the paper's small random offsets, uniform apexes are
 * so nearly equidistant from all images that one funnel takes ~90 % of MNIST at K = 4).
 *
 * <p>Exactness in float32: Q's images are rounded to float. {@link KnownW1Pair#exactW1()} is the coupling cost
 * (1/n)·Σ‖x_i − y_i‖ of the images as produced (computed in double), an upper bound on their W1, and
 * {@link #dualGap()} is its distance to the lower bound E_P u − E_Q u over the same images, so the exact W1 of the
 * produced sets lies in [exactW1 − dualGap, exactW1]. The rounding moves both bounds by ⟨∇u, e⟩ to first order, so the
 * gap is second order (measured below 1e-12).
 * Cost: O(n·K·d) time, 8·n·K bytes while building, then 12 bytes per image.
 *
 * @param pair P (the base set, unchanged), Q = T(P) (a view computed per image), and the exact W1
 * @param potential u, an optimal critic: E_P u − E_Q u = W1 (the estimator maximises E_P f − E_Q f)
 * @param dualGap exactW1 − (E_P u − E_Q u) over the produced float images, ≥ 0 up to double rounding
 */
public record FunnelPair(KnownW1Pair pair, FunnelPotential potential, double dualGap) {
    public FunnelPair {
        InvalidConfigException.require(Double.isFinite(dualGap), "funnel.dualGap", dualGap, "a finite number");
        InvalidConfigException.require(pair.p() instanceof ImageSet && pair.q() instanceof FunnelImageSet,
                "funnel.pair", pair.p().name() + " / " + pair.q().name(),
                "a finite image set P and its funnel image T(P), as FunnelPair.of builds them");
    }

    /**
     * The funnel pair on {@code base}: apexes and fractions from {@code config.seed()} (one {@code SplittableRandom},
     * split into the apex stream and the fraction stream, in that order), so the same base and config always give
     * the same pair. E.g. {@code of(DataSources.bundledMnistTest(), FunnelConfig.HARD)} or, for 3×32×32,
     * {@code of(SmoothRandomImages.generate(new ImageShape(3, 32, 32), 10_000, 7), FunnelConfig.EASY)}.
     */
    public static FunnelPair of(ImageSet base, FunnelConfig config) {
        int n = base.size();
        int d = base.shape().values();
        int funnels = config.funnels();
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom apexStream = root.split();
        SplittableRandom fractionStream = root.split();

        float[][] apexes = new float[funnels][d];
        for (float[] apex : apexes) {
            for (int p = 0; p < d; p++) {
                apex[p] = (float) apexStream.nextDouble();
            }
        }
        double[][] distances = distances(base, new FunnelPotential(base.shape(), apexes, new double[funnels]));
        FunnelPotential u = new FunnelPotential(base.shape(), apexes, medianOffsets(distances, funnels));

        int[] active = new int[n];
        double[] keep = new double[n];
        double span = config.maxFraction() - config.minFraction();
        for (int i = 0; i < n; i++) {
            active[i] = u.activeGivenDistances(distances[i]);
            keep[i] = 1 - (config.minFraction() + span * fractionStream.nextDouble());
        }
        String name = String.format("funnel(%s, K=%d, τ∈[%.3g, %.3g], seed=%d)", base.name(), funnels,
                config.minFraction(), config.maxFraction(), config.seed());
        FunnelImageSet q = new FunnelImageSet(name, base, u, active, keep);

        double coupling = 0;
        double dual = 0;
        float[] x = new float[d];
        float[] y = new float[d];
        for (int i = 0; i < n; i++) {
            base.readImage(i, x, 0);
            q.readImage(i, y, 0);
            double sq = 0;
            for (int p = 0; p < d; p++) {
                double e = (double) x[p] - y[p];
                sq += e * e;
            }
            coupling += Math.sqrt(sq);
            dual += distances[i][active[i]] + u.offset(active[i]) - u.value(y);
        }
        double w1 = coupling / n;
        String reason = String.format("Q moves each image a fraction τ ∈ [%.3g, %.3g] of the way to the apex of its "
                + "funnel (K = %d): W1 = mean |x − T(x)| = E_P u − E_Q u", config.minFraction(), config.maxFraction(),
                funnels);
        return new FunnelPair(new KnownW1Pair(base, q, w1, reason), u, w1 - dual / n);
    }

    /**
     * The best linear critic's gain and the ceiling of critics with one affine piece per funnel, over the pair's whole
     * sets ({@link FunnelReferenceGains}). Cost: O(n·K·d), one pass over P and Q.
     */
    public FunnelReferenceGains referenceGains() {
        ImageSet p = (ImageSet) pair.p();
        FunnelImageSet q = (FunnelImageSet) pair.q();
        int n = p.size();
        int d = p.shape().values();
        double[][] cellSums = new double[potential.funnels()][d];
        for (int i = 0; i < n; i++) {
            double[] x = p.imageAsDoubles(i);
            double[] y = q.imageAsDoubles(i);
            double[] sum = cellSums[q.funnelOf(i)];   // the cell T used, not recomputed from x
            for (int j = 0; j < d; j++) {
                sum[j] += x[j] - y[j];
            }
        }
        double[] total = new double[d];
        double perFunnel = 0;
        for (double[] sum : cellSums) {
            perFunnel += norm(sum);
            for (int j = 0; j < d; j++) {
                total[j] += sum[j];
            }
        }
        return new FunnelReferenceGains(pair.exactW1(), norm(total) / n, perFunnel / n);
    }

    private static double norm(double[] v) {
        double sq = 0;
        for (double e : v) {
            sq += e * e;
        }
        return Math.sqrt(sq);
    }

    /** ‖x_i − c_k‖ for every image i of the base set and every funnel k (offsets are not used). */
    private static double[][] distances(ImageSet base, FunnelPotential apexesOnly) {
        double[][] out = new double[base.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = apexesOnly.distances(base.imageAsDoubles(i));
        }
        return out;
    }

    /** b_k = −median_i ‖x_i − c_k‖ (the lower median for even n), so funnel k is below its median at half the set. */
    private static double[] medianOffsets(double[][] distances, int funnels) {
        double[] offsets = new double[funnels];
        double[] column = new double[distances.length];
        for (int k = 0; k < funnels; k++) {
            for (int i = 0; i < column.length; i++) {
                column[i] = distances[i][k];
            }
            Arrays.sort(column);
            offsets[k] = -column[(column.length - 1) / 2];
        }
        return offsets;
    }
}
