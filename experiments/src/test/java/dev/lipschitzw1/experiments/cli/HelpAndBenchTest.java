package dev.lipschitzw1.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's help texts and the quickest {@code w1 bench} case, through {@code W1Main.commandLine()}. */
class HelpAndBenchTest {

    @Test
    void help_listsEveryCommandAndExitCodes() {
        DataCommandTest.Run r = DataCommandTest.run("--help");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        for (String command : new String[] {"estimate", "certify", "export", "exact", "data", "sweep", "bench", "help"}) {
            assertTrue(r.out().contains("  " + command + " "), command + " listed in\n" + r.out());
        }
        assertTrue(r.out().contains("4 critic not certified"), r.out());
        assertTrue(r.out().contains("5 sweep finished with some tasks failed"), r.out());
        String sweep = DataCommandTest.run("sweep", "--help").out();
        for (String option : new String[] {"--resume=DIR", "--workers=N", "--worker-heap=SIZE", "--engine=<engine>",
            "SPEC"}) {
            assertTrue(sweep.contains(option), "sweep --help lists " + option + ":\n" + sweep);
        }
    }

    @Test
    void everyCommandsHelp_endsWithTheExitCodes() {
        for (String command : new String[] {"estimate", "compare", "reproduce", "certify", "exact", "data", "bench"}) {
            DataCommandTest.Run help = DataCommandTest.run(command, "--help");
            assertEquals(ExitCodes.OK, help.code(), help.err());
            assertTrue(help.out().contains("Exit codes:") && help.out().contains("2 invalid command line")
                    && help.out().contains("4 critic not certified"), command + " --help:\n" + help.out());
        }
        assertTrue(DataCommandTest.run("exact", "--help").out().contains("--quiet"), "exact accepts --quiet");
    }

    @Test
    void subcommandHelp_namesArgumentsAndOptions() {
        DataCommandTest.Run certify = DataCommandTest.run("help", "certify");
        assertEquals(ExitCodes.OK, certify.code(), certify.err());
        assertTrue(certify.out().contains("DIR|FILE") && certify.out().contains("--json")
                && certify.out().contains("critics/seed-<k>.zip"), certify.out());
        DataCommandTest.Run exact = DataCommandTest.run("exact", "--help");
        assertEquals(ExitCodes.OK, exact.code(), exact.err());
        assertTrue(exact.out().contains("--n=N") && exact.out().contains("without replacement"), exact.out());
        for (String command : new String[] {"estimate", "compare", "reproduce"}) {
            DataCommandTest.Run help = DataCommandTest.run(command, "--help");
            assertEquals(ExitCodes.OK, help.code(), help.err());
            for (String option : new String[] {"--until-converged", "--patience=EPOCHS", "--tolerance=X",
                "--max-steps=N"}) {
                assertTrue(help.out().contains(option), command + " --help lists " + option + ":\n" + help.out());
            }
        }
        String estimate = DataCommandTest.run("estimate", "--help").out().replaceAll("\\s+", " ");
        assertTrue(estimate.contains("raw / 2 in native pixels and raw in the ×2 upsampled space"), estimate);
        assertTrue(DataCommandTest.run("certify", "--help").out().replaceAll("\\s+", " ")
                .contains("exceeds a·(1 + 1e-4)"), "certify --help states the rule");
    }

    @Test
    void bench_quickestCase_runsAndWritesJson(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("bench.json");
        DataCommandTest.Run r = DataCommandTest.run("bench", "--case", "bjorck64-fwd", "--repeat", "2", "--warmup",
                "0", "--json", json.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("bjorck64-fwd"), r.out());
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(1, doc.path("results").size(), "only the case asked for");
        JsonNode row = doc.path("results").get(0);
        assertEquals("bjorck64-fwd", row.path("case").asText());
        assertEquals(2, row.path("all_s").size(), "--repeat 2 timings");
        assertTrue(row.path("median_s").asDouble() > 0, "a positive time");
    }

    @Test
    void bench_kindStepCases_runThePenalisedTheConstrainedAndTheHeadStep(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("bench.json");
        DataCommandTest.Run r = DataCommandTest.run("bench", "--case", "step-quick-lp,step-quick-aol,step-quick-head",
                "--repeat", "1", "--warmup", "0", "--json", json.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode rows = new ObjectMapper().readTree(json.toFile()).path("results");
        assertEquals(3, rows.size(), r.out());
        for (JsonNode row : rows) {
            assertTrue(row.path("case").asText().startsWith("step-quick-"), row.toString());
            assertTrue(row.path("median_s").asDouble() > 0, "a positive time: " + row);
        }
    }

    @Test
    void bench_unknownCaseOrBadRepeat_usageError() {
        DataCommandTest.Run r = DataCommandTest.run("bench", "--case", "no-such-case");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("bjorck64"), "names the known cases: " + r.err());
        assertEquals(ExitCodes.USAGE, DataCommandTest.run("bench", "--repeat", "0").code());
    }
}
