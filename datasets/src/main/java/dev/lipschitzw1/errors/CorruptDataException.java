package dev.lipschitzw1.errors;

import java.nio.file.Path;

/**
 * A data file that does not hold what its format promises. The message reads
 * {@code FILE: byte OFFSET: FIELD FOUND, expected EXPECTED}, e.g.
 * {@code t10k-images-idx3-ubyte.gz: byte 2: IDX type code 0x0A, expected 0x08 (unsigned byte)}.
 * An offset of -1 means the problem concerns the file as a whole (its length, its gzip stream).
 */
public final class CorruptDataException extends W1Exception {
    private final transient Path file;
    private final long offset;
    private final String field;
    private final String expected;
    private final String found;

    public CorruptDataException(Path file, long offset, String field, String found, String expected) {
        this(file, offset, field, found, expected, null);
    }

    public CorruptDataException(Path file, long offset, String field, String found, String expected, Throwable cause) {
        super(file + ": " + (offset >= 0 ? "byte " + offset + ": " : "") + field + " " + found + ", expected " + expected,
                cause);
        this.file = file;
        this.offset = offset;
        this.field = field;
        this.expected = expected;
        this.found = found;
    }

    public Path file() {
        return file;
    }

    /** Byte offset of the offending field, or -1 for the file as a whole. */
    public long offset() {
        return offset;
    }

    public String field() {
        return field;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }
}
