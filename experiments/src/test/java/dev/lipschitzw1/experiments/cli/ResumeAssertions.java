package dev.lipschitzw1.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Compares two estimate result directories number by number (exactly: a resumed run must be bit-identical). */
final class ResumeAssertions {
    private ResumeAssertions() {
    }

    static void assertSameResult(Path expectedDir, Path actualDir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode want = json.readTree(expectedDir.resolve("result.json").toFile());
        JsonNode got = json.readTree(actualDir.resolve("result.json").toFile());
        assertEquals(want.path("seeds").size(), got.path("seeds").size(), "number of seeds");
        for (int s = 0; s < want.path("seeds").size(); s++) {
            JsonNode a = want.path("seeds").get(s);
            JsonNode b = got.path("seeds").get(s);
            for (String field : new String[] {"estimate", "bestValidation", "certifiedLipschitz"}) {
                assertEquals(a.path(field).asDouble(), b.path(field).asDouble(), 0.0, "seed " + s + " " + field);
            }
            assertEquals(a.path("curve"), b.path("curve"), "seed " + s + " learning curve");
            assertEquals(a.path("layers"), b.path("layers"), "seed " + s + " certificates");
        }
        for (String field : new String[] {"value", "std", "certifiedLipschitz", "lowerBound", "sameDistributionFloor"}) {
            assertEquals(want.path("estimate").path(field).asDouble(), got.path("estimate").path(field).asDouble(),
                    0.0, "estimate." + field);
        }
        assertEquals(want.path("config"), got.path("config"), "configuration");
    }
}
