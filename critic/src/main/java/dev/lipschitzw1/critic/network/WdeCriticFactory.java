package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.critic.layers.BjorckLinear;
import dev.lipschitzw1.critic.layers.Dense;
import dev.lipschitzw1.critic.layers.Flatten;
import dev.lipschitzw1.critic.layers.LeakyRelu;
import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.MaxMin;
import dev.lipschitzw1.critic.layers.NearestUpsample;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.critic.layers.ZeroPad;
import dev.lipschitzw1.critic.layers.conv.OrthogonalConvs;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the layers of the DCGAN-shaped WDE critic described by a {@link CriticConfig}:
 * <pre>
 *   pad          ZeroPad to padTo×padTo (if padTo &gt; the input size)
 *   upsample     NearestUpsample ×upsample (if &gt; 1)
 *   stage{s}     for s = 1 … depth: OrthogonalConvs.of(variant, k' = 2·kernelSize, stride 2)
 *                = stage{s}.unshuffle (PixelUnshuffle 2) + stage{s}.conv (k = kernelSize, width·2^(s−1) channels),
 *                then stage{s}.act (MaxMin, ReLU or LeakyReLU)
 *   flatten      C·h·w values
 *   hidden{j}    for j = 1 … headLayers: BjorckLinear(→ headWidth), or Dense for GP, then hidden{j}.act
 *   head         BjorckLinear(→ 1), or Dense for GP
 * </pre>
 * Seeds: one {@link SplittableRandom}(config.seed()), one {@code nextLong()} per parameterised layer in this order (so
 * a critic without hidden layers draws exactly the seeds it drew before they existed).
 */
public final class WdeCriticFactory {

    private WdeCriticFactory() {
    }

    /** The layers of the critic, in order. */
    public static List<LipschitzLayer> layers(CriticConfig config) {
        SplittableRandom seeds = new SplittableRandom(config.seed());
        List<LipschitzLayer> layers = new ArrayList<>();
        int[] shape = config.input().toArray();
        if (config.padTo() > Math.max(shape[1], shape[2]) || (config.padTo() > 0
                && (config.padTo() != shape[1] || config.padTo() != shape[2]))) {
            shape = add(layers, ZeroPad.centreTo("pad", shape, config.padTo()));
        }
        if (config.upsample() > 1) {
            shape = add(layers, new NearestUpsample("upsample", shape, config.upsample()));
        }
        OrthogonalConvs.Construction construction = switch (config.variant()) {
            case BCOP -> OrthogonalConvs.Construction.BCOP;
            case RKO -> OrthogonalConvs.Construction.RKO;
            case OSSN -> OrthogonalConvs.Construction.OSSN;
            case AOL -> OrthogonalConvs.Construction.AOL;
            case SOC -> OrthogonalConvs.Construction.SOC;
            case SLL -> OrthogonalConvs.Construction.SLL;
            case CAYLEY -> OrthogonalConvs.Construction.CAYLEY;
            case GP -> OrthogonalConvs.Construction.PLAIN;
        };
        OrthogonalConvs.Settings settings = new OrthogonalConvs.Settings(config.convPadding(), config.bias(),
                config.bjorck(), config.ossn());
        for (int s = 1; s <= config.depth(); s++) {
            String stage = "stage" + s;
            int cout = config.width() << (s - 1);
            for (LipschitzLayer l : OrthogonalConvs.of(construction, stage, shape, cout, 2 * config.kernelSize(), 2,
                    settings, seeds.nextLong())) {
                shape = add(layers, l);
            }
            shape = add(layers, activation(config, stage + ".act", shape));
        }
        shape = add(layers, new Flatten("flatten", shape));
        for (int j = 1; j <= config.headLayers(); j++) {
            String hidden = "hidden" + j;
            shape = add(layers, dense(config, hidden, PlainLayer.size(shape), config.headWidth(), seeds.nextLong()));
            shape = add(layers, activation(config, hidden + ".act", shape));
        }
        layers.add(dense(config, "head", PlainLayer.size(shape), 1, seeds.nextLong()));
        return layers;
    }

    /** The critic's dense layer: Björck-orthonormal, or unconstrained for the gradient-penalty critic. */
    private static LipschitzLayer dense(CriticConfig config, String name, int in, int out, long seed) {
        return config.variant() == CriticConfig.Variant.GP
                ? new Dense(name, in, out, config.bias(), seed)
                : new BjorckLinear(name, in, out, config.bias(), config.bjorck(), seed);
    }

    private static LipschitzLayer activation(CriticConfig config, String name, int[] shape) {
        return switch (config.activation()) {
            case MAX_MIN -> new MaxMin(name, shape);
            case RELU -> new LeakyRelu(name, shape, 0.0);
            case LEAKY_RELU -> new LeakyRelu(name, shape, config.leakySlope());
        };
    }

    private static int[] add(List<LipschitzLayer> layers, LipschitzLayer layer) {
        layers.add(layer);
        return layer.outputShape();
    }
}
