package dev.lipschitzw1.generator.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.SourceNotFoundException;
import dev.lipschitzw1.files.Container;
import dev.lipschitzw1.files.ContainerManifest;
import dev.lipschitzw1.generator.DcganArchitecture;
import dev.lipschitzw1.generator.DcganGenerator;
import dev.lipschitzw1.generator.GaussianLatents;
import dev.lipschitzw1.provenance.Provenance;
import dev.lipschitzw1.provenance.SourceDigest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Round trips of the generator file and one typed error per way a file can be bad (fixtures written here). */
class GeneratorFileTest {
    static final DcganArchitecture TINY = new DcganArchitecture(5, new ImageShape(1, 8, 8), 2, List.of(3, 4));

    static GeneratorFile tiny() {
        ObjectNode info = Json.MAPPER.createObjectNode().put("note", "test");
        return GeneratorFile.of(DcganGenerator.initialise(TINY, 4, DataType.FLOAT), info,
                List.of(new SourceDigest("data", "ab".repeat(32), "all 3 images")));
    }

    @Test
    void writeRead_roundTrip_sameOutputsBitForBit(@TempDir Path dir) {
        GeneratorFile f = tiny();
        Path p = dir.resolve("g.zip");
        f.write(p);
        GeneratorFile back = GeneratorFile.read(p);
        assertEquals(TINY, back.architecture(), "architecture");
        assertEquals("test", back.info().path("note").asText(), "info");
        assertEquals(f.sources(), back.sources(), "training data digests from the container manifest");
        ContainerManifest m = Container.read(p, "test").manifest();
        assertEquals(GeneratorFile.FORMAT, m.format());
        assertEquals(Provenance.buildCommit(), m.commit());
        INDArray z = GaussianLatents.sample(new SplittableRandom(1), 4, 5);
        assertEquals(f.toGenerator().generate(z), back.toGenerator().generate(z), "same images");
    }

    @Test
    void write_isByteReproducible() throws IOException {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        GeneratorFile f = tiny();
        f.writeTo(a);
        f.writeTo(b);
        assertArrayEquals(a.toByteArray(), b.toByteArray(), "same bytes (fixed entry times and order)");
    }

    @Test
    void npy_roundTripsFloatAndDouble_andRejectsBadHeader() {
        INDArray f = Nd4j.rand(DataType.FLOAT, 3, 4, 5);
        INDArray d = Nd4j.rand(DataType.DOUBLE, 7);
        Path p = Path.of("x.npy");
        assertEquals(f, NpyArrays.decode(NpyArrays.encode(f), p, "f"), "float32 [3, 4, 5]");
        assertEquals(d, NpyArrays.decode(NpyArrays.encode(d), p, "d"), "float64 [7]");
        byte[] bytes = NpyArrays.encode(f);
        byte[] fortran = new String(bytes, StandardCharsets.ISO_8859_1).replace("False", "True ")
                .getBytes(StandardCharsets.ISO_8859_1);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> NpyArrays.decode(fortran, p, "f"));
        assertTrue(e.field().contains(".npy header"), e.getMessage());
        byte[] shortData = Arrays.copyOf(bytes, bytes.length - 4);
        e = assertThrows(CorruptDataException.class, () -> NpyArrays.decode(shortData, p, "f"));
        assertTrue(e.field().contains(".npy size"), e.getMessage());
    }

    @Test
    void missingFile_isSourceNotFound(@TempDir Path dir) {
        Path p = dir.resolve("none.zip");
        SourceNotFoundException e = assertThrows(SourceNotFoundException.class, () -> GeneratorFile.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void truncatedFile_isCorruptDataNamingIt(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("g.zip");
        tiny().write(p);
        byte[] all = Files.readAllBytes(p);
        for (int cut : new int[] {all.length - 1, all.length / 2, 10}) {
            Files.write(p, Arrays.copyOf(all, cut));
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> GeneratorFile.read(p),
                    "cut at " + cut);
            assertEquals(p, e.file(), "names the file");
        }
    }

    @Test
    void flippedByte_isCorruptData(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("g.zip");
        tiny().write(p);
        byte[] all = Files.readAllBytes(p);
        all[all.length / 2] ^= 0x5A;
        Files.write(p, all);
        assertThrows(CorruptDataException.class, () -> GeneratorFile.read(p), "CRC or structure check");
    }

    @Test
    void zipWithoutManifest_isNotAGenerator(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("other.zip");
        writeZip(p, "readme.txt", "hello".getBytes(StandardCharsets.UTF_8));
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> GeneratorFile.read(p));
        assertTrue(e.field().contains(GeneratorFile.MANIFEST), e.getMessage());
    }

    @Test
    void otherFormat_isNamed(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("other.zip");
        writeZip(p, GeneratorFile.MANIFEST, "{\"format\": \"something-else\"}".getBytes(StandardCharsets.UTF_8));
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> GeneratorFile.read(p));
        assertEquals("'something-else'", e.found(), e.getMessage());
    }

    @Test
    void textFile_isCorruptData(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("model.zip");
        Files.writeString(p, "not a zip at all");
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> GeneratorFile.read(p));
        assertEquals(p, e.file(), "names the file");
    }

    @Test
    void wrongShapeTensor_namesEntryAndShapes(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("g.zip");
        tiny().write(good);
        Path bad = dir.resolve("bad.zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(good));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bad))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("parameters/deconv1.W.npy")) {
                    bytes = NpyArrays.encode(Nd4j.zeros(DataType.FLOAT, 4, 4, 4, 4));
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> GeneratorFile.read(bad));
        assertTrue(e.field().contains("deconv1.W") && e.found().equals("[4, 4, 4, 4]"), e.getMessage());
    }

    private static void writeZip(Path p, String name, byte[] bytes) throws IOException {
        try (OutputStream os = Files.newOutputStream(p); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(bytes);
            zip.closeEntry();
        }
    }
}
