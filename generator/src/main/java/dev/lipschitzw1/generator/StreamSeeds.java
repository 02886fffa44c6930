package dev.lipschitzw1.generator;

/**
 * Derives independent seeds from a root seed and a stream index with the SplitMix64 finaliser, so that a training step
 * or a parameter tensor gets its own {@link java.util.SplittableRandom} without carrying any random state:
 * <pre>  seed(root, i) = mix64(root + (i + 1)·0x9E3779B97F4A7C15)  </pre>
 * The same (root, i) always gives the same seed; distinct i give statistically independent streams.
 */
public final class StreamSeeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private StreamSeeds() {
    }

    /** The seed of stream {@code index} of {@code root}. */
    public static long of(long root, long index) {
        long z = root + (index + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The seed of a named stream of {@code root}, e.g. {@code "init:generator"}. */
    public static long of(long root, String name) {
        long h = 1125899906842597L;
        for (int i = 0; i < name.length(); i++) {
            h = 31 * h + name.charAt(i);
        }
        return of(root ^ h, -1L);
    }
}
