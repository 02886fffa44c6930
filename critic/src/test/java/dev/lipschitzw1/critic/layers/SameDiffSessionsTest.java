package dev.lipschitzw1.critic.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.GradientCheck;
import dev.lipschitzw1.critic.orthogonal.Bjorck;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * With {@link SameDiffSessions#install()}, the gradient of a 40-step Björck is prepared in linear time. Without it,
 * ND4J 1.0.0-M2.1 expands each iterate once per path (3^steps): 14 steps took 2 s, 20 steps 60–95 s (measured).
 */
class SameDiffSessionsTest {

    @Test
    void bjorck40Steps_gradientIsFastAndMatchesFiniteDifferences() {
        SameDiffSessions.install();
        SameDiff sd = SameDiff.create();
        SDVariable v = sd.var("v", LayerTesting.gaussian(1, DataType.DOUBLE, 1, 6, 5).reshape(6, 5));
        SDVariable w = Bjorck.orthonormalise(sd, v, BjorckConfig.TRAINING.withIterations(40));
        sd.setLossVariables(sd.sum("loss", w.mul(sd.constant("r", LayerTesting.gaussian(2, DataType.DOUBLE, 1, 6, 5)
                .reshape(6, 5)))));
        long t0 = System.nanoTime();
        GradientCheck.Result r = GradientCheck.check(sd, "loss", "v", Map.of(), 30, 3);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(r.maxRelError() <= 1e-6, "gradient: " + r);
        assertTrue(seconds < 30, "61 evaluations of a 40-step Björck and its gradient took " + seconds + " s");
    }
}
