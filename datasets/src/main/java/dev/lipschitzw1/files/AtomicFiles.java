package dev.lipschitzw1.files;

import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.W1Exception;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files and directories so that a reader (or a killed run) never sees a partial one: the content is written
 * to a temporary sibling, then renamed over the target in one atomic step. On failure (a read-only directory, a full
 * disk) the temporary sibling is deleted and a {@link DataIoException} names the target and the operating system's
 * reason; the target is left as it was.
 */
public final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    private AtomicFiles() {
    }

    /** Something that writes into a path and may fail with an I/O error. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    /**
     * Writes {@code target} atomically: {@code writer} fills a temporary file in the same directory, then rename.
     * @throws DataIoException naming {@code target} if a directory cannot be created or the file written or renamed
     */
    public static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".partial");
            writer.writeTo(tmp);
            move(tmp, absolute);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new DataIoException(target, "write", e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * Creates directory {@code target} atomically: {@code writer} fills a temporary sibling directory, which is then
     * renamed to {@code target}. If {@code target} exists it is replaced only when {@code overwrite} is true: the old
     * one is first renamed to {@code target.previous} and deleted after the swap, so that at every instant one
     * complete directory exists ({@link #recoverDirectory} restores it after a kill between the two renames).
     * @throws W1Exception if {@code target} exists and {@code overwrite} is false
     * @throws DataIoException naming {@code target} if the directory cannot be written (nothing is left behind)
     */
    public static void writeDirectory(Path target, boolean overwrite, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path previous = previousOf(absolute);
        Path tmp = null;
        try {
            Files.createDirectories(absolute.getParent());
            recoverDirectory(absolute);
            if (Files.exists(absolute) && !overwrite) {
                throw new W1Exception(target + " exists; choose another output directory or pass --overwrite");
            }
            tmp = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".partial");
            writer.writeTo(tmp);
            deleteRecursively(previous);
            if (Files.exists(absolute)) {
                move(absolute, previous);
            }
            move(tmp, absolute);
            deleteRecursively(previous);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new DataIoException(target, "write", e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * Renames the complete directory {@code complete} to {@code target} (a sibling, so one rename), replacing an
     * existing {@code target} only when {@code overwrite} is true, with the same {@code target.previous} swap as
     * {@link #writeDirectory}. Used to publish a staging directory that was filled over a long run.
     * @throws W1Exception if {@code target} exists and {@code overwrite} is false
     * @throws DataIoException naming {@code target} if a rename fails ({@code complete} is then left in place)
     */
    public static void moveDirectory(Path complete, Path target, boolean overwrite) {
        Path absolute = target.toAbsolutePath();
        Path previous = previousOf(absolute);
        try {
            recoverDirectory(absolute);
            if (Files.exists(absolute) && !overwrite) {
                throw new W1Exception(target + " exists; choose another output directory or pass --overwrite");
            }
            deleteRecursively(previous);
            if (Files.exists(absolute)) {
                move(absolute, previous);
            }
            move(complete.toAbsolutePath(), absolute);
            deleteRecursively(previous);
        } catch (IOException e) {
            throw new DataIoException(target, "write", e);
        }
    }

    /**
     * After a kill between the two renames of {@link #writeDirectory}, puts {@code target.previous} back as
     * {@code target}; otherwise does nothing.
     */
    public static void recoverDirectory(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path previous = previousOf(absolute);
        if (!Files.exists(absolute) && Files.isDirectory(previous)) {
            move(previous, absolute);
        }
    }

    private static Path previousOf(Path absolute) {
        return absolute.resolveSibling(absolute.getFileName() + ".previous");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file or a directory tree; used to clean up temporary output after a failure. */
    public static void deleteRecursively(Path p) throws IOException {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            deleteRecursively(p);
        } catch (IOException e) {
            // The original failure is what the caller throws; this one only leaves a temporary named ".…partial".
            LOG.warn("could not delete the temporary {} after a failed write: {}", p, e.toString());
        }
    }
}
