package dev.lipschitzw1.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianLatentsTest {
    @Test
    void sameSeed_sameLatents_differentSeed_different() {
        float[] a = new float[1000];
        float[] b = new float[1000];
        float[] c = new float[1000];
        GaussianLatents.fill(new SplittableRandom(9), 10, 100, a, 0);
        GaussianLatents.fill(new SplittableRandom(9), 10, 100, b, 0);
        GaussianLatents.fill(new SplittableRandom(10), 10, 100, c, 0);
        assertArrayEquals(a, b, "same seed, same latents");
        assertFalse(java.util.Arrays.equals(a, c), "another seed, other latents");
    }

    @Test
    void moments_matchStandardNormal_n200000() {
        int n = 200_000;
        float[] v = new float[n];
        GaussianLatents.fill(new SplittableRandom(1), 1000, 200, v, 0);
        double mean = 0;
        double m2 = 0;
        double m4 = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= n;
        for (float x : v) {
            double d = x - mean;
            m2 += d * d;
            m4 += d * d * d * d;
        }
        m2 /= n;
        m4 /= n;
        // Standard errors: mean 1/√n = 0.0022, variance √(2/n) = 0.0032, kurtosis √(24/n) = 0.011; 5σ bands.
        assertEquals(0.0, mean, 0.012, "mean");
        assertEquals(1.0, m2, 0.016, "variance");
        assertEquals(3.0, m4 / (m2 * m2), 0.055, "kurtosis");
    }

    @Test
    void oddDimension_vectorDependsOnlyOnItsOwnDraws() {
        float[] one = new float[7];
        float[] three = new float[21];
        GaussianLatents.fill(new SplittableRandom(4), 1, 7, one, 0);
        GaussianLatents.fill(new SplittableRandom(4), 3, 7, three, 0);
        assertArrayEquals(one, java.util.Arrays.copyOf(three, 7), "first vector the same whatever the count");
    }
}
