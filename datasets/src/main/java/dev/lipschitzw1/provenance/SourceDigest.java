package dev.lipschitzw1.provenance;

import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageSet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The SHA-256 of the images a data source stands for, recorded in every file and result that was computed from it:
 * <pre>  sha256( C, H, W as big-endian int32 · each pixel's float32 bits, big-endian, image after image )  </pre>
 * over every image of a finite set, in index order ({@code covers} = "all N images"); for a model, over
 * {@value #PROBE} images sampled with {@code SplittableRandom(0)} ({@code covers} = "256 images sampled with seed 0")
 * when its samples are exact functions of the seed, and otherwise — a neural generator, whose pixels change in their
 * last bits with the thread count or backend build that evaluates it — the model's own digest of its architecture and
 * parameters ({@link ImageDistribution#modelDigest()}; {@code covers} = "model parameters"), so that a run resumed
 * with other threads or on another machine is not refused. The same pixels give the same digest whatever file format
 * or reader delivered them.
 *
 * @param name   the source's name
 * @param sha256 64 lower-case hex digits
 * @param covers which images were hashed
 */
public record SourceDigest(String name, String sha256, String covers) {
    /** Images hashed for a model whose samples are exact. */
    public static final int PROBE = 256;
    /** {@code covers} of a model identified by its parameters. */
    public static final String MODEL = "model parameters";

    /**
     * Adds a named array to {@code sha}: the name (UTF-8, then a 0 byte), the rank and shape (big-endian int64) and
     * each value's float32 bits (big-endian), so that a model's digest does not depend on the precision it was stored
     * in beyond float32.
     */
    public static void update(MessageDigest sha, String name, long[] shape, float[] values) {
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(1 + 8 * (shape.length + 1) + 4 * values.length);
        b.put((byte) 0).putLong(shape.length);
        for (long s : shape) {
            b.putLong(s);
        }
        for (float v : values) {
            b.putFloat(v);
        }
        sha.update(b.array());
    }

    /** The digest of {@code source} (reads every image of a finite set once). */
    public static SourceDigest of(ImageDistribution source) {
        MessageDigest sha = newSha256();
        int[] chw = source.shape().toArray();
        ByteBuffer header = ByteBuffer.allocate(12);
        for (int v : chw) {
            header.putInt(v);
        }
        sha.update(header.array());
        if (source instanceof ImageSet set) {
            int d = set.shape().values();
            float[] image = new float[d];
            ByteBuffer bytes = ByteBuffer.allocate(4 * d);
            for (int i = 0; i < set.size(); i++) {
                set.readImage(i, image, 0);
                bytes.clear();
                bytes.asFloatBuffer().put(image);
                sha.update(bytes.array());
            }
            return new SourceDigest(source.name(), HexFormat.of().formatHex(sha.digest()),
                    "all " + set.size() + " images");
        }
        String model = source.modelDigest();
        if (model != null) {
            sha.update(model.getBytes(StandardCharsets.US_ASCII));
            return new SourceDigest(source.name(), HexFormat.of().formatHex(sha.digest()), MODEL);
        }
        float[] pixels = source.sample(PROBE, new SplittableRandom(0)).castTo(DataType.FLOAT).dup('c').data()
                .asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(4 * pixels.length);
        bytes.asFloatBuffer().put(pixels);
        sha.update(bytes.array());
        return new SourceDigest(source.name(), HexFormat.of().formatHex(sha.digest()),
                PROBE + " images sampled with seed 0");
    }

    /** A new SHA-256 digest (every Java platform has it). */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
