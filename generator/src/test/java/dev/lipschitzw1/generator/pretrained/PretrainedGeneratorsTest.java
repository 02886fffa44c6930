package dev.lipschitzw1.generator.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.generator.GeneratorDistribution;
import dev.lipschitzw1.generator.io.GeneratorFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The shipped ladders: listed, intact (SHA-256), loadable from the class path, sized, and with provenance. */
class PretrainedGeneratorsTest {
    @Test
    void manifest_listsBothLaddersInOrder() {
        List<String> names = PretrainedGenerators.list().stream().map(g -> g.dataset() + "@" + g.level()).toList();
        assertEquals(List.of("mnist@early", "mnist@middle", "mnist@final", "fashion-mnist@early",
                "fashion-mnist@middle", "fashion-mnist@final"), names, "shipped generators");
    }

    @Test
    void shippedFiles_matchManifestSha256_andAreUnder10MB() throws IOException {
        for (PretrainedGenerator g : PretrainedGenerators.list()) {
            byte[] bytes;
            try (InputStream in = PretrainedGenerators.class.getResourceAsStream(PretrainedGenerators.FOLDER
                    + g.file())) {
                bytes = in.readAllBytes();
            }
            assertEquals(g.sha256(), PretrainedGenerators.sha256(bytes), "SHA-256 of " + g.file());
            assertTrue(bytes.length < 10_000_000, g.file() + " is " + bytes.length + " bytes");
        }
    }

    @Test
    void everyLevel_loads_sampleShapeRangeDeterminism() {
        for (PretrainedGenerator e : PretrainedGenerators.list()) {
            GeneratorDistribution g = PretrainedGenerators.load(e.dataset(), e.level());
            INDArray a = g.sample(16, new SplittableRandom(11));
            assertArrayEquals(new long[] {16, 1, 28, 28}, a.shape(), e.source() + " shape");
            assertTrue(a.minNumber().doubleValue() >= 0 && a.maxNumber().doubleValue() <= 1, e.source() + " range");
            assertEquals(a, g.sample(16, new SplittableRandom(11)), e.source() + " same seed, same images");
        }
    }

    @Test
    void ladders_recordIncreasingTrainingAndTheirProvenance() {
        for (String dataset : new String[] {"mnist", "fashion-mnist"}) {
            PretrainedGenerator early = PretrainedGenerators.entry(dataset, "early");
            PretrainedGenerator middle = PretrainedGenerators.entry(dataset, "middle");
            PretrainedGenerator fin = PretrainedGenerators.entry(dataset, "final");
            assertTrue(early.steps() < middle.steps() && middle.steps() < fin.steps(), dataset + " steps increase");
            assertTrue(early.trainingSeconds() < middle.trainingSeconds()
                    && middle.trainingSeconds() < fin.trainingSeconds(), dataset + " training time increases");
            GeneratorFile file = PretrainedGenerators.read(fin);
            assertEquals(fin.steps(), file.info().path("steps").asInt(), "steps inside the file");
            assertEquals(fin.seed(), file.info().path("training").path("seed").asLong(), "seed inside the file");
            assertTrue(file.info().path("data").path("name").asText().startsWith(dataset + "-train"),
                    "data it saw: " + file.info().path("data"));
        }
    }

    @Test
    void alteredChecksum_isCorruptDataNamingTheFile() {
        PretrainedGenerator e = PretrainedGenerators.entry("mnist", "early");
        PretrainedGenerator altered = new PretrainedGenerator(e.dataset(), e.level(), e.file(),
                "0".repeat(64), e.steps(), e.trainingSeconds(), e.seed(), e.config(), e.data());
        CorruptDataException x = assertThrows(CorruptDataException.class, () -> PretrainedGenerators.read(altered));
        assertEquals("SHA-256", x.field(), x.getMessage());
        assertEquals(e.sha256(), x.found(), "found the real digest");
        assertTrue(x.file().toString().endsWith(e.file()), "names the file: " + x.file());
    }

    @Test
    void unknownGenerator_listsTheShippedOnes() {
        InvalidConfigException x = assertThrows(InvalidConfigException.class,
                () -> PretrainedGenerators.entry("cifar10", "final"));
        assertTrue(x.expected().contains("mnist@final"), x.getMessage());
    }
}
