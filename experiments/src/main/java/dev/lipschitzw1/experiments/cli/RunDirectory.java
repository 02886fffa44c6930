package dev.lipschitzw1.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.errors.CheckpointMismatchException;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.W1Exception;
import dev.lipschitzw1.files.AtomicFiles;
import dev.lipschitzw1.json.JsonMappers;
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
public final class RunDirectory {
    private static final ObjectMapper JSON = JsonMappers.create();
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
    public static RunDirectory open(String command, Path out, Path resume, boolean overwrite) throws IOException {
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
    public boolean resumed() {
        return resumed;
    }

    /** The run's description: to fill before {@link #start} for a new run; as saved for a resumed one. */
    public ObjectNode run() {
        return run;
    }

    public Path target() {
        return target;
    }

    public Path staging() {
        return staging;
    }

    /**
     * Creates the staging directory and writes {@code run.json} into it (a resumed run has both already).
     *
     * @throws DataIoException if the directory cannot be written (read-only parent, full disk), naming the path
     */
    public void start() throws IOException {
        if (started) {
            return;
        }
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new DataIoException(target, "write", e);
        }
        started = true;
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run);
        AtomicFiles.write(staging.resolve(RUN), f -> Files.writeString(f, text, StandardCharsets.UTF_8));
    }

    /** Publishes the staging directory as the result directory in one rename (replacing an old one: --overwrite). */
    public void commit() {
        AtomicFiles.moveDirectory(staging, target, true);
    }

    /**
     * The error to report for an output failure during the run (a full disk, a read-only directory). Such a failure is
     * not deterministic, so a staging directory that holds a checkpoint ({@code state.json} anywhere below it, each
     * replaced atomically) is kept and the message says how to continue; one without is deleted.
     */
    public RuntimeException outputFailure(DataIoException e) {
        boolean resumable;
        try (var files = Files.walk(staging)) {
            resumable = files.anyMatch(f -> f.getFileName().toString().equals("state.json"));
        } catch (IOException unreadable) {
            resumable = false;
        }
        if (resumable) {
            return new W1Exception(e.getMessage() + "; " + staging + " keeps the last checkpoint: fix the cause and "
                    + "continue with --resume " + target, e);
        }
        try {
            discard();
        } catch (IOException cleanup) {
            e.addSuppressed(cleanup);
        }
        return e;
    }

    /**
     * After a typed failure: deletes the staging directory ({@link #discard}) when a resume would only repeat the
     * failure (a refused critic, a numerical failure, bad data), but never for a refused resume
     * ({@link CheckpointMismatchException}): those checkpoints are the user's, to continue once the data are
     * restored, or to delete.
     */
    public void discardAfter(W1Exception failure) throws IOException {
        if (!(failure instanceof CheckpointMismatchException)) {
            discard();
        }
    }

    /**
     * Deletes the staging directory, if this run created or resumed it: for failures that a resume would only repeat
     * (a refused critic, a numerical failure, bad data).
     */
    public void discard() throws IOException {
        if (started) {
            AtomicFiles.deleteRecursively(staging);
        }
    }
}
