package dev.lipschitzw1.datasets.io;

import dev.lipschitzw1.errors.CorruptDataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses a gzip file (RFC 1952: one or more members, each a header, a raw deflate stream and a trailer) and
 * fails on anything short of a well-formed file: bad magic 0x1F8B, compression method ≠ 8 (deflate), reserved flag
 * bits set, header CRC-16 mismatch, corrupt deflate data, end of file inside a member, trailer CRC-32 or ISIZE
 * mismatch, and bytes after the last member that do not start another member. {@link java.util.zip.GZIPInputStream}
 * silently ignores such trailing bytes, hence this class.
 *
 * <p>Every failure is a {@link CorruptDataException} whose offset is the <em>decompressed</em> offset reached (the
 * offset in the format the caller parses) and whose found value also names the compressed byte. I/O failures
 * propagate as {@link IOException}. {@link #close()} releases the inflater but does not close the underlying stream.
 */
final class StrictGzipInputStream extends InputStream {
    /** The two magic bytes that open every gzip member. */
    static final int MAGIC_1 = 0x1F;
    static final int MAGIC_2 = 0x8B;
    private static final int METHOD_DEFLATE = 8;
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int RESERVED_FLAGS = 0xE0;
    private static final String MEMBER = "a complete gzip member (RFC 1952)";

    private final InputStream raw;
    private final Path file;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private long bufferStart;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final CRC32 headerCrc = new CRC32();
    private long memberOut;
    private long totalOut;
    private boolean endOfData;

    /**
     * Reads the first member's header at once.
     *
     * @throws CorruptDataException if the stream does not start with a valid gzip header
     */
    StrictGzipInputStream(InputStream raw, Path file) throws IOException {
        this.raw = raw;
        this.file = file;
        readHeader(true);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!endOfData) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw corrupt("gzip deflate data", e.getMessage(), "valid deflate data", e);
            }
            pos = limit - inflater.getRemaining();
            if (n > 0) {
                crc.update(b, off, n);
                memberOut += n;
                totalOut += n;
                return n;
            }
            if (inflater.finished()) {
                readTrailerAndNextHeader();
            } else if (inflater.needsDictionary()) {
                throw corrupt("gzip deflate data", "a preset-dictionary request", "no dictionary (gzip has none)",
                        null);
            } else if (inflater.needsInput()) {
                if (!fill()) {
                    throw corrupt("gzip stream", "end of file inside the deflate data", MEMBER, null);
                }
                inflater.setInput(buffer, 0, limit);
            }
        }
        return -1;
    }

    @Override
    public void close() {
        inflater.end();
    }

    private void readHeader(boolean first) throws IOException {
        headerCrc.reset();
        int id1 = headerByte();
        boolean secondByte = first || pos < limit || fill();
        int id2 = secondByte ? headerByte() : -1;
        if (id1 != MAGIC_1 || id2 != MAGIC_2) {
            String found = secondByte ? String.format("0x%02X%02X", id1, id2) : String.format("0x%02X", id1);
            if (first) {
                throw corrupt("gzip magic", found, "0x1F8B", null);
            }
            throw corrupt("data after the last gzip member", "bytes " + found,
                    "end of file or another gzip member (0x1F8B)", null);
        }
        int method = headerByte();
        if (method != METHOD_DEFLATE) {
            throw corrupt("gzip compression method", String.valueOf(method), METHOD_DEFLATE + " (deflate)", null);
        }
        int flags = headerByte();
        if ((flags & RESERVED_FLAGS) != 0) {
            throw corrupt("gzip flags", String.format("0x%02X", flags), "reserved bits 5–7 clear", null);
        }
        for (int i = 0; i < 6; i++) {
            headerByte(); // MTIME (4), XFL, OS
        }
        if ((flags & FEXTRA) != 0) {
            int extraLength = headerByte() | headerByte() << 8;
            for (int i = 0; i < extraLength; i++) {
                headerByte();
            }
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            int want = (int) (headerCrc.getValue() & 0xFFFF);
            int got = rawByte("header") | rawByte("header") << 8;
            if (got != want) {
                throw corrupt("gzip header CRC-16", String.format("0x%04X", got), String.format("0x%04X", want),
                        null);
            }
        }
        inflater.reset();
        crc.reset();
        memberOut = 0;
        inflater.setInput(buffer, pos, limit - pos);
    }

    private void readTrailerAndNextHeader() throws IOException {
        long storedCrc = littleEndian32();
        long storedSize = littleEndian32();
        if (storedCrc != crc.getValue()) {
            throw corrupt("gzip trailer CRC-32", String.format("0x%08X", storedCrc),
                    String.format("0x%08X (CRC-32 of the decompressed member)", crc.getValue()), null);
        }
        if (storedSize != (memberOut & 0xFFFFFFFFL)) {
            throw corrupt("gzip trailer ISIZE", String.valueOf(storedSize),
                    (memberOut & 0xFFFFFFFFL) + " (decompressed member length mod 2³²)", null);
        }
        if (pos == limit && !fill()) {
            endOfData = true;
            return;
        }
        readHeader(false);
    }

    private long littleEndian32() throws IOException {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value |= (long) rawByte("trailer") << (8 * i);
        }
        return value;
    }

    private void skipZeroTerminated() throws IOException {
        while (headerByte() != 0) {
            // skip the name or comment
        }
    }

    private int headerByte() throws IOException {
        int b = rawByte("header");
        headerCrc.update(b);
        return b;
    }

    private int rawByte(String part) throws IOException {
        if (pos == limit && !fill()) {
            throw corrupt("gzip stream", "end of file inside the " + part, MEMBER, null);
        }
        return buffer[pos++] & 0xFF;
    }

    /** Refills the buffer once it is used up; false at end of file. */
    private boolean fill() throws IOException {
        bufferStart += limit;
        pos = 0;
        limit = 0;
        int n;
        do {
            n = raw.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }

    private CorruptDataException corrupt(String field, String found, String expected, Throwable cause) {
        return new CorruptDataException(file, totalOut, field,
                found + " (compressed byte " + (bufferStart + pos) + ")", expected, cause);
    }
}
