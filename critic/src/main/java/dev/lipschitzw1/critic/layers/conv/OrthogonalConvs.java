package dev.lipschitzw1.critic.layers.conv;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.Conv2d;
import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.PixelUnshuffle;
import dev.lipschitzw1.critic.layers.conv.aol.AolConv2d;
import dev.lipschitzw1.critic.layers.conv.bcop.BcopConv2d;
import dev.lipschitzw1.critic.layers.conv.cayley.CayleyConv2d;
import dev.lipschitzw1.critic.layers.conv.ossn.OssnConfig;
import dev.lipschitzw1.critic.layers.conv.ossn.OssnConv2d;
import dev.lipschitzw1.critic.layers.conv.rko.RkoConv2d;
import dev.lipschitzw1.critic.layers.conv.sll.SllConv2d;
import dev.lipschitzw1.critic.layers.conv.soc.SocConfig;
import dev.lipschitzw1.critic.layers.conv.soc.SocConv2d;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * The factory of convolutional layers. Dispatch rule (LConvNet's {@code LipschitzConv2d}):
 * <pre>
 *   stride 1:          [ conv k×k ]                                    cin×H×W → cout×H×W
 *   stride s &gt; 1:     [ PixelUnshuffle(s), conv (k/s)×(k/s) ]           cin×H×W → cout×(H/s)×(W/s),  s | k, s | H, W
 * </pre>
 * with the conv by construction: {@link Construction#BCOP} ({@link BcopConv2d}, orthogonal, certified 1),
 * {@link Construction#RKO} ({@link RkoConv2d}, certified ≤ 1), {@link Construction#OSSN} ({@link OssnConv2d}, not
 * certified by construction), {@link Construction#AOL} ({@link AolConv2d}, certified ≤ 1), {@link Construction#SOC}
 * ({@link SocConv2d}, the authors' default {@link SocConfig#DEFAULT}, certified ≈ 1), {@link Construction#SLL}
 * ({@link SllConv2d}, a residual layer on cin channels then zero-padded or truncated to cout, certified 1),
 * {@link Construction#CAYLEY} ({@link CayleyConv2d}, a full-size circular kernel, orthogonal, certified 1),
 * {@link Construction#PLAIN} ({@link Conv2d}, unconstrained). The pixel-unshuffle is a permutation, so a strided
 * layer keeps the conv's certified bound. Any other combination throws {@link InvalidConfigException} naming it.
 */
public final class OrthogonalConvs {

    /** How the conv's kernel is constrained. */
    public enum Construction { BCOP, RKO, OSSN, AOL, SOC, SLL, CAYLEY, PLAIN }

    /**
     * Settings shared by the constructions.
     *
     * @param padding circular (exact norms; LConvNet) or zero
     * @param bias    whether the conv has a bias
     * @param bjorck  Björck settings for BCOP and RKO
     * @param ossn    settings for OSSN
     */
    public record Settings(Padding padding, boolean bias, BjorckConfig bjorck, OssnConfig ossn) {
    }

    private OrthogonalConvs() {
    }

    /**
     * The layers for a conv of kernel k and stride s on cin×H×W maps (see the dispatch rule).
     *
     * @param name       prefix of the layer names ({@code name.unshuffle}, {@code name.conv})
     * @param inputShape {cin, H, W}
     * @param seed       seed of the conv's initialisation
     * @throws InvalidConfigException if s &lt; 1, s does not divide k, H or W, or the sizes are not positive
     */
    public static List<LipschitzLayer> of(Construction construction, String name, int[] inputShape, int cout, int k,
                                          int stride, Settings settings, long seed) {
        InvalidConfigException.require(stride >= 1 && k % stride == 0, name + ".stride", stride,
                "≥ 1 and dividing the kernel size " + k + " (stride s is pixel-unshuffle s + conv k/s)");
        List<LipschitzLayer> layers = new ArrayList<>();
        int[] shape = inputShape.clone();
        if (stride > 1) {
            PixelUnshuffle unshuffle = new PixelUnshuffle(name + ".unshuffle", shape, stride);
            layers.add(unshuffle);
            shape = unshuffle.outputShape();
        }
        layers.add(conv(construction, name + ".conv", shape, cout, k / stride, settings, seed));
        return layers;
    }

    /** One stride-1 conv of the given construction on {cin, H, W} maps. */
    public static LipschitzLayer conv(Construction construction, String name, int[] inputShape, int cout, int k,
                                      Settings s, long seed) {
        return switch (construction) {
            case BCOP -> new BcopConv2d(name, inputShape, cout, k, s.padding(), s.bias(), s.bjorck(), seed);
            case RKO -> new RkoConv2d(name, inputShape, cout, k, s.padding(), s.bias(), s.bjorck(), seed);
            case OSSN -> new OssnConv2d(name, inputShape, cout, k, s.padding(), s.bias(), s.ossn(), seed);
            case AOL -> new AolConv2d(name, inputShape, cout, k, s.padding(), s.bias(), seed);
            case SOC -> new SocConv2d(name, inputShape, cout, k, s.padding(), s.bias(), SocConfig.DEFAULT, seed);
            case SLL -> new SllConv2d(name, inputShape, cout, k, s.padding(), s.bias(), seed);
            case CAYLEY -> new CayleyConv2d(name, inputShape, cout, k, s.padding(), s.bias(), seed);
            case PLAIN -> new Conv2d(name, inputShape, cout, k, s.padding(), s.bias(), seed);
        };
    }
}
