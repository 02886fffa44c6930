package dev.lipschitzw1.datasets.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Builds IDX and gzip bytes by hand, including malformed ones, for the IDX tests. */
final class IdxFixtures {
    private IdxFixtures() {
    }

    /** An IDX file: magic, type code, dimension count, the given dimensions (as raw int32) and the payload. */
    static byte[] idx(int magic, int typeCode, int dimCount, int[] dims, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
        b.putShort((short) magic).put((byte) typeCode).put((byte) dimCount);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(payload).array();
    }

    /** A valid IDX3 file of unsigned bytes. */
    static byte[] images(int count, int rows, int cols, byte[] pixels) {
        return idx(0, 0x08, 3, new int[] {count, rows, cols}, pixels);
    }

    /** {@code n} seeded random bytes. */
    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rng.nextInt(256);
        }
        return b;
    }

    /** {@code data} compressed as one gzip member (10-byte header, no optional fields, 8-byte trailer). */
    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Concatenation of byte arrays. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
