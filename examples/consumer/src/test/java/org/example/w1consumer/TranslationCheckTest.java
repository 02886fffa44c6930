package org.example.w1consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.provenance.Provenance;
import org.junit.jupiter.api.Test;

/** The library from a project of its own: the chosen backend is the one loaded, and its results are right. */
class TranslationCheckTest {
    private static final ImageShape SHAPE = new ImageShape(1, 28, 28);

    @Test
    void theChosenBackendIsTheOneLoaded() {
        assertTrue(Provenance.nativeBuild().startsWith("linux-x86_64-onednn-avx2"), Provenance.nativeBuild());
    }

    @Test
    void aBcopCriticIsCertifiedOneLipschitz() {
        double l = Critic.create(CriticConfig.quick(SHAPE)).certify().networkBound();
        assertTrue(l <= 1 + 1e-4 && l > 0.5, "certified L = " + l);
    }

    @Test
    void exactW1OfABrightnessShiftIsItsClosedForm() {
        // float32 pixels: δ is represented to ~1e-8, so the closed form holds to 1e-6 relative.
        double expected = 0.1 * Math.sqrt(SHAPE.values());
        assertEquals(expected, TranslationCheck.brightnessW1(SHAPE, 100, 0.1), 1e-6 * expected);
    }
}
