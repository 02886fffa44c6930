package dev.lipschitzw1.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.DataIoException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.function.Executable;

/** Assertions shared by the reader tests: typed error, its fields, and no hang (10 s preemptive timeout). */
final class ReaderAssertions {
    /** Any offset is accepted (the caller checks it itself). */
    static final long ANY_OFFSET = Long.MIN_VALUE;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ReaderAssertions() {
    }

    /**
     * Runs {@code read} (at most 10 s) and checks it throws {@link CorruptDataException} for {@code file}, at
     * {@code offset} (unless {@link #ANY_OFFSET}), with a field starting with {@code fieldPrefix}, and a message naming
     * the file.
     */
    static CorruptDataException assertCorrupt(Path file, long offset, String fieldPrefix, Executable read) {
        CorruptDataException e = assertTimeoutPreemptively(TIMEOUT,
                () -> assertThrows(CorruptDataException.class, read, "expected a CorruptDataException"));
        assertEquals(file, e.file(), "file of: " + e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), "message names the file: " + e.getMessage());
        if (offset != ANY_OFFSET) {
            assertEquals(offset, e.offset(), "offset of: " + e.getMessage());
        }
        if (e.offset() >= 0) {
            assertTrue(e.getMessage().contains("byte " + e.offset() + ":"), "message names the offset: "
                    + e.getMessage());
        }
        assertTrue(e.field().startsWith(fieldPrefix), "field \"" + e.field() + "\" starts with \"" + fieldPrefix
                + "\": " + e.getMessage());
        assertTrue(!e.expected().isEmpty() && e.getMessage().contains("expected " + e.expected()),
                "message states the expected value: " + e.getMessage());
        assertTrue(e.getMessage().contains(e.found()), "message states the value found: " + e.getMessage());
        return e;
    }

    /** As {@link #assertCorrupt(Path, long, String, Executable)}, also checking the expected value mentions text. */
    static CorruptDataException assertCorrupt(Path file, long offset, String fieldPrefix, String expectedPart,
            Executable read) {
        CorruptDataException e = assertCorrupt(file, offset, fieldPrefix, read);
        assertTrue(e.expected().contains(expectedPart), "expected \"" + e.expected() + "\" mentions \""
                + expectedPart + "\"");
        return e;
    }

    /** Runs {@code read} (at most 10 s) and checks it throws {@link DataIoException} for {@code file}, cause kept. */
    static DataIoException assertIoError(Path file, Executable read) {
        DataIoException e = assertTimeoutPreemptively(TIMEOUT,
                () -> assertThrows(DataIoException.class, read, "expected a DataIoException"));
        assertEquals(file, e.file(), "file of: " + e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), "message names the file: " + e.getMessage());
        if (e.getCause() == null) {
            fail("DataIoException keeps its cause: " + e.getMessage());
        }
        assertInstanceOf(java.io.IOException.class, e.getCause());
        return e;
    }
}
