package dev.lipschitzw1.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataCommandTest {
    record Run(int code, String out, String err) { }

    static Run run(String... args) {
        CommandLine cli = W1Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void dataMnistTest_printsCountShapeMomentsAndWritesGrid(@TempDir Path dir) throws Exception {
        Path grid = dir.resolve("grid.png");
        Run r = run("data", "mnist-test", "--grid", grid.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("images:  10000"), r.out());
        assertTrue(r.out().contains("1×28×28"), r.out());
        assertTrue(r.out().contains("mean 0.1325"), r.out());
        BufferedImage png = ImageIO.read(grid.toFile());
        assertEquals(8 * 30 + 2, png.getWidth(), "8 tiles of 28 px with 2 px gaps");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left beside the grid");
        }
    }

    @Test
    void missingSource_isOneLineWithDataExitCode() {
        Run r = run("data", "mnist-train");
        assertEquals(ExitCodes.DATA, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: source mnist-train"), r.err());
    }

    @Test
    void unknownSourceAndBadFlags_areUsageErrors() {
        assertEquals(ExitCodes.USAGE, run("data", "imagenet").code());
        assertEquals(ExitCodes.USAGE, run("data", "mnist-test", "--samples", "0").code());
        assertEquals(ExitCodes.USAGE, run("data", "--no-such-flag").code());
    }

    @Test
    void version_namesToolkitAndNd4j() {
        Run r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("ND4J 1.0.0-M2.1"), r.out());
    }
}
