package dev.lipschitzw1.datasets.io;

import dev.lipschitzw1.errors.DataIoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** File helpers shared by the readers; failures become {@link DataIoException} naming the file. */
final class DataFiles {
    private DataFiles() {
    }

    /**
     * The length in bytes of a regular file (symbolic links followed). Pipes, devices and directories are refused:
     * their length says nothing about their content, and reading a pipe can block (read a stream with the readers'
     * {@code InputStream} variants instead).
     *
     * @throws DataIoException if the file is missing, unreadable or not a regular file
     */
    static long regularFileSize(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new DataIoException(file, "read", new IOException(
                        (attributes.isDirectory() ? "a directory" : "not a regular file") + ", expected a data file"));
            }
            return attributes.size();
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
