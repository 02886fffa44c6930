package dev.lipschitzw1.generator.io;

import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.SourceNotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import org.nd4j.linalg.api.ndarray.INDArray;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * A zip archive read completely into memory, entry by entry, with every CRC checked by {@link ZipInputStream}: a
 * truncated or altered archive fails here with a typed error instead of yielding partial tensors. Bounded: at most
 * {@link #MAX_BYTES} uncompressed bytes in all.
 */
public final class ZipArchive {
    /** Largest uncompressed content accepted: 1 GiB. */
    public static final long MAX_BYTES = 1L << 30;

    private final Path file;
    private final Map<String, byte[]> entries;

    private ZipArchive(Path file, Map<String, byte[]> entries) {
        this.file = file;
        this.entries = entries;
    }

    /**
     * Reads a zip file.
     *
     * @throws SourceNotFoundException if the file does not exist
     * @throws CorruptDataException if it is not a complete, intact zip archive
     * @throws DataIoException if it cannot be read
     */
    public static ZipArchive read(Path file, String howToObtain) {
        if (!Files.exists(file)) {
            throw new SourceNotFoundException(file.toString(), file + " does not exist", howToObtain);
        }
        if (!Files.isRegularFile(file)) {
            throw new CorruptDataException(file, -1, "file type", "not a regular file", "a zip archive");
        }
        int centralEntries;
        try (ZipFile zf = new ZipFile(file.toFile())) {
            centralEntries = (int) zf.stream().filter(e -> !e.isDirectory()).count();
        } catch (ZipException e) {
            throw new CorruptDataException(file, -1, "zip archive", "unreadable (" + e.getMessage() + ")",
                    "a complete zip archive; the file is truncated, altered or of another format", e);
        } catch (IOException e) {
            throw new DataIoException(file, "open", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            ZipArchive archive = read(in, file);
            if (archive.entries.size() != centralEntries) {
                throw new CorruptDataException(file, -1, "zip entries", archive.entries.size() + " readable",
                        centralEntries + " as listed in the central directory");
            }
            return archive;
        } catch (IOException e) {
            throw new DataIoException(file, "read", e);
        }
    }

    /** Reads a zip archive from a stream; {@code file} names it in messages. */
    public static ZipArchive read(InputStream in, Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            byte[] chunk = new byte[1 << 16];
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int r;
                while ((r = zip.read(chunk)) > 0) {
                    total += r;
                    if (total > MAX_BYTES) {
                        throw new CorruptDataException(file, -1, "zip content", "more than " + MAX_BYTES + " bytes",
                                "at most " + MAX_BYTES + " bytes uncompressed");
                    }
                    out.write(chunk, 0, r);
                }
                if (entries.put(e.getName(), out.toByteArray()) != null) {
                    throw new CorruptDataException(file, -1, "zip entry " + e.getName(), "twice", "once");
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new CorruptDataException(file, -1, "zip archive", "damaged (" + e.getMessage() + ")",
                    "a complete zip archive; the file is truncated or altered", e);
        }
        if (entries.isEmpty()) {
            throw new CorruptDataException(file, -1, "zip archive", "no entries",
                    "a zip archive (is this file a model of another format?)");
        }
        return new ZipArchive(file, Collections.unmodifiableMap(entries));
    }

    public Path file() {
        return file;
    }

    /** Entry names to contents, in archive order. */
    public Map<String, byte[]> entries() {
        return entries;
    }

    /**
     * The bytes of a required entry.
     *
     * @throws CorruptDataException if the entry is absent
     */
    public byte[] require(String name, String what) {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new CorruptDataException(file, -1, "zip entry " + name, "missing", what);
        }
        return b;
    }

    /**
     * The tensor stored in the .npy entry {@code entry}.
     *
     * @throws CorruptDataException if the entry is absent or not a valid .npy tensor
     */
    public INDArray tensor(String entry) {
        return NpyArrays.decode(require(entry, "a .npy tensor"), file, entry);
    }
}
