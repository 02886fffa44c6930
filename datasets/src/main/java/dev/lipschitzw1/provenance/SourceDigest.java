package dev.lipschitzw1.provenance;

import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageSet;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The SHA-256 of the images a data source stands for, recorded in every file and result that was computed from it:
 * <pre>  sha256( C, H, W as big-endian int32 · each pixel's float32 bits, big-endian, image after image )  </pre>
 * over every image of a finite set, in index order ({@code covers} = "all N images"), and over {@value #PROBE}
 * images sampled with {@code SplittableRandom(0)} for a model ({@code covers} = "256 images sampled with seed 0"),
 * which identifies the function a generator computes rather than the bytes of its file. The same pixels give the
 * same digest whatever file format or reader delivered them.
 *
 * @param name   the source's name
 * @param sha256 64 lower-case hex digits
 * @param covers which images were hashed
 */
public record SourceDigest(String name, String sha256, String covers) {
    /** Images hashed for a model. */
    public static final int PROBE = 256;

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
        float[] pixels = source.sample(PROBE, new SplittableRandom(0)).castTo(DataType.FLOAT).dup('c').data()
                .asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(4 * pixels.length);
        bytes.asFloatBuffer().put(pixels);
        sha.update(bytes.array());
        return new SourceDigest(source.name(), HexFormat.of().formatHex(sha.digest()),
                PROBE + " images sampled with seed 0");
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
