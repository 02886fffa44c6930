package dev.lipschitzw1.errors;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * The operating system could not read or write a data file or directory (missing, unreadable, a directory where a
 * file was expected, a full disk, a read-only directory). The message reads {@code FILE: cannot OPERATION: REASON},
 * e.g. {@code /data/t10k-images-idx3-ubyte: cannot read: no such file or directory (NoSuchFileException: /data/…)} or
 * {@code results/run: cannot write: No space left on device (IOException)}; the {@link IOException} is kept as the
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

    /**
     * The operating system's reason first, then the exception type and the path it concerns, e.g.
     * {@code permission denied (AccessDeniedException: /out/.run.partial1234)} or
     * {@code No space left on device (IOException)}. The JDK leaves the reason of some file-system exceptions empty
     * and encodes it in the type; those types are spelt out.
     */
    static String describe(IOException cause) {
        String type = cause.getClass().getSimpleName();
        if (cause instanceof FileSystemException fs) {
            String reason = fs.getReason() != null ? fs.getReason() : reasonOf(fs);
            String where = fs.getFile() == null ? "" : ": " + fs.getFile()
                    + (fs.getOtherFile() == null ? "" : " → " + fs.getOtherFile());
            return reason == null ? type + where : reason + " (" + type + where + ")";
        }
        String message = cause.getMessage();
        return message == null || message.isEmpty() ? type : message + " (" + type + ")";
    }

    private static String reasonOf(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        return null;
    }
}
