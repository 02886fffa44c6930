package dev.lipschitzw1.critic.certify;

import java.util.Objects;

/**
 * The certified Lipschitz constant (L2 → L2) of one layer:
 * <pre>  ‖f(x) − f(y)‖₂ ≤ bound · ‖x − y‖₂  for all x, y  </pre>
 * For a linear layer (conv, dense; biases do not matter) bound ≥ ‖W‖₂ is a certified bound from {@link FftConvCertifier}
 * or {@link DenseCertifier}, and {@code value} the converged operator norm; for parameter-free 1-Lipschitz layers
 * (MaxMin/GroupSort, pixel-unshuffle, zero padding, flatten) bound = value = 1 by construction.
 *
 * @param name   layer name in the network (e.g. "stage2.conv")
 * @param kind   "conv", "dense", "activation", "permutation" …
 * @param shape  human-readable shape, e.g. "64→64 k=3×3 on 16×16 circular"
 * @param bound  certified upper bound on the layer's Lipschitz constant
 * @param value  converged value of the constant (≤ bound); NaN if not computed
 * @param method how the bound was obtained
 */
public record LayerCertificate(String name, String kind, String shape, double bound, double value, String method) {

    /** @throws IllegalArgumentException if bound is NaN, negative or infinite */
    public LayerCertificate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(method, "method");
        if (!(bound >= 0 && bound < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("layer " + name + ": bound " + bound + " is not a finite number ≥ 0");
        }
    }

    /** A parameter-free layer that is 1-Lipschitz by construction (bound = value = 1). */
    public static LayerCertificate exactlyOne(String name, String kind, String shape, String why) {
        return new LayerCertificate(name, kind, shape, 1.0, 1.0, why);
    }
}
