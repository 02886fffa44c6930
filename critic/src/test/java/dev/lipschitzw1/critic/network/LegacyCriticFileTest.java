package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.files.Container;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Old files keep loading: committed critic files of version 2 written before containers carried a manifest
 * (quick-shaped BCOP and OSSN critics on 1×8×8, width 4, depth 2, seed 7; the OSSN one with its power-iteration
 * vectors) load and score four fixed images as they did when they were written (scores recorded then, float32,
 * tolerance 1e-6); the BCOP one still certifies (an untrained OSSN critic's bound is above 1 by construction).
 */
class LegacyCriticFileTest {
    private static final double[] BCOP = {0.022595182061195374, 0.4383777678012848, 0.10935211926698685,
        0.11630029231309891};
    private static final double[] OSSN = {0.22082442045211792, 0.13439029455184937, 0.3629188537597656,
        0.23414376378059387};

    @Test
    void versionTwoFilesWithoutManifestLoadAndScoreAsWhenWritten() throws Exception {
        assertTrue(check("critic-v2-bcop.zip", BCOP).certify().networkBound() <= 1 + 1e-4, "BCOP still certifies");
        check("critic-v2-ossn.zip", OSSN);
    }

    private static Critic check(String name, double[] expected) throws URISyntaxException {
        Path file = Path.of(LegacyCriticFileTest.class.getResource("/dev/lipschitzw1/critic/fixtures/" + name).toURI());
        assertNull(Container.read(file, "fixture").manifest(), name + " predates the manifest");
        Critic critic = Critic.load(file);
        Nd4j.getRandom().setSeed(1);
        INDArray images = Nd4j.rand(DataType.FLOAT, 4, 1, 8, 8);
        assertArrayEquals(expected, critic.scores(images), 1e-6, name);
        return critic;
    }
}
