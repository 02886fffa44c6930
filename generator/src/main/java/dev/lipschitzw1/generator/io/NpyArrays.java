package dev.lipschitzw1.generator.io;

import dev.lipschitzw1.errors.CorruptDataException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tensors in NumPy's {@code .npy} format 1.0 (readable with {@code numpy.load}): the magic {@code \x93NUMPY}, version
 * 1.0, a little-endian uint16 header length, an ASCII dict {@code {'descr': '<f4', 'fortran_order': False, 'shape': (…), }}
 * padded with spaces to a multiple of 64 bytes and ended by a newline, then the values little-endian in C order.
 * Only float32 ({@code <f4}) and float64 ({@code <f8}) are written and read. Parsing is done here in Java, strictly,
 * so a malformed entry gives a typed error and never reaches native code.
 */
public final class NpyArrays {
    /** Largest tensor accepted on reading: 2²⁸ values (1 GiB of float32). */
    public static final long MAX_VALUES = 1L << 28;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '(<f4|<f8)', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), \\}\\s*");

    private NpyArrays() {
    }

    /** The .npy bytes of {@code a} (FLOAT or DOUBLE; other types are written as float32). */
    public static byte[] encode(INDArray a) {
        boolean dbl = a.dataType() == DataType.DOUBLE;
        long[] shape = a.shape();
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String tuple = shape.length == 1 ? shape[0] + "," : dims.length() == 0 ? "" : dims.substring(0,
                dims.length() - 2);
        String dict = "{'descr': '" + (dbl ? "<f8" : "<f4") + "', 'fortran_order': False, 'shape': (" + tuple + "), }";
        int unpadded = 10 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - unpadded) + "\n";
        long n = a.length();
        int item = dbl ? 8 : 4;
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(10 + header.length() + n * item))
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.US_ASCII));
        INDArray c = a.dup('c');
        if (dbl) {
            for (double v : c.data().asDouble()) {
                buf.putDouble(v);
            }
        } else {
            for (float v : c.castTo(DataType.FLOAT).data().asFloat()) {
                buf.putFloat(v);
            }
        }
        return buf.array();
    }

    /**
     * Parses .npy bytes.
     *
     * @param file the file the bytes came from, for messages
     * @param entry the entry name inside the file, for messages
     * @throws CorruptDataException naming the file, entry and field when anything does not match the format
     */
    public static INDArray decode(byte[] bytes, Path file, String entry) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new CorruptDataException(file, -1, entry + ": .npy magic", bytes.length < 6 ? "missing"
                    : "other bytes", "\\x93NUMPY");
        }
        if (bytes[6] != 1 || bytes[7] != 0) {
            throw new CorruptDataException(file, -1, entry + ": .npy version", bytes[6] + "." + bytes[7], "1.0");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Short.toUnsignedInt(buf.getShort(8));
        if (10 + headerLength > bytes.length) {
            throw new CorruptDataException(file, -1, entry + ": .npy header length", String.valueOf(headerLength),
                    "at most " + (bytes.length - 10) + " (the entry's size)");
        }
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        Matcher m = HEADER.matcher(header);
        if (!m.matches()) {
            throw new CorruptDataException(file, -1, entry + ": .npy header", "'" + header.strip() + "'",
                    "{'descr': '<f4' or '<f8', 'fortran_order': False, 'shape': (…), }");
        }
        boolean dbl = m.group(1).equals("<f8");
        long[] shape = Arrays.stream(m.group(2).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        long n = 1;
        for (long d : shape) {
            n *= d;
            if (n > MAX_VALUES) {
                throw new CorruptDataException(file, -1, entry + ": .npy shape", Arrays.toString(shape),
                        "at most " + MAX_VALUES + " values");
            }
        }
        int item = dbl ? 8 : 4;
        long want = 10L + headerLength + n * item;
        if (bytes.length != want) {
            throw new CorruptDataException(file, -1, entry + ": .npy size", bytes.length + " bytes",
                    want + " bytes for shape " + Arrays.toString(shape) + " of " + m.group(1));
        }
        buf.position(10 + headerLength);
        if (dbl) {
            double[] v = new double[(int) n];
            buf.asDoubleBuffer().get(v);
            return Nd4j.create(v, shape, 'c');
        }
        float[] v = new float[(int) n];
        buf.asFloatBuffer().get(v);
        return Nd4j.create(v, shape, 'c');
    }
}
