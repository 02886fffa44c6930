package dev.lipschitzw1.datasets.synthetic;

import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * Settings of a funnel pair ({@link FunnelPair}): K funnels, and the fraction τ of its distance to the apex that each
 * image moves, drawn uniformly per image:
 * <pre>  u(x) = min_k (‖x − c_k‖₂ + b_k),   T(x) = x + τ·(c_k − x),   τ ~ U[minFraction, maxFraction]  </pre>
 * Two presets of different difficulty, after the two image pairs of Korotin, Kolesov &amp; Burnaev (NeurIPS 2022,
 * "Kantorovich Strikes Back!"), which use 1 and 16 funnels:
 * <ul>
 *   <li>{@link #EASY}: 4 funnels, τ ∈ [0.1, 0.2] (every image moves 10–20 % of the way to its apex);</li>
 *   <li>{@link #HARD}: 16 funnels, τ ∈ [0, 0.4] (four times the spread, some images barely move).</li>
 * </ul>
 * More funnels make the optimal critic less linear (16 transport directions instead of 4); a wider spread of τ spreads
 * Q along the transport rays (some images barely move, others move 40 % of the way). Measured on the MNIST test set,
 * the best linear critic reaches 77 % (EASY) and 75 % (HARD) of W1 and a critic with one affine piece per funnel at
 * most 89 % and 90 %; on 3×32×32 {@link SmoothRandomImages}, 37 % and 20 %, 74 % and 76 %
 * ({@link FunnelPair#referenceGains()}, docs/datasets.md).
 *
 * @param funnels K, the number of funnels (1 to {@link #MAX_FUNNELS})
 * @param minFraction the smallest τ, in [0, 1]
 * @param maxFraction the largest τ, in [minFraction, 1] and above 0
 * @param seed the seed of the apexes and of the per-image fractions (one {@code SplittableRandom}, split per stage)
 */
public record FunnelConfig(int funnels, double minFraction, double maxFraction, long seed) {
    /** Largest K accepted: the pair keeps an n×K table of distances while it is built (80 MB at n = 10,000). */
    public static final int MAX_FUNNELS = 1024;
    /** 4 funnels, τ ∈ [0.1, 0.2], seed 1. */
    public static final FunnelConfig EASY = new FunnelConfig(4, 0.1, 0.2, 1);
    /** 16 funnels, τ ∈ [0, 0.4], seed 1. */
    public static final FunnelConfig HARD = new FunnelConfig(16, 0.0, 0.4, 1);

    public FunnelConfig {
        InvalidConfigException.require(funnels >= 1 && funnels <= MAX_FUNNELS, "funnel.funnels", funnels,
                "an integer from 1 to " + MAX_FUNNELS);
        InvalidConfigException.require(minFraction >= 0 && minFraction <= 1, "funnel.minFraction", minFraction,
                "in [0, 1]");
        InvalidConfigException.require(maxFraction >= minFraction && maxFraction <= 1 && maxFraction > 0,
                "funnel.maxFraction", maxFraction, "in [minFraction, 1] = [" + minFraction + ", 1] and > 0");
    }

    /** The same settings with another seed (other apexes, other fractions). */
    public FunnelConfig withSeed(long newSeed) {
        return new FunnelConfig(funnels, minFraction, maxFraction, newSeed);
    }
}
