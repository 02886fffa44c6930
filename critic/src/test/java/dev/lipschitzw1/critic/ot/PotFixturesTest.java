package dev.lipschitzw1.critic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exact W1 against POT's {@code ot.emd2} (network simplex, numItermax = 10⁷) on the cases recorded in
 * {@code src/test/resources/ot/pot_fixtures.json} by {@code make_pot_fixtures.py} (POT, numpy and Python versions are
 * in the file). Points regenerated from numpy seeds are first proved identical by SHA-256.
 */
class PotFixturesTest {
    private static final String FIXTURES = "/ot/pot_fixtures.json";
    /** Relative agreement required with POT: both are exact solvers in double on the same costs. */
    private static final double RELATIVE_TOLERANCE = 1e-9;

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = PotFixturesTest.class.getResourceAsStream(FIXTURES)) {
            assertNotNull(in, FIXTURES + " on the test classpath");
            JsonNode root = new ObjectMapper().readTree(in);
            List<JsonNode> out = new ArrayList<>();
            root.get("cases").forEach(out::add);
            assertEquals(8, out.size(), "number of fixture cases");
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exactW1_matchesPotEmd2(JsonNode c) {
        String name = c.get("name").asText();
        assertEquals(1, c.get("emd2_result_code").asInt(), name + ": POT converged (result code 1 = optimal)");
        assertTrue(c.get("emd2_warning").isNull(), name + ": POT warned " + c.get("emd2_warning"));
        double[][] x = points(c.get("x"), name + ".x");
        double[][] y = points(c.get("y"), name + ".y");
        double want = c.get("emd2").asDouble();
        ExactW1Result got = c.get("a").isNull()
                ? ExactW1.between(x, y)
                : ExactW1.between(x, vector(c.get("a")), y, vector(c.get("b")));
        assertEquals(want, got.value(), RELATIVE_TOLERANCE * want, name + ": W1 vs POT emd2 (" + got.method() + ")");
        if (c.has("linear_sum_assignment")) {
            double lsa = c.get("linear_sum_assignment").asDouble();
            assertEquals(lsa, got.value(), RELATIVE_TOLERANCE * lsa, name + ": W1 vs scipy linear_sum_assignment");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void networkSimplex_matchesPotEmd2_withExplicitWeights(JsonNode c) {
        String name = c.get("name").asText();
        double[][] x = points(c.get("x"), name + ".x");
        double[][] y = points(c.get("y"), name + ".y");
        double[] a = c.get("a").isNull() ? uniform(x.length) : vector(c.get("a"));
        double[] b = c.get("b").isNull() ? uniform(y.length) : vector(c.get("b"));
        double want = c.get("emd2").asDouble();
        double got = ExactW1.between(x, a, y, b).value();
        assertEquals(want, got, RELATIVE_TOLERANCE * want, name + ": network simplex with weights 1/n vs POT");
    }

    private static double[][] points(JsonNode spec, String where) {
        int n = spec.get("n").asInt();
        int d = spec.get("d").asInt();
        String kind = spec.get("kind").asText();
        double[][] x = new double[n][d];
        switch (kind) {
            case "numpy_rand" -> {
                x = NumpyRandomState.rand(spec.get("seed").asInt(), n, d);
                assertEquals(spec.get("sha256").asText(), sha256(x), where + ": regenerated numpy points differ");
            }
            case "values" -> {
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < d; k++) {
                        x[i][k] = spec.get("values").get(i).get(k).asDouble();
                    }
                }
            }
            case "uint8_base64" -> {
                byte[] bytes = Base64.getDecoder().decode(spec.get("data").asText());
                assertEquals(n * d, bytes.length, where + ": pixel count");
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < d; k++) {
                        x[i][k] = Byte.toUnsignedInt(bytes[i * d + k]) / 255.0;
                    }
                }
            }
            default -> throw new AssertionError(where + ": unknown point kind " + kind);
        }
        return x;
    }

    private static double[] vector(JsonNode values) {
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).asDouble();
        }
        return v;
    }

    private static double[] uniform(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        return w;
    }

    private static String sha256(double[][] x) {
        ByteBuffer buffer = ByteBuffer.allocate(x.length * x[0].length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] row : x) {
            for (double v : row) {
                buffer.putDouble(v);
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buffer.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 missing from the JDK", e);
        }
    }
}
