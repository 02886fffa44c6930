package dev.lipschitzw1.experiments.cli;

import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.files.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --out DIR} of the commands that write a result directory in one go ({@code certify}, {@code exact}):
 * refused up front if it exists without {@code --overwrite} (exit 2, before any work), then written atomically by
 * {@link AtomicFiles#writeDirectory} — a temporary sibling renamed to DIR — so that on a read-only parent or a full
 * disk nothing is left behind and the {@link DataIoException} names DIR and the operating system's reason (exit 1).
 */
final class ResultOutput {
    private ResultOutput() {
    }

    /** @throws InvalidConfigException if {@code out} exists and {@code overwrite} is false */
    static void checkTarget(Path out, boolean overwrite) {
        InvalidConfigException.require(out == null || overwrite || !Files.exists(out), "--out", out,
                "a directory that does not exist yet (or --overwrite)");
    }

    /** Writes the result directory {@code out} atomically. @throws DataIoException on an output failure */
    static void write(Path out, boolean overwrite, AtomicFiles.Writer writer) {
        AtomicFiles.writeDirectory(out, overwrite, writer);
    }
}
