package dev.lipschitzw1.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.AccessPattern;
import java.io.IOException;

/**
 * The project's one rule for numbers in JSON, used by every file it writes or reads back (result.json of every
 * command, a comparison's estimate.json, run.json, the estimator's checkpoint state, configs, generator archives).
 * JSON has no NaN or infinity, and readers (Python's {@code json}, jq, JavaScript, pandas) expect {@code null} for a
 * missing number, not a string:
 * <pre>
 *   write:  x ↦ x      if x is a finite double or float
 *           x ↦ null   if x is NaN, +∞ or −∞
 *   read:   null ↦ NaN   into a double, Double, float or Float (field, record component, list element)
 * </pre>
 * An absent key is not a null and keeps Jackson's default (0 for a primitive, or an error where the mapper enables
 * {@code FAIL_ON_NULL_FOR_PRIMITIVES}; null for a boxed value).
 * So a write followed by a read is the identity on finite values and on NaN; ±∞ read back as NaN, "no finite value"
 * (no result of this project gives an infinity a meaning beyond that: the one-seed interval is NaN, see
 * {@code Interval.NONE}). Files written before this rule, with the strings "NaN", "Infinity", "-Infinity", still read
 * as those values. A field whose null means something else says so where it is documented (docs/result-schema.md).
 * Applied below Jackson's serialisers, on the generator, so it holds for trees ({@code ObjectNode.put}), records and
 * beans alike.
 */
public final class JsonMappers {
    private JsonMappers() {
    }

    /**
     * A new mapper (the caller may configure it further: indentation, strictness) that follows the rule above. Each
     * caller gets its own, so one caller's configuration never reaches another.
     */
    public static ObjectMapper create() {
        JsonFactory factory = JsonFactory.builder().addDecorator((f, g) -> new NonFiniteAsNull(g)).build();
        return new ObjectMapper(factory).registerModule(nullAsNaN());
    }

    private static SimpleModule nullAsNaN() {
        return new SimpleModule("lipschitz-w1 null as NaN")
                .addDeserializer(double.class, new NullAsNaN<>(double.class, Double.NaN,
                        new NumberDeserializers.DoubleDeserializer(Double.TYPE, 0.0)))
                .addDeserializer(Double.class, new NullAsNaN<>(Double.class, Double.NaN,
                        new NumberDeserializers.DoubleDeserializer(Double.class, null)))
                .addDeserializer(float.class, new NullAsNaN<>(float.class, Float.NaN,
                        new NumberDeserializers.FloatDeserializer(Float.TYPE, 0.0f)))
                .addDeserializer(Float.class, new NullAsNaN<>(Float.class, Float.NaN,
                        new NumberDeserializers.FloatDeserializer(Float.class, null)));
    }

    /** Writes every non-finite double or float as {@code null}; everything else goes through unchanged. */
    private static final class NonFiniteAsNull extends JsonGeneratorDelegate {
        NonFiniteAsNull(JsonGenerator g) {
            super(g, true);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            if (Double.isFinite(v)) {
                super.writeNumber(v);
            } else {
                writeNull();
            }
        }

        @Override
        public void writeNumber(float v) throws IOException {
            if (Float.isFinite(v)) {
                super.writeNumber(v);
            } else {
                writeNull();
            }
        }

        @Override
        public void writeArray(double[] array, int offset, int length) throws IOException {
            writeStartArray(array, length);
            for (int i = offset; i < offset + length; i++) {
                writeNumber(array[i]);
            }
            writeEndArray();
        }
    }

    /**
     * Reads {@code null} as NaN (also for a primitive, where Jackson's default gives 0 or fails); any other token as
     * Jackson's own number deserializer does (numbers, and the strings "NaN", "Infinity", "-Infinity" of old files);
     * an absent key as Jackson does.
     */
    private static final class NullAsNaN<T> extends StdScalarDeserializer<T> {
        private final transient T nan;
        private final JsonDeserializer<T> numbers;

        NullAsNaN(Class<T> type, T nan, JsonDeserializer<T> numbers) {
            super(type);
            this.nan = nan;
            this.numbers = numbers;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return p.currentToken() == JsonToken.VALUE_NULL ? nan : numbers.deserialize(p, ctxt);
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) {
            return nan;
        }

        @Override
        public AccessPattern getNullAccessPattern() {
            return AccessPattern.CONSTANT;
        }

        /** An absent key is not a null: Jackson's default (0, or an error, for a primitive; null for a boxed one). */
        @Override
        public Object getAbsentValue(DeserializationContext ctxt) throws JsonMappingException {
            return numbers.getAbsentValue(ctxt);
        }
    }
}
