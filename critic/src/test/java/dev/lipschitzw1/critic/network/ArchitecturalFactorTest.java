package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lipschitzw1.critic.certify.LayerCertificate;
import dev.lipschitzw1.critic.layers.LayerTesting;
import dev.lipschitzw1.critic.layers.PlainFixed;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.datasets.ImageShape;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CriticConfig#architecturalFactor()} a, known from the config before training, against the built critic.
 * Oracles: the exact operator (nearest upsampling ×u maps every x to a vector of norm exactly u‖x‖, so pushing random
 * samples through the critic's fixed input layers in double gives the ratio u), and the certificate of the built
 * critic, whose fixed layers' bounds multiply to a.
 */
class ArchitecturalFactorTest {
    private static final ImageShape SMALL = new ImageShape(1, 8, 8);

    @Test
    void architecturalFactor_equalsNormRatioOfFixedInputLayers_andTheirCertifiedBounds_u1u2u3() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int u = 1; u <= 3; u++) {
            CriticConfig config = CriticConfig.quick(SMALL).withSize(4, 2).withUpsample(u);
            Critic critic = Critic.create(config);
            List<PlainLayer> layers = critic.materialise();
            for (int trial = 0; trial < 2; trial++) {
                double[] x = rng.doubles(SMALL.values()).toArray();
                double[] y = x;
                for (PlainLayer l : layers) {
                    if (!(l instanceof PlainFixed f) || f.op() != PlainFixed.Op.ZERO_PAD
                            && f.op() != PlainFixed.Op.NEAREST_UPSAMPLE) {
                        break;   // the fixed input layers end where the first stage begins
                    }
                    y = l.forward(y);
                }
                assertEquals(config.architecturalFactor(), LayerTesting.norm(y) / LayerTesting.norm(x), 1e-12,
                        "‖Ux‖ / ‖x‖ for u = " + u + ", trial " + trial);
            }
            double fixed = 1;
            List<LayerCertificate> certs = critic.certify().layers();
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i) instanceof PlainFixed) {
                    fixed *= certs.get(i).bound();
                }
            }
            assertEquals(config.architecturalFactor(), fixed, 0.0, "product of the fixed layers' bounds, u = " + u);
        }
        assertEquals(2.0, CriticConfig.paper(new ImageShape(3, 32, 32)).architecturalFactor(), 0.0, "paper: ×2");
        assertEquals(1.0, CriticConfig.quick(new ImageShape(1, 28, 28)).architecturalFactor(), 0.0, "quick: none");
    }
}
