package dev.lipschitzw1.generator.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.SourceNotFoundException;
import dev.lipschitzw1.generator.DcganArchitecture;
import dev.lipschitzw1.generator.DcganGenerator;
import dev.lipschitzw1.generator.GaussianLatents;
import dev.lipschitzw1.generator.GeneratorDistribution;
import dev.lipschitzw1.generator.LatentModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** SameDiff's own file format: save → load → same images; bad files → typed errors. */
class SameDiffGeneratorTest {
    static final DcganArchitecture TINY = new DcganArchitecture(5, new ImageShape(1, 8, 8), 2, List.of(3, 4));

    @Test
    void savedDcgan_loadsThroughDl4jSource_sameImages(@TempDir Path dir) {
        DcganGenerator g = DcganGenerator.initialise(TINY, 6, DataType.FLOAT);
        Path p = dir.resolve("g.sd");
        SameDiffGenerator.save(g, p);
        ImageDistribution d = DataSources.resolve("generator:dl4j:" + p, SourceOptions.DEFAULT);
        assertEquals(TINY.output(), d.shape(), "shape from the probe");
        INDArray want = new GeneratorDistribution("g", g).sample(20, new SplittableRandom(4));
        INDArray got = d.sample(20, new SplittableRandom(4));
        assertTrue(want.sub(got).amaxNumber().doubleValue() <= 1e-6, "same images after save/load");
    }

    @Test
    void tanhGraphWithOtherNames_isMappedByRule(@TempDir Path dir) {
        SameDiff sd = SameDiff.create();
        SDVariable noise = sd.placeHolder("noise", DataType.FLOAT, -1, 4);
        SDVariable w = sd.var("w", GaussianLatents.sample(new SplittableRandom(1), 4, 12));
        sd.math().tanh(noise.mmul(w)).reshape(-1, 3, 2, 2).rename("picture");
        Path p = dir.resolve("tanh.sd");
        sd.save(p.toFile(), false);
        LatentModel m = SameDiffGenerator.load(p, ImportOptions.DEFAULT);
        assertEquals(OutputRange.TANH, ((GraphGenerator) m).range(), "tanh detected");
        INDArray z = GaussianLatents.sample(new SplittableRandom(2), 3, 4);
        INDArray raw = sd.output(java.util.Map.of("noise", z), "picture").get("picture");
        assertTrue(m.generate(z).sub(raw.add(1).muli(0.5)).amaxNumber().doubleValue() <= 1e-6, "(y + 1)/2");
    }

    @Test
    void unboundedOutput_isRefusedWithTheRange(@TempDir Path dir) {
        SameDiff sd = SameDiff.create();
        SDVariable noise = sd.placeHolder("z", DataType.FLOAT, -1, 4);
        noise.mmul(sd.var("w", GaussianLatents.sample(new SplittableRandom(1), 4, 4)).mul(10)).reshape(-1, 1, 2, 2)
                .rename("images");
        Path p = dir.resolve("linear.sd");
        sd.save(p.toFile(), false);
        ModelImportException e = assertThrows(ModelImportException.class,
                () -> SameDiffGenerator.load(p, ImportOptions.DEFAULT));
        assertTrue(e.problem().contains("neither [0, 1] nor [-1, 1]"), e.getMessage());
    }

    @Test
    void classifierGraph_isRefusedAsNotAnImage(@TempDir Path dir) {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.placeHolder("z", DataType.FLOAT, -1, 4);
        sd.nn().softmax(z.mmul(sd.var("w", GaussianLatents.sample(new SplittableRandom(1), 4, 10))), 1)
                .rename("images");
        Path p = dir.resolve("classifier.sd");
        sd.save(p.toFile(), false);
        ModelImportException e = assertThrows(ModelImportException.class,
                () -> SameDiffGenerator.load(p, ImportOptions.DEFAULT));
        assertTrue(e.problem().contains("not an image batch"), e.getMessage());
        assertEquals(p, e.file(), "names the file");
    }

    @Test
    void missing_truncated_andForeignFiles_areTypedErrors(@TempDir Path dir) throws IOException {
        Path absent = dir.resolve("none.sd");
        assertThrows(SourceNotFoundException.class, () -> SameDiffGenerator.load(absent, ImportOptions.DEFAULT));
        Path p = dir.resolve("g.sd");
        SameDiffGenerator.save(DcganGenerator.initialise(TINY, 6, DataType.FLOAT), p);
        byte[] all = Files.readAllBytes(p);
        Path cut = dir.resolve("cut.sd");
        Files.write(cut, Arrays.copyOf(all, all.length / 3));
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> SameDiffGenerator.load(cut, ImportOptions.DEFAULT));
        assertEquals(cut, e.file(), "names the truncated file");
        Path text = dir.resolve("text.sd");
        Files.writeString(text, "definitely not flatbuffers\n".repeat(20));
        e = assertThrows(CorruptDataException.class, () -> SameDiffGenerator.load(text, ImportOptions.DEFAULT));
        assertEquals(text, e.file(), "names the foreign file");
    }
}
