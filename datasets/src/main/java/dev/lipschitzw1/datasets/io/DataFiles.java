package dev.lipschitzw1.datasets.io;

import dev.lipschitzw1.errors.DataIoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** File helpers shared by the readers; failures become {@link DataIoException} naming the file. */
final class DataFiles {
    private DataFiles() {
    }

    /**
     * The length in bytes of a regular file (symbolic links followed).
     *
     * @throws DataIoException if the file is missing, a directory or unreadable
     */
    static long regularFileSize(Path file) {
        if (Files.isDirectory(file)) {
            throw new DataIoException(file, "read", new IOException("is a directory, expected a data file"));
        }
        if (!Files.exists(file)) {
            throw new DataIoException(file, "read", new NoSuchFileException(file.toString()));
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new DataIoException(file, "read", e);
        }
    }

    /** Reads up to {@code length} bytes, stopping early only at end of stream; returns the count read. */
    static int readUpTo(InputStream in, byte[] buffer, int offset, int length) throws IOException {
        int filled = 0;
        while (filled < length) {
            int n = in.read(buffer, offset + filled, length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    /** The file's last path element as text, or the whole path if it has none. */
    static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
