package dev.lipschitzw1.datasets.io;

import dev.lipschitzw1.errors.CorruptDataException;
import java.io.IOException;

/**
 * A validated IDX header (LeCun's format for MNIST and Fashion-MNIST). Layout, all integers big-endian:
 * <pre>
 *   byte 0–1   magic 0x0000
 *   byte 2     type code: 0x08 unsigned byte (the only one accepted), 0x09 signed byte, 0x0B int16,
 *              0x0C int32, 0x0D float32, 0x0E float64
 *   byte 3     number of dimensions d
 *   byte 4+4i  dimension i, int32, i = 0…d−1
 *   then       the payload: Π dimᵢ values, last dimension varying fastest
 * </pre>
 *
 * @param dims the dimensions, each ≥ 1
 * @param headerBytes 4 + 4·d
 * @param payloadBytes Π dimᵢ, at most {@link ReadLimits#MAX_ARRAY_BYTES}
 */
record IdxHeader(int[] dims, int headerBytes, int payloadBytes) {
    /** Type code of unsigned 8-bit values. */
    static final int TYPE_UNSIGNED_BYTE = 0x08;
    /** Largest image side accepted (rows, columns): 4096, so one image has at most 2²⁴ pixels. */
    static final int MAX_SIDE = 4096;

    /**
     * Reads and validates a header of unsigned bytes with {@code dimNames.length} dimensions; dimension 0 is a count
     * (1 to 2³¹ − 1), the others sides (1 to {@value #MAX_SIDE}).
     *
     * @param dimNames e.g. {@code {"image count", "rows", "columns"}}
     * @throws CorruptDataException naming the offending field, its offset, the value found and the one expected
     */
    static IdxHeader read(TrackedInput in, String[] dimNames, String kind) throws IOException {
        String header = "IDX " + kind + " header";
        int magic0 = in.readUnsignedByte("IDX magic", "0x0000 (" + header + ")");
        int magic1 = in.readUnsignedByte("IDX magic", "0x0000 (" + header + ")");
        if (magic0 != 0 || magic1 != 0) {
            throw new CorruptDataException(in.file(), 0, "IDX magic", String.format("0x%02X%02X", magic0, magic1),
                    "0x0000 (" + header + ")");
        }
        String typeExpected = String.format("0x%02X (unsigned byte)", TYPE_UNSIGNED_BYTE);
        int type = in.readUnsignedByte("IDX type code", typeExpected);
        if (type != TYPE_UNSIGNED_BYTE) {
            throw new CorruptDataException(in.file(), 2, "IDX type code",
                    String.format("0x%02X%s", type, typeName(type)), typeExpected);
        }
        int d = dimNames.length;
        String countExpected = d + " (" + String.join(", ", dimNames) + ")";
        int dimCount = in.readUnsignedByte("IDX dimension count", countExpected);
        if (dimCount != d) {
            throw new CorruptDataException(in.file(), 3, "IDX dimension count", String.valueOf(dimCount),
                    countExpected);
        }
        int[] dims = new int[d];
        long product = 1;
        for (int i = 0; i < d; i++) {
            String field = "IDX dimension " + i + " (" + dimNames[i] + ")";
            int max = i == 0 ? Integer.MAX_VALUE : MAX_SIDE;
            String expected = "1 to " + max;
            long offset = in.offset();
            dims[i] = in.readInt32BigEndian(field, expected);
            if (dims[i] < 1 || dims[i] > max) {
                throw new CorruptDataException(in.file(), offset, field, String.valueOf(dims[i]), expected);
            }
            product *= dims[i]; // ≤ (2³¹ − 1)·4096² < 2⁶³: no overflow
        }
        if (product > ReadLimits.MAX_ARRAY_BYTES) {
            throw new CorruptDataException(in.file(), 4, "IDX payload size (" + String.join("×", dimNames) + ")",
                    join(dims) + " = " + product + " bytes",
                    "at most " + ReadLimits.MAX_ARRAY_BYTES + " bytes (one Java array)");
        }
        return new IdxHeader(dims, 4 + 4 * d, (int) product);
    }

    /** The expected payload, e.g. {@code 7840000 bytes (10000×28×28)}. */
    String payloadDescription() {
        return payloadBytes + " bytes (" + join(dims) + ")";
    }

    private static String join(int[] values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : "×").append(values[i]);
        }
        return s.toString();
    }

    private static String typeName(int type) {
        switch (type) {
            case 0x09: return " (signed byte)";
            case 0x0B: return " (int16)";
            case 0x0C: return " (int32)";
            case 0x0D: return " (float32)";
            case 0x0E: return " (float64)";
            default: return " (not an IDX type)";
        }
    }
}
