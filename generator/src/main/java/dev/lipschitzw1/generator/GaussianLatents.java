package dev.lipschitzw1.generator;

import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Standard normal latent vectors drawn from the caller's {@link SplittableRandom} by the Box–Muller transform
 * (never from ND4J's global generator, so a seed alone reproduces them):
 * <pre>  u₁ = 1 − U(0,1) ∈ (0, 1],  u₂ = U(0,1),  r = √(−2 ln u₁)
 *   z₂ₖ = r·cos(2π u₂),  z₂ₖ₊₁ = r·sin(2π u₂)  </pre>
 * Each latent vector of length d consumes ⌈d/2⌉ pairs (u₁, u₂) in order; for odd d the last sine is dropped, so vector
 * i always depends on the same draws whatever the batch size.
 */
public final class GaussianLatents {
    private GaussianLatents() {
    }

    /** Fills {@code out[offset …]} with n·d standard normal values (n vectors of length d) from {@code rng}. */
    public static void fill(SplittableRandom rng, int n, int d, float[] out, int offset) {
        InvalidConfigException.require(n >= 0, "latents.n", n, "≥ 0");
        InvalidConfigException.require(d >= 1, "latents.d", d, "≥ 1");
        for (int i = 0; i < n; i++) {
            int base = offset + i * d;
            for (int k = 0; k < d; k += 2) {
                double u1 = 1.0 - rng.nextDouble();
                double u2 = rng.nextDouble();
                double r = Math.sqrt(-2.0 * Math.log(u1));
                double angle = 2.0 * Math.PI * u2;
                out[base + k] = (float) (r * Math.cos(angle));
                if (k + 1 < d) {
                    out[base + k + 1] = (float) (r * Math.sin(angle));
                }
            }
        }
    }

    /** n latent vectors of length d as a float32 [n, d] array. */
    public static INDArray sample(SplittableRandom rng, int n, int d) {
        float[] values = new float[Math.multiplyExact(n, d)];
        fill(rng, n, d, values, 0);
        return Nd4j.create(values, new long[] {n, d}, 'c').castTo(DataType.FLOAT);
    }
}
