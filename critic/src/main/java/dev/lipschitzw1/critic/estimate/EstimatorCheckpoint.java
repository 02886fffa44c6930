package dev.lipschitzw1.critic.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.CriticTrainer;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.CheckpointMismatchException;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.files.AtomicFiles;
import dev.lipschitzw1.files.Container;
import dev.lipschitzw1.files.ContainerManifest;
import dev.lipschitzw1.json.JsonMappers;
import dev.lipschitzw1.provenance.SourceDigest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The estimator's state on disk: the finished runs in one file, and each run in progress in a directory of its own,
 * so that runs trained at once (on several workers) checkpoint independently:
 * <pre>
 *   state.json         config, sources, finished seeds, the floor if finished      (replaced atomically per finished run)
 *   run-R/state.json   run R's next epoch, best-so-far and learning curve           (run-R replaced atomically per epoch)
 *   run-R/critic.zip   the critic being trained (Critic.save)
 *   run-R/trainer.bin  the optimiser's state (moments, step count)
 *   run-R/best.bin     the parameters and layer state of the best epoch so far
 * </pre>
 * A run's directory is deleted once the run is recorded as finished; one left over from a kill between the two is
 * ignored. Batches are drawn from per-epoch seeded streams, so no generator state needs saving. A checkpoint of the
 * earlier single-run layout (the run in progress at the top level) keeps its finished seeds; its run in progress
 * starts again.
 */
final class EstimatorCheckpoint {
    private static final ObjectMapper JSON = JsonMappers.create();
    private static final String STATE = "state.json";
    private static final String CRITIC = "critic.zip";
    private static final String TRAINER = "trainer.bin";
    private static final String BEST = "best.bin";

    private final Path dir;
    private final String configJson;
    private final String pName;
    private final String qName;
    private final List<SeedEstimate> completed = new ArrayList<>();
    private SeedEstimate floor;

    EstimatorCheckpoint(Path dir, EstimatorConfig config, String pName, String qName) {
        this.dir = dir;
        this.configJson = config.toJson();
        this.pName = pName;
        this.qName = qName;
    }

    /** The checkpoint directory's {@link ContainerManifest} format. */
    static final String FORMAT = "lipschitz-w1-estimator-checkpoint";

    /**
     * Records the data in the directory's {@value ContainerManifest#ENTRY} (a directory {@link Container}) — or, when
     * the checkpoint already has one, checks that the data are the same images it was started on.
     *
     * @throws CheckpointMismatchException naming the source whose data changed since the checkpoint was written
     */
    synchronized void recordSources(List<SourceDigest> sources) {
        Path file = dir.resolve(ContainerManifest.ENTRY);
        if (Files.isRegularFile(file)) {
            ContainerManifest before;
            try {
                before = ContainerManifest.parse(Files.readAllBytes(file), file);
            } catch (IOException e) {
                throw new DataIoException(file, "read", e);
            }
            before.require(FORMAT, 1, file);
            for (int i = 0; i < Math.min(before.sources().size(), sources.size()); i++) {
                SourceDigest was = before.sources().get(i);
                SourceDigest now = sources.get(i);
                if (!was.sha256().equals(now.sha256())) {
                    throw new CheckpointMismatchException(dir, now.name(), "SHA-256 " + now.sha256() + " ("
                            + now.covers() + ")", "the data the checkpoint was started on, SHA-256 " + was.sha256()
                            + " (" + was.covers() + ")");
                }
            }
            return;
        }
        Container.writeManifest(dir, ContainerManifest.current(FORMAT, 1, sources));
    }

    /** The finished runs: seeds (by seed index) and the floor (null if not finished). */
    record Finished(List<SeedEstimate> seeds, SeedEstimate floor) {
        Finished {
            seeds = List.copyOf(seeds);
        }
    }

    /** Where a run in progress stands after its last finished epoch. */
    record RunState(int run, int nextEpoch, double bestValidation, int bestEpoch, List<EpochRecord> curve) {
        RunState {
            curve = List.copyOf(curve);
        }
    }

    /** A run in progress as it was saved. */
    record Restored(RunState state, Critic critic, CriticTrainer trainer, Map<String, INDArray> best) { }

    /**
     * Reads the finished runs (none when the directory holds no state) and remembers them for {@link #finish}.
     *
     * @throws InvalidConfigException if the checkpoint belongs to another configuration or other sources
     */
    synchronized Finished load() {
        try {
            AtomicFiles.recoverDirectory(dir);
            Path file = dir.resolve(STATE);
            completed.clear();
            floor = null;
            if (!Files.isRegularFile(file)) {
                return new Finished(completed, null);
            }
            JsonNode root = readChecked(file);
            JsonNode state = root.path("state");
            for (JsonNode s : state.path("completed")) {
                completed.add(JSON.treeToValue(s, SeedEstimate.class));
            }
            if (state.hasNonNull("floor")) {
                floor = JSON.treeToValue(state.get("floor"), SeedEstimate.class);
            }
            return new Finished(completed, floor);
        } catch (IOException e) {
            throw new CorruptDataException(dir.resolve(STATE), -1, "checkpoint state", e.getMessage(),
                    "a state.json written by this estimator", e);
        }
    }

    /**
     * Records run {@code estimate.seedIndex()} as finished ({@code isFloor}: the same-distribution floor), then
     * deletes its directory. Thread-safe: workers finish runs concurrently.
     */
    synchronized void finish(SeedEstimate estimate, boolean isFloor) {
        if (isFloor) {
            floor = estimate;
        } else {
            completed.removeIf(s -> s.seedIndex() == estimate.seedIndex());
            completed.add(estimate);
            completed.sort(Comparator.comparingInt(SeedEstimate::seedIndex));
        }
        AtomicFiles.write(dir.resolve(STATE), tmp -> {
            ObjectNode root = header();
            ObjectNode state = root.putObject("state");
            state.set("completed", JSON.valueToTree(completed));
            state.set("floor", JSON.valueToTree(floor));
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
        });
        try {
            AtomicFiles.deleteRecursively(runDir(estimate.seedIndex()));
        } catch (IOException e) {
            throw new DataIoException(runDir(estimate.seedIndex()), "delete the finished run's checkpoint", e);
        }
    }

    /** Replaces run {@code state.run()}'s directory with this state, critic, optimiser and best parameters. */
    void save(RunState state, Critic critic, CriticTrainer trainer, Map<String, INDArray> best) {
        AtomicFiles.writeDirectory(runDir(state.run()), true, tmp -> {
            ObjectNode root = header();
            root.set("run", JSON.valueToTree(state));
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(STATE).toFile(), root);
            critic.save(tmp.resolve(CRITIC));
            writeArrays(tmp.resolve(TRAINER), trainer.state());
            writeArrays(tmp.resolve(BEST), best);
        });
    }

    /** Run {@code run} as last saved, if it was saved after an epoch and is not finished. */
    Optional<Restored> restore(int run, EstimatorConfig config) {
        Path runDir = runDir(run);
        try {
            AtomicFiles.recoverDirectory(runDir);
            Path file = runDir.resolve(STATE);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            RunState state = JSON.treeToValue(readChecked(file).path("run"), RunState.class);
            if (state.run() != run || state.nextEpoch() <= 0) {
                return Optional.empty();
            }
            Critic critic = Critic.load(runDir.resolve(CRITIC));
            CriticTrainer trainer = new CriticTrainer(critic, config.optimiser());
            trainer.restoreState(readArrays(runDir.resolve(TRAINER)));
            return Optional.of(new Restored(state, critic, trainer, readArrays(runDir.resolve(BEST))));
        } catch (IOException e) {
            throw new CorruptDataException(runDir.resolve(STATE), -1, "checkpoint state of run " + run,
                    e.getMessage(), "a state.json written by this estimator", e);
        }
    }

    private Path runDir(int run) {
        return dir.resolve("run-" + run);
    }

    private ObjectNode header() {
        ObjectNode root = JSON.createObjectNode();
        root.put("config", configJson);
        root.put("p", pName);
        root.put("q", qName);
        return root;
    }

    /** The state file's JSON, after checking that it belongs to this configuration and these sources. */
    private JsonNode readChecked(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        String savedConfig = root.path("config").asText();
        if (!JSON.readTree(savedConfig).equals(JSON.readTree(configJson))) {
            throw new InvalidConfigException("checkpoint " + dir, "another configuration",
                    "a checkpoint of the same configuration (start a new output directory to change settings)");
        }
        if (!pName.equals(root.path("p").asText()) || !qName.equals(root.path("q").asText())) {
            throw new InvalidConfigException("checkpoint " + dir, root.path("p").asText() + " vs "
                    + root.path("q").asText(), pName + " vs " + qName + " (the sources it was started with)");
        }
        return root;
    }

    private static void writeArrays(Path file, Map<String, INDArray> arrays) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(arrays.size());
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                Nd4j.write(e.getValue(), out);
            }
        }
    }

    private static Map<String, INDArray> readArrays(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            if (n < 0 || n > 100_000) {
                throw new CorruptDataException(file, 0, "array count", Integer.toString(n), "0 to 100000");
            }
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                arrays.put(name, Nd4j.read(in));
            }
            return arrays;
        } catch (IOException e) {
            throw new DataIoException(file, "read checkpoint arrays from", e);
        }
    }
}
