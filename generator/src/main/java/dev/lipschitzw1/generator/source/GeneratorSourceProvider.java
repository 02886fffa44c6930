package dev.lipschitzw1.generator.source;

import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageSourceProvider;
import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.generator.GeneratorDistribution;
import dev.lipschitzw1.generator.external.ImportOptions;
import dev.lipschitzw1.generator.external.OnnxGenerator;
import dev.lipschitzw1.generator.external.SameDiffGenerator;
import dev.lipschitzw1.generator.io.GeneratorFile;
import dev.lipschitzw1.generator.pretrained.PretrainedGenerators;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code generator:…} sources:
 * <pre>
 *   generator:mnist                    the shipped MNIST generator, final level
 *   generator:mnist@early|middle|final a level of the MNIST ladder
 *   generator:fashion-mnist[@LEVEL]    the same for Fashion-MNIST
 *   generator:zip:PATH                 a generator file written by this toolkit (GeneratorFile)
 *   generator:dl4j:PATH[?OPTIONS]      a SameDiff saved model (SameDiffGenerator)
 *   generator:onnx:PATH[?OPTIONS]      an ONNX graph (OnnxGenerator)
 * </pre>
 * OPTIONS are {@code key=value} pairs joined by {@code &}: input, latent, output, shape (CxHxW), range
 * (auto|unit|tanh) — see {@link ImportOptions}.
 */
public final class GeneratorSourceProvider implements ImageSourceProvider {
    private static final String PREFIX = "generator:";
    private static final Pattern SHIPPED = Pattern.compile("generator:([a-z-]+)(?:@([a-z]+))?");

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public Optional<ImageDistribution> open(String spec, SourceOptions options) {
        if (!spec.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = spec.substring(PREFIX.length());
        if (rest.startsWith("zip:")) {
            Path file = path(spec, rest.substring(4));
            return Optional.of(new GeneratorDistribution(spec, GeneratorFile.read(file).toGenerator()));
        }
        if (rest.startsWith("dl4j:") || rest.startsWith("onnx:")) {
            String target = rest.substring(5);
            int q = target.lastIndexOf('?');
            ImportOptions io = ImportOptions.parse(q < 0 ? "" : target.substring(q + 1));
            Path file = path(spec, q < 0 ? target : target.substring(0, q));
            return Optional.of(new GeneratorDistribution(spec, rest.startsWith("dl4j:")
                    ? SameDiffGenerator.load(file, io) : OnnxGenerator.load(file, io)));
        }
        Matcher m = SHIPPED.matcher(spec);
        InvalidConfigException.require(m.matches(), "source", spec, "generator:mnist[@early|middle|final], "
                + "generator:fashion-mnist[@…], generator:zip:PATH, generator:dl4j:PATH[?…] or generator:onnx:PATH[?…]");
        String level = m.group(2) == null ? PretrainedGenerators.DEFAULT_LEVEL : m.group(2);
        GeneratorDistribution g = PretrainedGenerators.load(m.group(1), level);
        return Optional.of(m.group(2) == null ? new GeneratorDistribution(spec, g.model()) : g);
    }

    private static Path path(String spec, String p) {
        InvalidConfigException.require(!p.isBlank(), "source", spec, "a path after the colon");
        return Path.of(p);
    }
}
