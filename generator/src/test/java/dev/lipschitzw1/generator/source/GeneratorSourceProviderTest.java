package dev.lipschitzw1.generator.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.SourceNotFoundException;
import dev.lipschitzw1.generator.DcganArchitecture;
import dev.lipschitzw1.generator.DcganGenerator;
import dev.lipschitzw1.generator.GeneratorDistribution;
import dev.lipschitzw1.generator.io.GeneratorFile;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** The {@code generator:} specifications through the datasets resolver (ServiceLoader registration included). */
class GeneratorSourceProviderTest {
    static final DcganArchitecture TINY = new DcganArchitecture(5, new ImageShape(1, 8, 8), 2, List.of(3, 4));

    @Test
    void zipSource_opensAGeneratorFile(@TempDir Path dir) {
        DcganGenerator g = DcganGenerator.initialise(TINY, 2, DataType.FLOAT);
        Path p = dir.resolve("g.zip");
        GeneratorFile.of(g, null, List.of()).write(p);
        ImageDistribution d = DataSources.resolve("generator:zip:" + p, SourceOptions.DEFAULT);
        assertEquals("generator:zip:" + p, d.name(), "named by its spec");
        assertEquals(new GeneratorDistribution("g", g).sample(9, new SplittableRandom(1)),
                d.sample(9, new SplittableRandom(1)), "same samples as the generator written");
    }

    @Test
    void shippedNames_resolve_andDefaultLevelIsFinal() {
        ImageDistribution plain = DataSources.resolve("generator:mnist", SourceOptions.DEFAULT);
        ImageDistribution fin = DataSources.resolve("generator:mnist@final", SourceOptions.DEFAULT);
        assertEquals("generator:mnist", plain.name(), "name");
        assertEquals(new ImageShape(1, 28, 28), plain.shape(), "MNIST shape");
        assertEquals(fin.sample(5, new SplittableRandom(2)), plain.sample(5, new SplittableRandom(2)),
                "generator:mnist is the final level");
        for (String level : new String[] {"early", "middle", "final"}) {
            assertEquals(new ImageShape(1, 28, 28), DataSources.resolve("generator:fashion-mnist@" + level,
                    SourceOptions.DEFAULT).shape(), "fashion-mnist@" + level);
        }
    }

    @Test
    void badSpecs_areTypedErrors(@TempDir Path dir) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> DataSources.resolve("generator:mnist@best", SourceOptions.DEFAULT));
        assertTrue(e.expected().contains("mnist@early"), e.getMessage());
        e = assertThrows(InvalidConfigException.class,
                () -> DataSources.resolve("generator:onnx:", SourceOptions.DEFAULT));
        assertEquals("source", e.key(), e.getMessage());
        e = assertThrows(InvalidConfigException.class,
                () -> DataSources.resolve("generator:onnx:x.onnx?colour=blue", SourceOptions.DEFAULT));
        assertEquals("import option", e.key(), e.getMessage());
        e = assertThrows(InvalidConfigException.class,
                () -> DataSources.resolve("generator:Mnist!", SourceOptions.DEFAULT));
        assertEquals("source", e.key(), e.getMessage());
        assertThrows(SourceNotFoundException.class,
                () -> DataSources.resolve("generator:dl4j:" + dir.resolve("none.sd"), SourceOptions.DEFAULT));
    }
}
