package dev.lipschitzw1.experiments.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.files.AtomicFiles;
import dev.lipschitzw1.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A finished {@link W1Estimate} on disk, every field (provenance and wall time included), so that a resumed multi-run
 * command reports a finished run exactly as it ended instead of running it again. Written atomically, with the
 * project's number rule ({@link JsonMappers}: NaN as null and back; the one-seed interval {@code Interval.NONE}
 * round-trips exactly).
 */
public final class EstimateStore {
    private static final ObjectMapper JSON = JsonMappers.create().registerModule(new SimpleModule()
            .addSerializer(Instant.class, new JsonSerializer<>() {
                @Override
                public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                    g.writeString(v.toString());
                }
            })
            .addDeserializer(Instant.class, new JsonDeserializer<>() {
                @Override
                public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                    return Instant.parse(p.getValueAsString());
                }
            }));

    private EstimateStore() {
    }

    /** Writes {@code e} to {@code file} atomically. */
    public static void save(W1Estimate e, Path file) {
        AtomicFiles.write(file, tmp -> JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), e));
    }

    /**
     * An estimate from the text of a file written by {@link #save} and read elsewhere (a Hadoop file system).
     *
     * @throws CorruptDataException naming {@code name} if it is not such an estimate
     */
    public static W1Estimate parse(String text, Path name) {
        try {
            return JSON.readValue(text, W1Estimate.class);
        } catch (IOException | RuntimeException e) {
            throw new CorruptDataException(name, -1, "estimate", String.valueOf(e.getMessage()),
                    "a finished estimate written by this runner", e);
        }
    }

    /** @throws CorruptDataException naming the file if it is not an estimate written by {@link #save} */
    public static W1Estimate load(Path file) {
        try {
            return JSON.readValue(file.toFile(), W1Estimate.class);
        } catch (IOException | RuntimeException e) {
            throw new CorruptDataException(file, -1, "estimate", String.valueOf(e.getMessage()),
                    "a finished estimate written by this runner", e);
        }
    }
}
