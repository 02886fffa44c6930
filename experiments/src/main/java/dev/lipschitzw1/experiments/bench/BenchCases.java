package dev.lipschitzw1.experiments.bench;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.ParameterInit;
import dev.lipschitzw1.critic.layers.conv.bcop.BcopConv2d;
import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.CriticTrainer;
import dev.lipschitzw1.critic.network.DualStep;
import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.experiments.cli.CriticKind;
import dev.lipschitzw1.critic.network.OptimiserConfig;
import dev.lipschitzw1.critic.orthogonal.BjorckStack;
import dev.lipschitzw1.critic.network.Workspaces;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.datasets.ImageShape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The benchmark cases of {@code w1 bench}, each the counterpart of one run of the reference benchmark
 * (shared/anchor-bench/bench_critic.py, docs/benchmarks.md): float32, batch 64 + 64 for critic steps, Björck
 * {@link BjorckConfig#TRAINING} (20 iterations, power-iteration pre-scale).
 */
public final class BenchCases {

    private static final int BATCH = 64;

    private BenchCases() {
    }

    /** Every case, in the order of the table. */
    public static List<BenchCase> all() {
        List<BenchCase> cases = new ArrayList<>();
        cases.add(new BenchCase("bjorck64", "Björck 64×64, 20 iterations, forward + backward",
                "bjorck --n 64: fwd_bwd", () -> bjorck(64, true)));
        cases.add(new BenchCase("bjorck64-fwd", "Björck 64×64, 20 iterations, forward only",
                "bjorck --n 64: fwd_nograd", () -> bjorck(64, false)));
        cases.add(new BenchCase("bjorck1024", "Björck 1024×1024, 20 iterations, forward + backward",
                "bjorck --n 1024: fwd_bwd", () -> bjorck(1024, true)));
        cases.add(new BenchCase("bjorck1024-fwd", "Björck 1024×1024, 20 iterations, forward only",
                "bjorck --n 1024: fwd_nograd", () -> bjorck(1024, false)));
        cases.add(new BenchCase("bcop-layer", "BCOP 64→64, k = 3, circular, input 64×64×16×16, forward + backward",
                "bcop_layer: fwd_bwd", () -> bcopLayer(true)));
        cases.add(new BenchCase("bcop-layer-fwd", "BCOP 64→64, k = 3, input 64×64×16×16, forward only",
                "bcop_layer: fwd_only_nograd", () -> bcopLayer(false)));
        cases.add(new BenchCase("step-quick-1x28x28", "quick critic (default), one RMSprop step on 64 real + 64 fake",
                "quick_critic --shape 1,28,28", () -> step(CriticConfig.quick(new ImageShape(1, 28, 28)))));
        for (CriticKind kind : CriticKind.values()) {
            if (kind != CriticKind.BCOP) {
                cases.add(new BenchCase("step-quick-" + kind.id(), "quick critic with --critic " + kind.id()
                        + ", one training step of the estimator on 64 real + 64 fake (its penalty included)",
                        "— (cost relative to step-quick-1x28x28)", () -> kindStep(kind)));
            }
        }
        cases.add(new BenchCase("step-quick-head", "quick critic with --head-layers 2 --head-width 256 (two hidden "
                + "Björck layers 1024 → 256 → 256 with MaxMin), one RMSprop step on 64 real + 64 fake",
                "— (cost relative to step-quick-1x28x28)",
                () -> step(CriticConfig.quick(new ImageShape(1, 28, 28)).withHead(2, 256))));
        cases.add(new BenchCase("certify-quick-1x28x28", "certification of every layer of the quick critic",
                "—", () -> certify(CriticConfig.quick(new ImageShape(1, 28, 28)))));
        cases.add(new BenchCase("step-paper-1x28x28", "paper critic (4.15 M parameters), one RMSprop step, 64 + 64",
                "bcop_critic --shape 1,28,28", () -> step(CriticConfig.paper(new ImageShape(1, 28, 28)))));
        cases.add(new BenchCase("step-paper-3x32x32", "paper critic (4.15 M parameters), one RMSprop step, 64 + 64",
                "bcop_critic --shape 3,32,32", () -> step(CriticConfig.paper(new ImageShape(3, 32, 32)))));
        cases.add(new BenchCase("certify-paper-3x32x32", "certification of every layer of the paper critic",
                "—", () -> certify(CriticConfig.paper(new ImageShape(3, 32, 32)))));
        return cases;
    }

    /** Björck of one n×n matrix near an orthogonal one (as the reference: orthogonal/√n + 0.01·noise/√n). */
    static Runnable bjorck(int n, boolean backward) {
        SplittableRandom rng = new SplittableRandom(0);
        double[][] w = ParameterInit.orthogonal(n, n, 1 / Math.sqrt(n), rng);
        for (double[] row : w) {
            for (int j = 0; j < n; j++) {
                row[j] += 0.01 * rng.nextGaussian() / Math.sqrt(n);
            }
        }
        INDArray v = ParameterInit.array(ParameterInit.flatten(w), DataType.FLOAT, n, n);
        return () -> {
            try (MemoryWorkspace ws = Workspaces.open(Workspaces.STEP)) {
                BjorckStack q = BjorckStack.orthonormalise(v, BjorckConfig.TRAINING);
                if (backward) {
                    q.backward(Nd4j.onesLike(q.q()));
                }
            }
        };
    }

    /** One BCOP layer 64→64, k = 3, on 64 × 64 × 16 × 16: kernel built once, forward, and (backward) the gradients. */
    static Runnable bcopLayer(boolean backward) {
        BcopConv2d layer = new BcopConv2d("bcop", new int[] {64, 16, 16}, 64, 3, Padding.CIRCULAR, true,
                BjorckConfig.TRAINING, 0);
        layer.initialise(DataType.FLOAT);
        Nd4j.getRandom().setSeed(0);
        INDArray input = Nd4j.randn(DataType.FLOAT, BATCH, 64, 16, 16);
        return () -> {
            try (MemoryWorkspace ws = Workspaces.open(Workspaces.STEP)) {
                layer.prepare(backward);
                INDArray y = layer.forward(input);
                if (backward) {
                    layer.backward(Nd4j.onesLike(y), true);
                    layer.finishBackward();
                }
            }
        };
    }

    static Runnable step(CriticConfig config) {
        Critic critic = Critic.create(config);
        CriticTrainer trainer = new CriticTrainer(critic, OptimiserConfig.rmsprop(1e-4));
        ImageShape s = config.input();
        Nd4j.getRandom().setSeed(0);
        INDArray real = Nd4j.rand(DataType.FLOAT, BATCH, s.channels(), s.height(), s.width()).muli(2).subi(1);
        INDArray fake = Nd4j.rand(DataType.FLOAT, BATCH, s.channels(), s.height(), s.width()).muli(2).subi(1);
        return () -> trainer.step(real, fake);
    }

    /**
     * One training step of the estimator's quick preset with another critic kind, as {@code w1 estimate --critic
     * KIND} trains it: the kind's critic config and optimiser, and for GP / LP the penalised step (the penalty's
     * double backward included), so that its time over {@code step-quick-1x28x28}'s is the kind's cost per step
     * relative to BCOP.
     */
    static Runnable kindStep(CriticKind kind) {
        EstimatorConfig config = kind.applyTo(EstimatorConfig.quick(new ImageShape(1, 28, 28)));
        DualStep update = DualStep.of(new CriticTrainer(Critic.create(config.critic()), config.optimiser()),
                config.penalty());
        Nd4j.getRandom().setSeed(0);
        INDArray real = Nd4j.rand(DataType.FLOAT, BATCH, 1, 28, 28);
        INDArray fake = Nd4j.rand(DataType.FLOAT, BATCH, 1, 28, 28);
        SplittableRandom rng = new SplittableRandom(0);
        return () -> update.step(real, fake, rng);
    }

    static Runnable certify(CriticConfig config) {
        Critic critic = Critic.create(config);
        return critic::certify;
    }
}
