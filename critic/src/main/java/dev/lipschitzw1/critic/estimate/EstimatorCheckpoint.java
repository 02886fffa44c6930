package dev.lipschitzw1.critic.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.CriticTrainer;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.files.AtomicFiles;
import dev.lipschitzw1.json.JsonMappers;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The estimator's state on disk, one directory replaced atomically after every epoch:
 * <pre>
 *   state.json    config, sources, finished seeds, run and next epoch, best-so-far, learning curve
 *   critic.zip    the critic being trained (Critic.save)
 *   trainer.bin   the optimiser's state (moments, step count)
 *   best.bin      the parameters of the best epoch so far
 * </pre>
 * Batches are drawn from per-epoch seeded streams, so no generator state needs saving.
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

    EstimatorCheckpoint(Path dir, EstimatorConfig config, String pName, String qName) {
        this.dir = dir;
        this.configJson = config.toJson();
        this.pName = pName;
        this.qName = qName;
    }

    /** Where the estimator stands: finished seeds, the floor if done, and the run in progress. */
    record State(List<SeedEstimate> completed, SeedEstimate floor, int run, int nextEpoch, double bestValidation,
                 int bestEpoch, List<EpochRecord> curve) {
        State {
            completed = List.copyOf(completed);
            curve = List.copyOf(curve);
        }

        static State fresh() {
            return new State(List.of(), null, -1, 0, Double.NEGATIVE_INFINITY, -1, List.of());
        }
    }

    /** The run in progress, as it was saved. */
    record Restored(Critic critic, CriticTrainer trainer, Map<String, INDArray> best) { }

    /**
     * The saved state, or a fresh one when the directory holds none.
     *
     * @throws InvalidConfigException if the checkpoint belongs to another configuration or other sources
     */
    State loadOrFresh() {
        try {
            AtomicFiles.recoverDirectory(dir);
            Path file = dir.resolve(STATE);
            if (!Files.isRegularFile(file)) {
                return State.fresh();
            }
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
            return JSON.treeToValue(root.path("state"), State.class);
        } catch (IOException e) {
            throw new CorruptDataException(dir.resolve(STATE), -1, "checkpoint state", e.getMessage(),
                    "a state.json written by this estimator", e);
        }
    }

    /** Replaces the checkpoint with this state (and the run's critic, optimiser and best parameters, if given). */
    void save(State state, Critic critic, CriticTrainer trainer, Map<String, INDArray> best) {
        AtomicFiles.writeDirectory(dir, true, tmp -> {
            ObjectNode root = JSON.createObjectNode();
            root.put("config", configJson);
            root.put("p", pName);
            root.put("q", qName);
            root.set("state", JSON.valueToTree(state));
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(STATE).toFile(), root);
            if (critic != null) {
                critic.save(tmp.resolve(CRITIC));
                writeArrays(tmp.resolve(TRAINER), trainer.state());
                writeArrays(tmp.resolve(BEST), best);
            }
        });
    }

    /** The critic, optimiser and best parameters of the run in progress. */
    Restored restore(EstimatorConfig config) {
        Critic critic = Critic.load(dir.resolve(CRITIC));
        CriticTrainer trainer = new CriticTrainer(critic, config.optimiser());
        trainer.restoreState(readArrays(dir.resolve(TRAINER)));
        return new Restored(critic, trainer, readArrays(dir.resolve(BEST)));
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
