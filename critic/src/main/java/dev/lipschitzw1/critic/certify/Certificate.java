package dev.lipschitzw1.critic.certify;

import java.util.List;

/**
 * A network's certified Lipschitz constant as the product of its layers' certified bounds (composition of Lipschitz
 * maps):
 * <pre>  Lip(f_L ∘ … ∘ f_1) ≤ Π_l bound_l  </pre>
 * The product is rounded upwards at every step, so it stays an upper bound in floating point. It is a certified bound,
 * generally not the exact constant of the composition.
 *
 * @param layers the layers in order (copied)
 */
public record Certificate(List<LayerCertificate> layers) {

    /** @throws IllegalArgumentException if there are no layers */
    public Certificate {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one layer");
        }
    }

    /** Π bound_l, rounded up at each product. */
    public double networkBound() {
        double p = 1;
        for (LayerCertificate l : layers) {
            p = Math.nextUp(p * l.bound());
        }
        return p;
    }

    /** The layer with the largest bound (the first one on ties). */
    public LayerCertificate worstLayer() {
        LayerCertificate worst = layers.get(0);
        for (LayerCertificate l : layers) {
            if (l.bound() > worst.bound()) {
                worst = l;
            }
        }
        return worst;
    }
}
