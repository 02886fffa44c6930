package dev.lipschitzw1.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.W1Exception;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output failures of {@link AtomicFiles}: a full disk (a real ENOSPC from writing {@code /dev/full} inside the
 * writer) and a read-only parent (POSIX permissions) leave nothing behind and name the target and the OS reason.
 */
class AtomicFilesTest {
    private static final Path DEV_FULL = Path.of("/dev/full");

    @Test
    void writeDirectory_diskFullMidway_leavesNothingAndNamesTargetAndReason(@TempDir Path tmp) {
        assumeTrue(Files.isWritable(DEV_FULL), "/dev/full (Linux) gives a real ENOSPC");
        Path out = tmp.resolve("out");
        DataIoException e = assertThrows(DataIoException.class, () -> AtomicFiles.writeDirectory(out, false, dir -> {
            Files.writeString(dir.resolve("result.json"), "{}");
            Files.write(DEV_FULL, new byte[4096]);
        }));
        assertEquals(out, e.file(), "names the target");
        assertTrue(e.getMessage().startsWith(out + ": cannot write: No space left on device"), e.getMessage());
        assertEmpty(tmp);
    }

    @Test
    void write_diskFull_leavesNoTemporaryFile(@TempDir Path tmp) {
        assumeTrue(Files.isWritable(DEV_FULL), "/dev/full (Linux) gives a real ENOSPC");
        Path out = tmp.resolve("result.json");
        DataIoException e = assertThrows(DataIoException.class, () -> AtomicFiles.write(out, file -> {
            Files.writeString(file, "{\"partial\":");
            Files.write(DEV_FULL, new byte[4096]);
        }));
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertEmpty(tmp);
    }

    @Test
    void writeDirectory_readOnlyParent_permissionDeniedNothingCreated(@TempDir Path tmp) throws Exception {
        Path parent = Files.createDirectory(tmp.resolve("ro"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(parent), "permissions are not enforced for this user (root)");
            Path out = parent.resolve("out");
            DataIoException e = assertThrows(DataIoException.class,
                    () -> AtomicFiles.writeDirectory(out, false, dir -> Files.writeString(dir.resolve("a"), "a")));
            assertTrue(e.getMessage().startsWith(out + ": cannot write: permission denied"), e.getMessage());
            assertEmpty(parent);
        } finally {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void moveDirectory_publishesRefusesExistingReplacesWithOverwrite(@TempDir Path tmp) throws Exception {
        Path staging = Files.createDirectory(tmp.resolve("run.partial"));
        Files.writeString(staging.resolve("a"), "1");
        Path out = tmp.resolve("run");
        AtomicFiles.moveDirectory(staging, out, false);
        assertEquals("1", Files.readString(out.resolve("a")));
        assertFalse(Files.exists(staging));
        Path second = Files.createDirectory(tmp.resolve("second"));
        Files.writeString(second.resolve("b"), "2");
        assertThrows(W1Exception.class, () -> AtomicFiles.moveDirectory(second, out, false));
        assertTrue(Files.exists(second.resolve("b")), "the staging directory is kept when refused");
        AtomicFiles.moveDirectory(second, out, true);
        assertEquals("2", Files.readString(out.resolve("b")));
        assertFalse(Files.exists(out.resolve("a")), "replaced, not merged");
        assertFalse(Files.exists(tmp.resolve("run.previous")));
    }

    private static void assertEmpty(Path dir) {
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing left in " + dir);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
