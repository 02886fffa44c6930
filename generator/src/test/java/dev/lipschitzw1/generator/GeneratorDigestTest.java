package dev.lipschitzw1.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.generator.io.Json;
import dev.lipschitzw1.provenance.SourceDigest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A generator source is identified by its architecture and parameters, not by its samples (whose last bits change
 * with the thread count): the digests against the documented byte layout, computed here with the JDK alone.
 */
class GeneratorDigestTest {
    private static final DcganArchitecture TINY = new DcganArchitecture(5, new ImageShape(1, 8, 8), 2, List.of(3, 4));

    private static String sha(byte[]... parts) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            sha.update(p);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** name, 0, rank, shape (int64), float32 values, all big-endian. */
    private static byte[] array(String name, INDArray v) {
        float[] f = v.castTo(DataType.FLOAT).dup('c').data().asFloat();
        long[] shape = v.shape();
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(n.length + 1 + 8 * (shape.length + 1) + 4 * f.length);
        b.put(n).put((byte) 0).putLong(shape.length);
        for (long s : shape) {
            b.putLong(s);
        }
        for (float x : f) {
            b.putFloat(x);
        }
        return b.array();
    }

    @Test
    void dcganDigest_isTheArchitectureAndParameters_andSeesOneUlp() throws Exception {
        DcganGenerator g = DcganGenerator.initialise(TINY, 3, DataType.FLOAT);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(Json.write(TINY).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, INDArray> e : g.parameters().entrySet()) {
            bytes.write(array(e.getKey(), e.getValue()));
        }
        assertEquals(sha(bytes.toByteArray()), g.digest(), "the documented layout");

        Map<String, INDArray> copy = new LinkedHashMap<>();
        g.parameters().forEach((k, v) -> copy.put(k, v.dup()));
        assertEquals(g.digest(), DcganGenerator.withParameters(TINY, copy, DataType.FLOAT).digest(), "same values");
        INDArray first = copy.values().iterator().next();
        float x = first.getFloat(0);
        first.putScalar(0, Math.nextUp(x));
        assertNotEquals(g.digest(), DcganGenerator.withParameters(TINY, copy, DataType.FLOAT).digest(), "one ulp");
    }

    @Test
    void sourceDigestOfAGenerator_usesTheModelDigest_withoutSampling() throws Exception {
        LatentModel unsampleable = new LatentModel() {
            @Override
            public int latentSize() {
                return 5;
            }

            @Override
            public ImageShape shape() {
                return TINY.output();
            }

            @Override
            public INDArray generate(INDArray z) {
                throw new AssertionError("a generator's digest must not depend on its samples");
            }

            @Override
            public String digest() {
                return "ab".repeat(32);
            }
        };
        SourceDigest d = SourceDigest.of(new GeneratorDistribution("g", unsampleable));
        ByteBuffer header = ByteBuffer.allocate(12).putInt(1).putInt(8).putInt(8);
        assertEquals(sha(header.array(), "ab".repeat(32).getBytes(StandardCharsets.US_ASCII)), d.sha256());
        assertEquals(SourceDigest.MODEL, d.covers());
        assertEquals("g", d.name());
    }
}
