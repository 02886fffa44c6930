package dev.lipschitzw1.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The result directory of a running command. The run works in the staging sibling {@code OUT.partial}, which holds
 * {@code run.json} (the command, its sources and settings, written before any work) and whatever checkpoints the
 * command keeps; {@link #commit} moves the finished content to {@code OUT} in one atomic rename, so OUT never holds a
 * partial result. After a kill, {@code --resume OUT} reopens the staging directory and its {@code run.json}.
 */
final class RunDirectory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = "run.json";

    private final Path target;
    private final Path staging;
    private final ObjectNode run;
    private final boolean resumed;
    private boolean started;

    private RunDirectory(Path target, ObjectNode run, boolean resumed) {
        this.target = target;
        this.staging = target.resolveSibling(target.getFileName() + ".partial");
        this.run = run;
        this.resumed = resumed;
        this.started = resumed;
    }

    /**
     * The directory of a new run ({@code resume} null: {@code out}, or {@code results/COMMAND-TIME} when that is null
     * too) or of the interrupted run whose result directory was {@code resume}.
     *
     * @throws InvalidConfigException if OUT exists without {@code overwrite}, if an interrupted run already occupies
     *                                OUT.partial, or if {@code resume} holds no interrupted run of this command
     */
    static RunDirectory open(String command, Path out, Path resume, boolean overwrite) throws IOException {
        if (resume != null) {
            Path runFile = stagingOf(resume).resolve(RUN);
            InvalidConfigException.require(Files.isRegularFile(runFile), "--resume", resume,
                    "a run interrupted before it finished (" + runFile + ")");
            JsonNode saved = JSON.readTree(runFile.toFile());
            InvalidConfigException.require(saved instanceof ObjectNode && command.equals(saved.path("command")
                    .asText()), "--resume", resume, "an interrupted `" + command + "` run (" + runFile + " is of `"
                    + saved.path("command").asText() + "`)");
            return new RunDirectory(resume, (ObjectNode) saved, true);
        }
        Path target = out != null ? out : Path.of("results", command + "-" + LocalDateTime.now().format(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        InvalidConfigException.require(!Files.exists(target) || overwrite, "--out", target,
                "a directory that does not exist yet (or --overwrite)");
        InvalidConfigException.require(!Files.exists(stagingOf(target)), "--out", target,
                "no interrupted run in " + stagingOf(target) + " (continue it with --resume " + target
                        + " or delete it)");
        ObjectNode run = JSON.createObjectNode();
        run.put("command", command);
        return new RunDirectory(target, run, false);
    }

    private static Path stagingOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".partial");
    }

    /** Whether this is a resumed run (its {@link #run()} was read back, not built). */
    boolean resumed() {
        return resumed;
    }

    /** The run's description: to fill before {@link #start} for a new run; as saved for a resumed one. */
    ObjectNode run() {
        return run;
    }

    Path target() {
        return target;
    }

    Path staging() {
        return staging;
    }

    /** Creates the staging directory and writes {@code run.json} into it (a resumed run has both already). */
    void start() throws IOException {
        if (started) {
            return;
        }
        Files.createDirectories(staging);
        started = true;
        Files.writeString(staging.resolve(RUN), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run),
                StandardCharsets.UTF_8);
    }

    /** Moves everything in the staging directory to the result directory in one rename, then removes the staging. */
    void commit() throws IOException {
        AtomicFiles.writeDirectory(target, true, tmp -> {
            try (var files = Files.list(staging)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.move(f, tmp.resolve(f.getFileName()));
                }
            }
        });
        AtomicFiles.deleteRecursively(staging);
    }

    /**
     * Deletes the staging directory, if this run created or resumed it: for failures that a resume would only repeat
     * (a refused critic, a numerical failure, bad data).
     */
    void discard() throws IOException {
        if (started) {
            AtomicFiles.deleteRecursively(staging);
        }
    }
}
