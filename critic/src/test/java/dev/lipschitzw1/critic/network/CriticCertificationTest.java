package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.Certificate;
import dev.lipschitzw1.critic.certify.LayerCertificate;
import dev.lipschitzw1.datasets.ImageShape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Certificates of whole critics, fresh and after training, computed from the exported layers in double. */
class CriticCertificationTest {

    private static final ImageShape MNIST = new ImageShape(1, 28, 28);

    @Test
    void bcopCritic_certifiedAtMostOne_freshAndAfter20RmspropSteps() {
        Critic critic = Critic.create(CriticConfig.quick(MNIST));
        Certificate fresh = critic.certify();
        assertTrue(fresh.networkBound() <= 1 + 1e-4, "fresh BCOP critic: " + fresh.networkBound() + " worst "
                + fresh.worstLayer());
        CriticTrainer trainer = new CriticTrainer(critic, OptimiserConfig.rmsprop(1e-3));
        for (int step = 0; step < 20; step++) {
            trainer.step(CriticTestData.images(100 + step, MNIST, 32, 0.0),
                    CriticTestData.images(200 + step, MNIST, 32, 0.2));
        }
        Certificate trained = critic.certify();
        assertTrue(trained.networkBound() <= 1 + 1e-4, "BCOP critic after 20 steps: " + trained.networkBound()
                + " worst " + trained.worstLayer());
        assertEquals(critic.layers().size(), trained.layers().size(), "one certificate per layer");
        LayerCertificate conv = trained.layers().stream().filter(l -> l.kind().equals("BCOP")).findFirst().orElseThrow();
        assertTrue(conv.shape().contains("circular"), "BCOP certified on its circular map: " + conv.shape());
    }

    /**
     * OSSN at a high learning rate: σ̂ (one power-iteration step per training step) lags the weights, and the
     * certifier shows the critic is not 1-Lipschitz. Measured (quick 1×28×28 OSSN critic, RMSprop lr 0.5, 20 steps,
     * seed 0, OssnConfig.DEFAULT = one step per training step, division inside the forward pass): certified network
     * bound 1.03550, worst layer stage1.conv (4→16 on 16×16, bound 1.02256); max ‖∇ₓf‖ on 16 inputs 0.673. The
     * figure is printed by the test.
     */
    @Test
    void ossnCritic_highLearningRate_certifierShowsBoundAboveOne() {
        Critic critic = Critic.create(CriticConfig.quick(MNIST).withVariant(CriticConfig.Variant.OSSN));
        CriticTrainer trainer = new CriticTrainer(critic, OptimiserConfig.rmsprop(0.5));
        for (int step = 0; step < 20; step++) {
            trainer.step(CriticTestData.images(300 + step, MNIST, 32, 0.0),
                    CriticTestData.images(400 + step, MNIST, 32, 0.2));
        }
        Certificate cert = critic.certify();
        INDArray real = CriticTestData.images(7, MNIST, 16, 0.0);
        double gradMax = GradientNormDiagnostics.measure(critic, real).max();
        System.out.printf("OSSN critic after 20 RMSprop steps at lr 0.5: certified bound %.6g (worst layer %s), "
                + "max ‖∇ₓf‖ %.6g%n", cert.networkBound(), cert.worstLayer(), gradMax);
        assertTrue(cert.networkBound() > 1, "OSSN at lr 0.5 should exceed 1: certified " + cert.networkBound());
        assertTrue(gradMax <= cert.networkBound() * (1 + 1e-4), "‖∇ₓf‖ " + gradMax + " ≤ certified bound "
                + cert.networkBound());
    }
}
