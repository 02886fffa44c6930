package dev.lipschitzw1.datasets.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/** Rewrites the fixed 10-byte gzip header that {@link java.util.zip.GZIPOutputStream} writes, for header tests. */
final class GzipHeaders {
    static final int FHCRC = 0x02;
    static final int FEXTRA = 0x04;
    static final int FNAME = 0x08;
    static final int FCOMMENT = 0x10;

    private GzipHeaders() {
    }

    /** The same member with FEXTRA, FNAME, FCOMMENT and a correct FHCRC (CRC-16 of the header). */
    static byte[] withAllOptionalFields(byte[] data) {
        return withOptionalFields(data, true);
    }

    /** As {@link #withAllOptionalFields}, but the header CRC-16 is wrong when {@code correctCrc} is false. */
    static byte[] withOptionalFields(byte[] data, boolean correctCrc) {
        byte[] member = IdxFixtures.gzip(data);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(member, 0, 10);
        byte[] h = header.toByteArray();
        h[3] = (byte) (FHCRC | FEXTRA | FNAME | FCOMMENT);
        header.reset();
        header.writeBytes(h);
        header.write(4);
        header.write(0);
        header.writeBytes(new byte[] {'a', 'b', 2, 0});
        header.writeBytes("name.idx".getBytes(StandardCharsets.ISO_8859_1));
        header.write(0);
        header.writeBytes("a comment".getBytes(StandardCharsets.ISO_8859_1));
        header.write(0);
        CRC32 crc = new CRC32();
        crc.update(header.toByteArray());
        int crc16 = (int) (crc.getValue() & 0xFFFF) ^ (correctCrc ? 0 : 0x1);
        header.write(crc16 & 0xFF);
        header.write(crc16 >>> 8);
        header.writeBytes(Arrays.copyOfRange(member, 10, member.length));
        return header.toByteArray();
    }
}
