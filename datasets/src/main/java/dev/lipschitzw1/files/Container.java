package dev.lipschitzw1.files;

import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.SourceNotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The one container of lipschitz-w1's files (critics, generators, GAN training checkpoints): a zip archive whose
 * first entry is a {@link ContainerManifest} ({@value ContainerManifest#ENTRY}: format, version, library version and
 * commit, data sources' SHA-256), followed by the format's own entries, all with time stamp 0:
 * <pre>
 *   manifest.json        {"format": …, "formatVersion": …, "library": {…}, "sources": […]}
 *   critic.json, arrays.bin | generator.json, parameters/NAME.npy | checkpoint.json, …
 * </pre>
 * A directory that is written entry by entry (the estimator's checkpoint) holds the same manifest as a file
 * ({@link #writeManifest}). Reading is strict: the whole archive into memory, every CRC checked by
 * {@link ZipInputStream}, so a truncated or altered file fails with a typed error instead of yielding partial content;
 * bounded to {@link #MAX_BYTES} uncompressed bytes in all.
 */
public final class Container {
    /** Largest uncompressed content accepted: 1 GiB. */
    public static final long MAX_BYTES = 1L << 30;

    private final Path file;
    private final Map<String, byte[]> entries;

    private Container(Path file, Map<String, byte[]> entries) {
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
    public static Container read(Path file, String howToObtain) {
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
            Container archive = read(in, file);
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
    public static Container read(InputStream in, Path file) throws IOException {
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
        return new Container(file, Collections.unmodifiableMap(entries));
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
     * The container's manifest, or null for a file written before manifests existed (its format's own entry then
     * says what it is; the readers of those formats keep accepting them).
     *
     * @throws CorruptDataException if the manifest is present but malformed
     */
    public ContainerManifest manifest() {
        byte[] m = entries.get(ContainerManifest.ENTRY);
        return m == null ? null : ContainerManifest.parse(m, file);
    }

    /**
     * Writes a container atomically: {@code manifest} first, then {@code entries} in their iteration order, all with
     * time stamp 0, so that the same content gives the same bytes.
     *
     * @throws dev.lipschitzw1.errors.DataIoException naming {@code target} if it cannot be written
     */
    public static void write(Path target, ContainerManifest manifest, Map<String, byte[]> entries) {
        AtomicFiles.write(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writeTo(out, manifest, entries);
            }
        });
    }

    /** Writes a container to a stream (see {@link #write}). */
    public static void writeTo(OutputStream out, ContainerManifest manifest, Map<String, byte[]> entries)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        put(zip, ContainerManifest.ENTRY, manifest.toBytes());
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            put(zip, e.getKey(), e.getValue());
        }
        zip.finish();
    }

    /** Writes {@code manifest} as {@value ContainerManifest#ENTRY} into directory {@code dir} (a directory container). */
    public static void writeManifest(Path dir, ContainerManifest manifest) {
        AtomicFiles.write(dir.resolve(ContainerManifest.ENTRY), tmp -> Files.write(tmp, manifest.toBytes()));
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0L);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }
}
