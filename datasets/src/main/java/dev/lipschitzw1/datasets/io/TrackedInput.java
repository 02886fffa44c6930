package dev.lipschitzw1.datasets.io;

import dev.lipschitzw1.errors.CorruptDataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A byte stream that knows its offset, for header parsing with exact error positions. Running out of data raises
 * {@link CorruptDataException} naming the file, the offset reached and the field being read; I/O failures propagate as
 * {@link IOException} for the caller to wrap. Does not own (or close) the underlying stream.
 */
final class TrackedInput {
    private final InputStream in;
    private final Path file;
    private long offset;

    TrackedInput(InputStream in, Path file) {
        this.in = in;
        this.file = file;
    }

    /** Offset of the next byte, counted from the start of the (decompressed) data. */
    long offset() {
        return offset;
    }

    Path file() {
        return file;
    }

    /** Reads one unsigned byte. */
    int readUnsignedByte(String field, String expected) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new CorruptDataException(file, offset, field, "end of data", expected);
        }
        offset++;
        return b;
    }

    /** Reads a big-endian signed 32-bit integer. */
    int readInt32BigEndian(String field, String expected) throws IOException {
        long start = offset;
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int b = in.read();
            if (b < 0) {
                throw new CorruptDataException(file, start, field, "end of data after " + i + " of 4 bytes",
                        expected);
            }
            offset++;
            value = (value << 8) | b;
        }
        return value;
    }

    /**
     * Reads exactly {@code length} bytes. When {@code lengthProven} (the file length was checked already) the array is
     * allocated at once; otherwise at most {@link ReadLimits#MAX_UNPROVEN_ALLOCATION} bytes are allocated before data
     * arrive, and the buffer doubles (capped at {@code length}) as they do.
     *
     * @throws CorruptDataException at the offset where the data end, if fewer than {@code length} bytes remain
     */
    byte[] readExactly(int length, boolean lengthProven, String field, String expected) throws IOException {
        int initial = lengthProven ? length : Math.min(length, ReadLimits.MAX_UNPROVEN_ALLOCATION);
        byte[] buffer = new byte[initial];
        int filled = 0;
        while (filled < length) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(length, 2L * buffer.length));
            }
            int n = in.read(buffer, filled, Math.min(buffer.length - filled, ReadLimits.CHUNK_BYTES));
            if (n < 0) {
                throw new CorruptDataException(file, offset, field,
                        "end of data after " + filled + " of " + length + " bytes", expected);
            }
            filled += n;
            offset += n;
        }
        return buffer;
    }

    /**
     * Checks that the data end here.
     *
     * @throws CorruptDataException at the current offset if another byte follows
     */
    void requireEnd(String expected) throws IOException {
        if (in.read() >= 0) {
            throw new CorruptDataException(file, offset, "trailing data", "more bytes", expected);
        }
    }
}
