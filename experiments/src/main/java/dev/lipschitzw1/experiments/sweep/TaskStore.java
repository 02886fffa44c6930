package dev.lipschitzw1.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.experiments.report.EstimateStore;
import dev.lipschitzw1.files.AtomicFiles;
import dev.lipschitzw1.json.JsonMappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The task directories of a sweep, {@code OUT/tasks/<id>/}: a finished task holds {@code result.json} (the estimate's
 * result schema, {@code ResultJson}) and {@code estimate.json} ({@code EstimateStore}); a failed one holds
 * {@code error.json} ({"task", "error", "exitCode"}); a task that has neither has not finished. Each is published in
 * one rename, so a directory is never half written; {@code <id>.partial} is the running task's staging directory with
 * its estimator checkpoint.
 */
public final class TaskStore {
    static final String ESTIMATE = "estimate.json";
    static final String ERROR = "error.json";
    private static final ObjectMapper JSON = JsonMappers.create();

    private final Path tasks;

    public TaskStore(Path tasks) {
        this.tasks = tasks;
    }

    public Path dir(String id) {
        return tasks.resolve(id);
    }

    /** The staging directory of a running (or interrupted) task. */
    public Path staging(String id) {
        return tasks.resolve(id + ".partial");
    }

    /** The task's outcome if it finished (successfully or not), else empty. */
    public Optional<TaskOutcome> outcome(String id) {
        Path d = dir(id);
        if (Files.isRegularFile(d.resolve(ESTIMATE))) {
            return Optional.of(TaskOutcome.success(id, EstimateStore.load(d.resolve(ESTIMATE))));
        }
        if (Files.isRegularFile(d.resolve(ERROR))) {
            try {
                JsonNode n = JSON.readTree(d.resolve(ERROR).toFile());
                return Optional.of(TaskOutcome.failure(id, n.path("error").asText(), n.path("exitCode").asInt(1)));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether the task finished successfully (a resumed sweep skips it). */
    public boolean succeeded(String id) {
        return Files.isRegularFile(dir(id).resolve(ESTIMATE));
    }

    /** Records a failure: {@code <id>/error.json}, replacing whatever the directory held, in one rename. */
    public void recordFailure(TaskOutcome failure) {
        ObjectNode n = JSON.createObjectNode();
        n.put("task", failure.taskId());
        n.put("error", failure.error());
        n.put("exitCode", failure.exitCode());
        String text = n.toPrettyString();
        AtomicFiles.writeDirectory(dir(failure.taskId()), true,
                d -> Files.writeString(d.resolve(ERROR), text, StandardCharsets.UTF_8));
    }
}
