package dev.lipschitzw1.generator;

import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.List;

/**
 * The shape of a DCGAN generator without batch normalisation:
 * <pre>  z ∈ ℝ^d → dense → ReLU → reshape c₀×b×b → [deconv 4×4/2 (pad 1) → ReLU] × (k−1) → deconv 4×4/2 (pad 1) → sigmoid  </pre>
 * where {@code channels} = (c₀, …, c_{k−1}) are the feature maps at resolutions b, 2b, …, 2^{k−1}·b and the last deconv
 * maps c_{k−1} to the image's C channels at 2^k·b = H = W. Every transposed convolution doubles the resolution
 * (out = 2·in − 2·1 + 4). Output in [0, 1] through the sigmoid.
 *
 * <p>No batch normalisation, by decision: a generator is then a fixed function of z (no batch statistics, no
 * train/eval mode), so a sample does not depend on the batch it was drawn in. Training is stable without it under
 * WGAN-GP (the penalty is on the critic).
 *
 * @param latentSize d, the length of z ~ N(0, I)
 * @param output the image shape C×H×W (H = W = b·2^k)
 * @param baseSize b, the side of the first feature map
 * @param channels c₀ … c_{k−1}, one entry per resolution before the image
 */
public record DcganArchitecture(int latentSize, ImageShape output, int baseSize, List<Integer> channels) {
    /** 1×28×28 (MNIST, Fashion-MNIST): 128 → 128×7×7 → 64×14×14 → 1×28×28; 0.94 M parameters. */
    public static final DcganArchitecture GRAY_28 = new DcganArchitecture(128, new ImageShape(1, 28, 28), 7,
            List.of(128, 64));
    /** 3×32×32 (CIFAR-10): 128 → 256×4×4 → 128×8×8 → 64×16×16 → 3×32×32; 1.19 M parameters. */
    public static final DcganArchitecture RGB_32 = new DcganArchitecture(128, new ImageShape(3, 32, 32), 4,
            List.of(256, 128, 64));

    /** Kernel size of every transposed convolution. */
    public static final int KERNEL = 4;

    public DcganArchitecture {
        InvalidConfigException.require(latentSize >= 1, "generator.latentSize", latentSize, "≥ 1");
        InvalidConfigException.require(output != null, "generator.output", null, "an image shape");
        InvalidConfigException.require(baseSize >= 1, "generator.baseSize", baseSize, "≥ 1");
        InvalidConfigException.require(channels != null && !channels.isEmpty(), "generator.channels", channels,
                "at least one feature-map width");
        channels = List.copyOf(channels);
        for (int c : channels) {
            InvalidConfigException.require(c >= 1, "generator.channels", channels, "widths ≥ 1");
        }
        long side = (long) baseSize << channels.size();
        InvalidConfigException.require(output.height() == side && output.width() == side, "generator.output", output,
                "H = W = baseSize·2^(number of channel entries) = " + side);
    }

    /** Number of trainable values. */
    public long parameterCount() {
        long c0 = channels.get(0);
        long n = (long) latentSize * c0 * baseSize * baseSize + c0 * baseSize * baseSize;
        for (int i = 0; i < channels.size(); i++) {
            long cin = channels.get(i);
            long cout = i + 1 < channels.size() ? channels.get(i + 1) : output.channels();
            n += KERNEL * KERNEL * cin * cout + cout;
        }
        return n;
    }
}
