package dev.lipschitzw1.dl4j.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.certify.Certificate;
import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.ConvOps;
import dev.lipschitzw1.critic.layers.PlainConv;
import dev.lipschitzw1.critic.layers.PlainDense;
import dev.lipschitzw1.critic.layers.PlainFixed;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.LayerCertification;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained critic exported as a plain DL4J network ({@link PlainGraphExporter}): a {@link ModelSerializer} zip of the
 * {@link ComputationGraph} (which any DL4J program loads with {@code ModelSerializer.restoreComputationGraph}), plus one
 * extra entry, the manifest {@value #MANIFEST}
 * <pre>  {"format": "lipschitz-w1-export", "version": 1, "config": {CriticConfig},
 *    "layers": [{"name", "type": conv|dense|fixed, "kind", "op", "inputShape", "arguments", "padding"}, …]}  </pre>
 * naming the materialised layers the graph was built from, without their weights. {@link #read} takes the weights from
 * the graph itself, rebuilds the layers, and checks that exporting them gives the file's graph configuration again, so
 * that a certificate of the file speaks about the network in it.
 */
public final class CriticExport {

    /** The manifest's key among the zip's added objects. */
    public static final String MANIFEST = "lipschitz-w1-export.json";
    static final String FORMAT = "lipschitz-w1-export";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An exported critic as read back.
     *
     * @param config the critic's configuration
     * @param graph  the plain network
     * @param layers the materialised layers, weights taken from the graph
     */
    public record Exported(CriticConfig config, ComputationGraph graph, List<PlainLayer> layers) {

        /** The exact certificate of the network in the file (the critic certifier on {@link #layers}). */
        public Certificate certify() {
            return LayerCertification.certify(layers);
        }
    }

    private CriticExport() {
    }

    /** Writes {@code critic} as a plain network to {@code file} atomically (in the critic's precision). */
    public static void write(Critic critic, Path file) {
        List<PlainLayer> layers = critic.materialise();
        ComputationGraph graph = PlainGraphExporter.export(layers, critic.config().precision().dataType());
        String manifest = manifest(critic.config(), layers);
        AtomicFiles.write(file, tmp -> {
            ModelSerializer.writeModel(graph, tmp.toFile(), false);
            ModelSerializer.addObjectToFile(tmp.toFile(), MANIFEST, manifest);
        });
    }

    /** Whether {@code file} is a zip holding an export manifest. */
    public static boolean isExport(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.stream().anyMatch(e -> e.getName().endsWith(MANIFEST));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads an export written by {@link #write}.
     *
     * @throws CorruptDataException naming the file if the manifest is missing or malformed, or the graph is not the
     *         one the manifest describes
     */
    public static Exported read(Path file) {
        String text;
        ComputationGraph graph;
        try {
            text = ModelSerializer.getObjectFromFile(file.toFile(), MANIFEST);
            graph = ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new CorruptDataException(file, 0, MANIFEST, String.valueOf(e.getMessage()),
                    "a plain-network export written by `w1 export` (a DL4J model zip with its manifest)", e);
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt() != 1) {
                throw new CorruptDataException(file, 0, "format", root.path("format") + " v" + root.path("version"),
                        FORMAT + " version 1");
            }
            CriticConfig config = CriticConfig.fromJson(root.get("config").toString());
            List<PlainLayer> layers = layers(root.get("layers"), graph);
            DataType dt = graph.params().dataType();
            String rebuilt = PlainGraphExporter.export(layers, dt).getConfiguration().toJson();
            String stored = graph.getConfiguration().toJson();
            if (!rebuilt.equals(stored)) {
                throw new CorruptDataException(file, 0, "configuration", "a graph other than the manifest's",
                        "the graph that the manifest's layers export to");
            }
            return new Exported(config, graph, layers);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CorruptDataException c) {
                throw c;
            }
            throw new CorruptDataException(file, 0, MANIFEST, String.valueOf(e.getMessage()),
                    "the manifest of `w1 export`", e);
        }
    }

    private static String manifest(CriticConfig config, List<PlainLayer> layers) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        try {
            root.set("config", JSON.readTree(config.toJson()));
        } catch (IOException e) {
            throw new IllegalStateException("CriticConfig.toJson is JSON", e);
        }
        ArrayNode a = root.putArray("layers");
        for (PlainLayer l : layers) {
            ObjectNode n = a.addObject();
            n.put("name", l.name());
            n.put("kind", l.kind());
            ArrayNode shape = n.putArray("inputShape");
            for (int d : l.inputShape()) {
                shape.add(d);
            }
            if (l instanceof PlainConv c) {
                n.put("type", "conv");
                n.put("padding", c.padding().name());
            } else if (l instanceof PlainDense) {
                n.put("type", "dense");
            } else {
                PlainFixed f = (PlainFixed) l;
                n.put("type", "fixed");
                n.put("op", f.op().name());
                ArrayNode args = n.putArray("arguments");
                for (double v : f.arguments()) {
                    args.add(v);
                }
            }
        }
        return root.toString();
    }

    /** The layers of the manifest with the graph's weights (the unshuffle's channel order undone in the next conv). */
    private static List<PlainLayer> layers(JsonNode manifest, ComputationGraph graph) {
        List<PlainLayer> out = new ArrayList<>();
        int[] permutation = null;
        for (JsonNode n : manifest) {
            String name = n.get("name").asText();
            int[] shape = new int[n.get("inputShape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = n.get("inputShape").get(i).asInt();
            }
            switch (n.get("type").asText()) {
                case "conv" -> {
                    out.add(conv(name, n.get("kind").asText(), graph, shape, Padding.valueOf(n.get("padding").asText()),
                            permutation));
                    permutation = null;
                }
                case "dense" -> out.add(dense(name, n.get("kind").asText(), graph));
                case "fixed" -> {
                    double[] args = new double[n.get("arguments").size()];
                    for (int i = 0; i < args.length; i++) {
                        args[i] = n.get("arguments").get(i).asDouble();
                    }
                    PlainFixed.Op op = PlainFixed.Op.valueOf(n.get("op").asText());
                    out.add(new PlainFixed(name, op, shape, args));
                    if (op == PlainFixed.Op.PIXEL_UNSHUFFLE) {
                        permutation = PlainGraphExporter.spaceToDepthOrder(shape[0], (int) args[0]);
                    }
                }
                default -> throw new IllegalArgumentException("layer type " + n.get("type"));
            }
        }
        return out;
    }

    private static PlainConv conv(String name, String kind, ComputationGraph graph, int[] shape, Padding padding,
                                  int[] permutation) {
        INDArray w = graph.getLayer(name).getParam("W");
        double[] v = ConvOps.toDoubles(w);
        int cout = (int) w.size(0);
        int cin = (int) w.size(1);
        int k = (int) w.size(2);
        double[][][][] kernel = new double[cout][cin][k][k];
        for (int o = 0; o < cout; o++) {
            for (int d = 0; d < cin; d++) {
                int target = permutation == null ? d : permutation[d];
                for (int p = 0; p < k; p++) {
                    System.arraycopy(v, ((o * cin + d) * k + p) * k, kernel[o][target][p], 0, k);
                }
            }
        }
        return new PlainConv(name, kind, kernel, bias(graph, name), shape, padding);
    }

    private static PlainDense dense(String name, String kind, ComputationGraph graph) {
        INDArray w = graph.getLayer(name).getParam("W");
        double[] v = ConvOps.toDoubles(w);
        int in = (int) w.size(0);
        int out = (int) w.size(1);
        double[][] m = new double[out][in];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                m[o][i] = v[i * out + o];
            }
        }
        return new PlainDense(name, kind, m, bias(graph, name));
    }

    private static double[] bias(ComputationGraph graph, String name) {
        return graph.getLayer(name).paramTable().containsKey("b") ? ConvOps.toDoubles(graph.getLayer(name).getParam("b"))
                : null;
    }
}
