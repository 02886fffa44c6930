package dev.lipschitzw1.generator.train;

import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * The WGAN-GP discriminator (critic) of the BCOP authors' generators (LConvNet's WGAN-GP discriminator; docs/generators.md, "Training (WGAN-GP)"):
 * <pre>  x → conv 4×4/2 (pad 1) c₁ → LReLU → conv 4×4/2 (pad 1) c₂ → LReLU → flatten → FC h → LReLU → FC 1  </pre>
 * with LReLU(t) = max(t, α·t). Plain (unconstrained) weights: its Lipschitz constant is only encouraged towards 1 by
 * the gradient penalty, never certified.
 *
 * @param input the image shape C×H×W (H and W divisible by 4)
 * @param conv1 c₁, channels of the first convolution (authors: 64)
 * @param conv2 c₂, channels of the second convolution (authors: 128)
 * @param hidden h, width of the hidden dense layer (authors: 1024)
 * @param slope α, the LeakyReLU slope for negative inputs (authors: 0.2)
 */
public record DiscriminatorArchitecture(ImageShape input, int conv1, int conv2, int hidden, double slope) {
    /** Kernel size of both convolutions. */
    public static final int KERNEL = 4;

    public DiscriminatorArchitecture {
        InvalidConfigException.require(input != null, "discriminator.input", null, "an image shape");
        InvalidConfigException.require(input.height() % 4 == 0 && input.width() % 4 == 0, "discriminator.input", input,
                "H and W divisible by 4 (two stride-2 convolutions)");
        InvalidConfigException.require(conv1 >= 1, "discriminator.conv1", conv1, "≥ 1");
        InvalidConfigException.require(conv2 >= 1, "discriminator.conv2", conv2, "≥ 1");
        InvalidConfigException.require(hidden >= 1, "discriminator.hidden", hidden, "≥ 1");
        InvalidConfigException.require(slope >= 0 && slope < 1, "discriminator.slope", slope, "in [0, 1)");
    }

    /** The authors' discriminator for images of this shape: 64, 128, 1024, α = 0.2. */
    public static DiscriminatorArchitecture authors(ImageShape input) {
        return new DiscriminatorArchitecture(input, 64, 128, 1024, 0.2);
    }

    /** Length of the flattened feature map entering the dense layer: c₂·(H/4)·(W/4). */
    public int flatSize() {
        return conv2 * (input.height() / 4) * (input.width() / 4);
    }
}
