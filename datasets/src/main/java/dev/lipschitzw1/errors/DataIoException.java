package dev.lipschitzw1.errors;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The operating system could not read or write a data file or directory (missing, unreadable, a directory where a
 * file was expected, a disk error). The message reads {@code FILE: cannot OPERATION: CAUSE}, e.g.
 * {@code /data/t10k-images-idx3-ubyte: cannot read: NoSuchFileException}; the {@link IOException} is kept as the
 * cause. Contents that are readable but wrong raise {@link CorruptDataException} instead.
 */
public final class DataIoException extends W1Exception {
    private final transient Path file;
    private final String operation;

    /**
     * @param file the file or directory concerned
     * @param operation what was attempted, e.g. {@code read}, {@code write}, {@code list directory}
     * @param cause the I/O failure
     */
    public DataIoException(Path file, String operation, IOException cause) {
        super(file + ": cannot " + operation + ": " + describe(cause), cause);
        this.file = file;
        this.operation = operation;
    }

    /** @return the file or directory concerned */
    public Path file() {
        return file;
    }

    /** @return what was attempted, e.g. {@code read} */
    public String operation() {
        return operation;
    }

    private static String describe(IOException cause) {
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null || message.isEmpty() ? type : type + " (" + message + ")";
    }
}
