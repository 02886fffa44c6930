package org.example.w1consumer;

import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.ot.ExactW1;
import dev.lipschitzw1.datasets.FloatImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.provenance.Provenance;
import java.util.SplittableRandom;

/**
 * What a project of its own does with the library on the backend it chose: a certified BCOP critic, and exact W1
 * between a set of images and the same set brightened by δ per pixel, which is δ·√(C·H·W) (the identity coupling
 * moves every image by that much, and the linear critic ⟨x, 1⟩/√(CHW) proves no coupling moves less).
 */
public final class TranslationCheck {
    private TranslationCheck() {
    }

    public static void main(String[] args) {
        ImageShape shape = new ImageShape(1, 28, 28);
        System.out.println("ND4J build: " + Provenance.nativeBuild());
        System.out.println("BCOP critic certified L = " + Critic.create(CriticConfig.quick(shape)).certify()
                .networkBound());
        System.out.println("W1(P, P + 0.1) = " + brightnessW1(shape, 200, 0.1) + ", expected "
                + 0.1 * Math.sqrt(shape.values()));
    }

    /** Exact W1 between n random images with pixels in [0, 0.9] and the same images plus δ ≤ 0.1. */
    public static double brightnessW1(ImageShape shape, int n, double delta) {
        SplittableRandom rng = new SplittableRandom(7);
        float[] p = new float[n * shape.values()];
        float[] q = new float[p.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = (float) (0.9 * rng.nextDouble());
            q[k] = (float) (p[k] + delta);
        }
        return ExactW1.between(new FloatImageSet("p", shape, p), new FloatImageSet("p+δ", shape, q)).value();
    }
}
