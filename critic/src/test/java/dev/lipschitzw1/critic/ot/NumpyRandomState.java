package dev.lipschitzw1.critic.ot;

import org.apache.commons.math3.random.MersenneTwister;

/**
 * Bit-exact {@code numpy.random.RandomState(seed).rand(n, d)}: MT19937 seeded by {@code init_genrand(seed)} (as
 * numpy's legacy seeding and Commons Math's {@code MersenneTwister(int)} both do), each double made from two 32-bit
 * outputs as numpy's {@code random_sample} does: (⌊a/32⌋·2²⁶ + ⌊b/64⌋)·2⁻⁵³. Lets the POT fixtures name their
 * points by seed instead of storing megabytes of them; the fixtures carry a SHA-256 of the points to prove it.
 */
final class NumpyRandomState {
    private final MersenneTwister twister;

    NumpyRandomState(int seed) {
        twister = new MersenneTwister(seed);
    }

    double nextDouble() {
        long a = Integer.toUnsignedLong(twister.nextInt()) >>> 5;
        long b = Integer.toUnsignedLong(twister.nextInt()) >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code RandomState(seed).rand(n, d)}, row-major. */
    static double[][] rand(int seed, int n, int d) {
        NumpyRandomState rs = new NumpyRandomState(seed);
        double[][] out = new double[n][d];
        for (double[] row : out) {
            for (int k = 0; k < d; k++) {
                row[k] = rs.nextDouble();
            }
        }
        return out;
    }
}
