package dev.lipschitzw1.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.datasets.io.IdxWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes a result directory ({@code estimate}, {@code certify}, {@code exact}) fails on an output
 * failure with one line naming the path and the operating system's reason, exit code 1, and leaves nothing behind:
 * a read-only parent (POSIX permissions; skipped where they are not enforced, i.e. for root) and a parent that is a
 * plain file (enforced for every user). A full disk goes through the same {@code AtomicFiles} path and is tested with
 * a real ENOSPC in {@code AtomicFilesTest}.
 */
class OutputFailureTest {
    @TempDir
    static Path data;
    static Path criticFile;

    @BeforeAll
    static void writeInputs() throws IOException {
        IdxWriter.writeImages(Files.createDirectories(data.resolve("p")).resolve("train-images-idx3-ubyte"),
                new byte[30 * 64], 30, 8, 8, false);
        criticFile = data.resolve("critic.zip");
        Critic.create(CriticConfig.quick(new ImageShape(1, 8, 8)).withSize(2, 1)).save(criticFile);
    }

    /** The three commands, each writing to {@code out}. */
    private static List<String[]> commands(Path out) {
        String p = "mnist-train:" + data.resolve("p");
        return List.of(
                new String[] {"exact", "--p", p, "--q", p, "--n", "5", "--out", out.toString()},
                new String[] {"certify", criticFile.toString(), "--out", out.toString()},
                new String[] {"estimate", "--p", p, "--q", p, "--epochs", "1", "--steps-per-epoch", "1", "--seeds",
                    "1", "--batch-size", "4", "--validation-size", "4", "--test-size", "4", "--no-floor", "--quiet",
                    "--out", out.toString()});
    }

    @Test
    void readOnlyParent_oneLinePermissionDenied_nothingLeft(@TempDir Path tmp) throws IOException {
        Path parent = Files.createDirectory(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(parent), "POSIX permissions are not enforced for this user (root)");
            for (String[] args : commands(parent.resolve("out"))) {
                DataCommandTest.Run r = DataCommandTest.run(args);
                assertFailedCleanly(r, args[0], parent.resolve("out"), "permission denied");
                assertEmpty(parent);
            }
        } finally {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void parentIsAFile_oneLineNamingPathAndReason_nothingLeft(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        for (String[] args : commands(file.resolve("out"))) {
            DataCommandTest.Run r = DataCommandTest.run(args);
            // The JDK reports "already exists" (the file) or "Not a directory" (the path below it).
            assertFailedCleanly(r, args[0], file.resolve("out"), "Exception: " + file);
            try (var files = Files.list(tmp)) {
                assertEquals(1, files.count(), args[0] + ": nothing created beside the file");
            }
        }
    }

    private static void assertFailedCleanly(DataCommandTest.Run r, String command, Path out, String reason) {
        assertEquals(ExitCodes.FAILURE, r.code(), command + ": " + r.err());
        assertEquals(1, r.err().strip().lines().count(), command + ": one line\n" + r.err());
        assertTrue(r.err().startsWith("error: " + out + ": cannot write: "), command + ": " + r.err());
        assertTrue(r.err().contains(reason), command + ": " + r.err());
    }

    private static void assertEmpty(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing left in " + dir);
        }
    }
}
