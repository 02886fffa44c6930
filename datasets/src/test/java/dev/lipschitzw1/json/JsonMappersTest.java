package dev.lipschitzw1.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Oracle: the JSON text itself (a strict parser's tokens) and round trips through {@link JsonMappers#create()}:
 * non-finite numbers become null tokens on the way out, null becomes NaN on the way back.
 */
class JsonMappersTest {
    record Numbers(double finite, double nan, double plus, double minus, float f, Double boxed, List<Double> list,
                   double[] array) { }

    private static final ObjectMapper MAPPER = JsonMappers.create();

    @Test
    void write_nonFiniteDoublesAndFloats_areNullTokens_inRecordsListsArraysAndTrees() throws Exception {
        Numbers n = new Numbers(0.25, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN,
                Double.NaN, Arrays.asList(1.5, Double.NEGATIVE_INFINITY), new double[] {2, Double.NaN});
        String text = MAPPER.writeValueAsString(n);
        assertEquals("{\"finite\":0.25,\"nan\":null,\"plus\":null,\"minus\":null,\"f\":null,\"boxed\":null,"
                + "\"list\":[1.5,null],\"array\":[2.0,null]}", text, "record");
        ObjectNode tree = MAPPER.createObjectNode().put("x", Double.NaN).put("y", 3.0);
        tree.putArray("ci95").add(Double.NEGATIVE_INFINITY).add(Double.POSITIVE_INFINITY);
        assertEquals("{\"x\":null,\"y\":3.0,\"ci95\":[null,null]}", MAPPER.writeValueAsString(tree), "tree");
        assertEquals("{\"x\":null,\"y\":3.0,\"ci95\":[null,null]}",
                MAPPER.writeValueAsString(MAPPER.valueToTree(tree)), "tree through valueToTree");
        JsonNode strict = new ObjectMapper().readTree(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n));
        assertTrue(strict.path("nan").isNull() && strict.path("list").get(1).isNull(), "pretty printer: " + strict);
    }

    @Test
    void read_nullIsNaN_forPrimitiveBoxedAndListElements() throws Exception {
        Numbers back = MAPPER.readValue("{\"finite\":0.25,\"nan\":null,\"plus\":null,\"minus\":null,\"f\":null,"
                + "\"boxed\":null,\"list\":[1.5,null],\"array\":[2.0]}", Numbers.class);
        assertEquals(0.25, back.finite(), 0.0, "finite value unchanged");
        assertTrue(Double.isNaN(back.nan()) && Double.isNaN(back.plus()) && Double.isNaN(back.minus()),
                "primitive doubles: " + back);
        assertTrue(Float.isNaN(back.f()), "primitive float");
        assertTrue(Double.isNaN(back.boxed()), "Double");
        assertEquals(1.5, back.list().get(0), 0.0);
        assertTrue(Double.isNaN(back.list().get(1)), "list element");
        List<Double> list = MAPPER.readValue("[null, 2]", new TypeReference<List<Double>>() { });
        assertTrue(Double.isNaN(list.get(0)) && list.get(1) == 2.0, "top-level list " + list);
    }

    record Partial(int i, double d, Double boxed) { }

    /** Oracle: a plain ObjectMapper's reading of the same text. */
    @Test
    void read_absentKey_isNotNull_andKeepsJacksonsDefault() throws Exception {
        Partial plain = new ObjectMapper().readValue("{\"i\":1}", Partial.class);
        assertEquals(plain, MAPPER.readValue("{\"i\":1}", Partial.class), "0 for a primitive, null for a boxed one");
        ObjectMapper strict = JsonMappers.create().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        assertThrows(MismatchedInputException.class, () -> strict.readValue("{\"i\":1}", Partial.class),
                "FAIL_ON_NULL_FOR_PRIMITIVES still refuses an absent primitive");
        assertTrue(Double.isNaN(strict.readValue("{\"i\":1,\"d\":null}", Partial.class).d()),
                "an explicit null is NaN even there");
    }

    @Test
    void read_stringsOfOlderFiles_keepTheirValues() throws Exception {
        Numbers old = MAPPER.readValue("{\"finite\":1,\"nan\":\"NaN\",\"plus\":\"Infinity\",\"minus\":\"-Infinity\","
                + "\"f\":\"NaN\",\"boxed\":\"Infinity\",\"list\":[\"-Infinity\"],\"array\":[]}", Numbers.class);
        assertTrue(Double.isNaN(old.nan()), "NaN");
        assertEquals(Double.POSITIVE_INFINITY, old.plus(), "Infinity");
        assertEquals(Double.NEGATIVE_INFINITY, old.minus(), "-Infinity");
        assertEquals(Double.POSITIVE_INFINITY, old.boxed(), "boxed Infinity");
        assertEquals(List.of(Double.NEGATIVE_INFINITY), old.list(), "list element");
    }

    @Test
    void writeThenRead_isIdentityOnFiniteValuesAndNaN_andInfinityReadsAsNaN() throws Exception {
        double[] values = {0, -0.0, 1e-300, -7.25, Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN,
            Double.POSITIVE_INFINITY};
        for (double v : values) {
            double back = MAPPER.readValue(MAPPER.writeValueAsString(v), double.class);
            double want = Double.isInfinite(v) ? Double.NaN : v;
            assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(back), "round trip of " + v);
        }
    }
}
