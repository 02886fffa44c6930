package dev.lipschitzw1.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.experiments.cli.W1Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Spec validation without opening a source or training. Oracle: for each invalid field, the field named in the
 * one-line error (the key of the {@link InvalidConfigException}); and the task list is the product P × Q' × critics ×
 * seeds, counted by hand, with checkpoint files in training-step order.
 */
class SweepSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = "{\"p\": [\"mnist-test\"], \"q\": [\"generator:mnist@early\", "
            + "\"generator:mnist@final\"], \"critics\": [\"bcop\", \"gp\"], \"seeds\": 3, "
            + "\"options\": {\"epochs\": 2, \"steps-per-epoch\": 5}}";

    private static SweepSpec spec(String json) throws Exception {
        return SweepSpec.fromJson(JSON.readTree(json));
    }

    /** VALID with field {@code field} replaced by {@code value} (raw JSON). */
    private static String with(String field, String value) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(VALID);
        n.set(field, JSON.readTree(value));
        return n.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "critics | [\"bcop\", \"wgan\"]     | critics[1]",
        "critics | [\"bcop\", \"bcop\"]     | critics[1]",
        "critics | []                        | critics",
        "p       | []                        | p",
        "p       | [\"mnist-test\", 3]       | p[1]",
        "q       | [\"  \"]                  | q[0]",
        "q       | [\"checkpoints:/nonexistent/dir\"] | q[0]",
        "seeds   | 0                         | seeds",
        "seeds   | 1.5                       | seeds",
        "preset  | \"fast\"                  | preset",
        "options | {\"epochs\": \"two\"}     | options.epochs",
        "options | {\"epochs\": 0}           | options.epochs",
        "options | {\"epoch\": 2}            | options.epoch",
        "options | {\"seeds\": 2}            | options.seeds",
        "options | {\"patience\": 2}         | options.patience",
        "options | {\"lr\": [1]}             | options.lr",
        "exactSamples | -1                   | exactSamples",
        "baselineReport | \"yes\"            | baselineReport",
        "seeed   | 1                         | seeed",
    })
    void invalidField_isNamedInTheError(String field, String value, String named) throws Exception {
        String json = with(field, value);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> spec(json));
        assertEquals(named, e.key(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void validSpec_tasksAreTheProductInOrder_withStableIds() throws Exception {
        SweepSpec s = spec(VALID);
        List<SweepTask> tasks = s.tasks();
        assertEquals(1 * 2 * 2 * 3, tasks.size());
        assertEquals("p01-q001-bcop-s01", tasks.get(0).id());
        assertEquals("p01-q002-gp-s03", tasks.get(11).id());
        assertEquals(tasks.size(), tasks.stream().map(SweepTask::id).distinct().count(), "ids unique");
        assertEquals(tasks.stream().map(SweepTask::id).toList(), SweepSpec.fromJson(s.toJson()).tasks().stream()
                .map(SweepTask::id).toList(), "the saved spec gives the same ids");
        assertTrue(s.settings(dev.lipschitzw1.experiments.cli.CriticKind.GP).baselineReport(),
                "a penalised critic is always baseline-reported");
        assertFalse(s.settings(dev.lipschitzw1.experiments.cli.CriticKind.BCOP).baselineReport());
    }

    @Test
    void checkpointDirectory_expandsInTrainingStepOrder(@TempDir Path tmp) throws Exception {
        // Names sort differently from steps: step-900 < step-1200 < gen-5000 by step, not by name.
        for (String f : List.of("step-1200.zip", "gen-5000.onnx", "step-900.zip", "notes.txt")) {
            Files.writeString(tmp.resolve(f), "x");
        }
        String json = with("q", "[\"checkpoints:" + tmp + "?latent=64\"]");
        List<SweepPair> pairs = spec(json).pairs();
        assertEquals(List.of(900L, 1200L, 5000L), pairs.stream().map(SweepPair::step).toList());
        assertEquals("generator:onnx:" + tmp.resolve("gen-5000.onnx") + "?latent=64", pairs.get(2).q());
        assertEquals("generator:zip:" + tmp.resolve("step-900.zip"), pairs.get(0).q());

        Files.writeString(tmp.resolve("final.zip"), "not a zip");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> spec(json));
        assertEquals("q[0]", e.key(), e.getMessage());
    }

    @Test
    void yamlSpec_readsLikeJson(@TempDir Path tmp) throws Exception {
        Path yaml = tmp.resolve("s.yaml");
        Files.writeString(yaml, "p: [mnist-test]\nq:\n  - generator:mnist@early\n  - generator:mnist@final\n"
                + "critics: [bcop, gp]\nseeds: 3\noptions:\n  epochs: 2\n  steps-per-epoch: 5\n");
        Path json = tmp.resolve("s.json");
        Files.writeString(json, VALID);
        assertEquals(SweepSpec.read(json), SweepSpec.read(yaml));
    }

    @Test
    void commandLine_invalidSpec_exitsWithUsageCodeAndOneLine(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, with("critics", "[\"bcop\", \"wgan\"]"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cli = W1Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("sweep", bad.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, code);
        List<String> lines = err.toString().lines().collect(Collectors.toList());
        assertEquals(1, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("error: critics[1] = wgan"), lines.get(0));
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void runnerJar_refusesSparkEngine_pointingToSparkSubmit(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("s.json"), VALID);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cli = W1Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("sweep", spec.toString(), "--engine", "spark", "--out", tmp.resolve("o").toString());
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().startsWith("error: --engine = spark") && err.toString().contains("spark-submit"),
                err.toString());
        assertFalse(Files.exists(tmp.resolve("o")));
    }
}
