package dev.lipschitzw1.datasets;

import java.util.Optional;

/**
 * A plug-in that resolves source specifications the datasets module does not know (for example the generator
 * module's {@code generator:…} sources), found with {@link java.util.ServiceLoader}. Register an implementation in
 * {@code META-INF/services/dev.lipschitzw1.datasets.ImageSourceProvider}.
 */
public interface ImageSourceProvider {
    /** The prefixes this provider handles, e.g. {@code generator:}, for listing in help and error messages. */
    String prefix();

    /** Opens {@code spec}, or returns empty when the spec is not one of this provider's. */
    Optional<ImageDistribution> open(String spec, SourceOptions options);
}
