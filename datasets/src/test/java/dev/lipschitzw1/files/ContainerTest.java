package dev.lipschitzw1.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.FloatImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.provenance.Provenance;
import dev.lipschitzw1.provenance.SourceDigest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one container: manifest first, entries back byte for byte, the same bytes for the same content, files without
 * a manifest still readable; and {@link SourceDigest} against a SHA-256 computed here from its documented layout.
 */
class ContainerTest {
    private static final ImageShape SHAPE = new ImageShape(1, 2, 3);

    @Test
    void entriesAndManifestRoundTripAndTheBytesAreReproducible(@TempDir Path dir) throws Exception {
        List<SourceDigest> sources = List.of(SourceDigest.of(images(0.25f)));
        ContainerManifest manifest = ContainerManifest.current("lipschitz-w1-test", 3, sources);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a.json", "{\"x\": 1}".getBytes());
        entries.put("b/c.bin", new byte[] {1, 2, 3});
        Path file = dir.resolve("t.zip");
        Container.write(file, manifest, entries);
        Container back = Container.read(file, "test");
        assertEquals(List.of(ContainerManifest.ENTRY, "a.json", "b/c.bin"), List.copyOf(back.entries().keySet()),
                "manifest first, then the entries in order");
        assertArrayEquals(new byte[] {1, 2, 3}, back.require("b/c.bin", "test"));
        assertEquals(manifest, back.manifest());
        assertEquals(Provenance.buildCommit(), back.manifest().commit());
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        Container.writeTo(again, manifest, entries);
        assertArrayEquals(Files.readAllBytes(file), again.toByteArray(), "same content, same bytes");
        CorruptDataException wrong = assertThrows(CorruptDataException.class,
                () -> back.manifest().require("lipschitz-w1-other", 3, file));
        assertTrue(wrong.getMessage().contains("lipschitz-w1-test v3"), wrong.getMessage());
    }

    @Test
    void aZipWithoutManifestIsReadAsALegacyFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old.zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("critic.json"));
            zip.write("{}".getBytes());
            zip.closeEntry();
        }
        assertNull(Container.read(file, "test").manifest());
    }

    /** Oracle: SHA-256 of (C, H, W as int32, then every float32 pixel, big-endian) computed directly. */
    @Test
    void sourceDigestFollowsItsDocumentedLayoutAndSeesOnePixel() throws Exception {
        FloatImageSet set = images(0.25f);
        ByteBuffer b = ByteBuffer.allocate(12 + 4 * 12);
        b.putInt(1).putInt(2).putInt(3);
        for (int i = 0; i < 12; i++) {
            b.putFloat(i == 0 ? 0.25f : i / 12f);
        }
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
        assertEquals(expected, SourceDigest.of(set).sha256());
        assertEquals("all 2 images", SourceDigest.of(set).covers());
        assertTrue(!SourceDigest.of(images(0.5f)).sha256().equals(expected), "one pixel changes the digest");
    }

    /** Two 1×2×3 images with pixels i/12, the first pixel replaced by {@code first}. */
    private static FloatImageSet images(float first) {
        float[] px = new float[12];
        for (int i = 0; i < 12; i++) {
            px[i] = i / 12f;
        }
        px[0] = first;
        return new FloatImageSet("set", SHAPE, px);
    }
}
