package scratch;

import dev.lipschitzw1.critic.network.*;
import dev.lipschitzw1.datasets.ImageShape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SmokeScratchTest {
    @Test
    void smoke() {
        for (CriticConfig.Variant v : CriticConfig.Variant.values()) {
            long t0 = System.nanoTime();
            CriticConfig cfg = CriticConfig.quick(new ImageShape(1, 28, 28)).withVariant(v);
            Critic c = Critic.create(cfg);
            long t1 = System.nanoTime();
            Nd4j.getRandom().setSeed(3);
            INDArray real = Nd4j.rand(DataType.FLOAT, 32, 1, 28, 28);
            INDArray fake = Nd4j.rand(DataType.FLOAT, 32, 1, 28, 28).muli(0.5);
            INDArray s = c.forward(real);
            long t2 = System.nanoTime();
            CriticTrainer tr = new CriticTrainer(c, OptimiserConfig.rmsprop(1e-3));
            double l0 = tr.step(real, fake);
            long t3 = System.nanoTime();
            double l = 0;
            for (int i = 0; i < 10; i++) l = tr.step(real, fake);
            long t4 = System.nanoTime();
            var g = GradientNormDiagnostics.measure(c, real);
            long t5 = System.nanoTime();
            var cert = c.certify();
            long t6 = System.nanoTime();
            System.out.printf("%s params %d build %.2fs fwd %.3fs step1 %.2fs step %.3fs diag %.2fs cert %.2fs loss0 %.5f loss10 %.5f bound %.6f %s%n", v,
                    c.parameterCount(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 10e9,
                    (t5 - t4) / 1e9, (t6 - t5) / 1e9, l0, l, cert.networkBound(), g);
        }
    }
}
