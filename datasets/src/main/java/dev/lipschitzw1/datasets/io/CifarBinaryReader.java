package dev.lipschitzw1.datasets.io;

import dev.lipschitzw1.datasets.ByteImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads CIFAR-10 binary batches ({@code data_batch_1.bin} … {@code data_batch_5.bin}, {@code test_batch.bin}). A batch
 * is a sequence of 3073-byte records with no header:
 * <pre>
 *   byte 0         label 0…9
 *   byte 1…1024    red plane,   32×32 row-major
 *   byte 1025…2048 green plane, 32×32 row-major
 *   byte 2049…3072 blue plane,  32×32 row-major
 * </pre>
 * which is already CHW order, so pixels are copied as they are (value = byte / 255, shape 3×32×32). Each file's length
 * must be a positive multiple of 3073 (checked for every file before any pixel buffer is allocated) and every label
 * byte at most 9; CIFAR-100 files (two label bytes, 3074-byte records) are not this format.
 *
 * <p>Errors: {@link CorruptDataException} naming the file, the offset of a bad label byte (−1 for a bad length), the
 * value found and expected; {@link DataIoException} when a file cannot be read. Nothing is returned partially filled.
 */
public final class CifarBinaryReader {
    /** Pixel bytes of one image: 3·32·32 = 3072. */
    public static final int IMAGE_BYTES = 3 * 32 * 32;
    /** Bytes of one record: 1 label byte + {@value #IMAGE_BYTES} pixel bytes = 3073. */
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    /** Shape of every CIFAR-10 image. */
    public static final ImageShape SHAPE = new ImageShape(3, 32, 32);
    /** Largest label: CIFAR-10 has classes 0…9. */
    public static final int MAX_LABEL = 9;
    private static final int RECORDS_PER_READ = 256;

    private CifarBinaryReader() {
    }

    /**
     * Reads the images of the given batches, in the order given, records in file order.
     *
     * @param batchFiles one or more CIFAR-10 binary batch files
     * @return the images, shape 3×32×32, named after the first file (and the count of the others)
     * @throws InvalidConfigException if {@code batchFiles} is empty or the images exceed one in-memory array
     * @throws CorruptDataException if a file length or a label byte is wrong
     * @throws DataIoException if a file is missing or unreadable
     */
    public static ByteImageSet read(List<Path> batchFiles) {
        long[] lengths = checkLengths(batchFiles);
        byte[] pixels = new byte[totalRecords(lengths) * IMAGE_BYTES];
        scan(batchFiles, lengths, pixels, null);
        String name = DataFiles.fileName(batchFiles.get(0))
                + (batchFiles.size() > 1 ? "+" + (batchFiles.size() - 1) + " more" : "");
        return new ByteImageSet(name, SHAPE, pixels);
    }

    /**
     * Reads the labels of the given batches, in the same order as {@link #read}.
     *
     * @param batchFiles one or more CIFAR-10 binary batch files
     * @return one label 0…9 per record
     * @throws InvalidConfigException if {@code batchFiles} is empty
     * @throws CorruptDataException if a file length or a label byte is wrong
     * @throws DataIoException if a file is missing or unreadable
     */
    public static int[] readLabels(List<Path> batchFiles) {
        long[] lengths = checkLengths(batchFiles);
        int[] labels = new int[totalRecords(lengths)];
        scan(batchFiles, lengths, null, labels);
        return labels;
    }

    /** Checks every file's length (a positive multiple of 3073) and returns the lengths. */
    private static long[] checkLengths(List<Path> batchFiles) {
        InvalidConfigException.require(!batchFiles.isEmpty(), "batchFiles", batchFiles, "at least one file");
        long[] lengths = new long[batchFiles.size()];
        long records = 0;
        for (int i = 0; i < lengths.length; i++) {
            Path file = batchFiles.get(i);
            lengths[i] = DataFiles.regularFileSize(file);
            if (lengths[i] == 0 || lengths[i] % RECORD_BYTES != 0) {
                throw new CorruptDataException(file, -1, "file length", lengths[i] + " bytes",
                        "a positive multiple of " + RECORD_BYTES + " (records of 1 label byte + " + IMAGE_BYTES
                                + " pixel bytes)");
            }
            records += lengths[i] / RECORD_BYTES;
        }
        long maxRecords = ReadLimits.MAX_ARRAY_BYTES / IMAGE_BYTES;
        InvalidConfigException.require(records <= maxRecords, "batchFiles", records + " images",
                "at most " + maxRecords + " images (one in-memory array of 2³¹ − 9 bytes)");
        return lengths;
    }

    private static int totalRecords(long[] lengths) {
        long total = 0;
        for (long length : lengths) {
            total += length / RECORD_BYTES;
        }
        return (int) total;
    }

    /** Reads every record, checking its label; fills {@code pixels} and/or {@code labels} where not null. */
    private static void scan(List<Path> batchFiles, long[] lengths, byte[] pixels, int[] labels) {
        byte[] chunk = new byte[RECORDS_PER_READ * RECORD_BYTES];
        int record = 0;
        for (int i = 0; i < lengths.length; i++) {
            Path file = batchFiles.get(i);
            String expectedLength = lengths[i] + " bytes (the length when opened)";
            try (InputStream in = Files.newInputStream(file)) {
                for (long offset = 0; offset < lengths[i]; ) {
                    int want = (int) Math.min(chunk.length, lengths[i] - offset);
                    int n = DataFiles.readUpTo(in, chunk, 0, want);
                    if (n < want) {
                        throw new CorruptDataException(file, offset + n, "CIFAR-10 record", "end of file",
                                expectedLength);
                    }
                    for (int r = 0; r < n / RECORD_BYTES; r++, record++) {
                        int label = chunk[r * RECORD_BYTES] & 0xFF;
                        if (label > MAX_LABEL) {
                            throw new CorruptDataException(file, offset + (long) r * RECORD_BYTES,
                                    "CIFAR-10 label byte of record " + (offset / RECORD_BYTES + r),
                                    String.valueOf(label), "0 to " + MAX_LABEL);
                        }
                        if (labels != null) {
                            labels[record] = label;
                        }
                        if (pixels != null) {
                            System.arraycopy(chunk, r * RECORD_BYTES + 1, pixels, record * IMAGE_BYTES,
                                    IMAGE_BYTES);
                        }
                    }
                    offset += n;
                }
                if (in.read() >= 0) {
                    throw new CorruptDataException(file, lengths[i], "trailing data", "more bytes", expectedLength);
                }
            } catch (IOException e) {
                throw new DataIoException(file, "read", e);
            }
        }
    }
}
