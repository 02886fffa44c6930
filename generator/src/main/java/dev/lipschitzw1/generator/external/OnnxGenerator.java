package dev.lipschitzw1.generator.external;

import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.SourceNotFoundException;
import dev.lipschitzw1.generator.LatentModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import onnx.Onnx;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.samediff.frameworkimport.onnx.importer.OnnxFrameworkImporter;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/**
 * A user's generator given as an ONNX graph, imported into SameDiff with {@code org.nd4j:samediff-import-onnx}
 * 1.0.0-M2.1. Import rules (docs/generators.md):
 * <ol>
 *   <li>The graph has one latent input [N, d] (its name and d are read from the graph, or given) and one image
 *       output [N, C, H, W] (read, or given by name); an output whose static rank is not 4 is refused before import.</li>
 *   <li>Every op must have a mapping in samediff-import-onnx; the graph is refused before import, naming the ops that
 *       have none. Notably there is no {@code ConvTranspose}: export upsampling as {@code Resize} (nearest) +
 *       {@code Conv}, or as {@code DepthToSpace}.</li>
 *   <li>Constant nodes and Gemm biases are rewritten first ({@link OnnxGraphRewriter}), since the importer gets them
 *       wrong.</li>
 *   <li>A seeded probe batch of 64 latents must give images of the declared (or static) shape, with no NaN, in
 *       [0, 1] or [−1, 1]; the range rule ({@link OutputRange}) maps them to [0, 1].</li>
 * </ol>
 * Checked against PyTorch's outputs to 1e-5 on the committed fixture (OnnxGeneratorTest).
 */
public final class OnnxGenerator {
    /** Largest ONNX file read: 2 GiB (protobuf's limit). */
    public static final long MAX_BYTES = Integer.MAX_VALUE;

    private OnnxGenerator() {
    }

    /**
     * Imports and probes an ONNX generator.
     *
     * @throws SourceNotFoundException if the file does not exist
     * @throws CorruptDataException if it is not a parseable ONNX model, or holds no graph
     * @throws ModelImportException if it is a model but not a usable generator (class comment)
     */
    public static LatentModel load(Path file, ImportOptions options) {
        Onnx.ModelProto model = parse(file);
        Onnx.GraphProto graph = model.getGraph();
        Set<String> initialisers = new HashSet<>();
        graph.getInitializerList().forEach(t -> initialisers.add(t.getName()));
        List<Onnx.ValueInfoProto> inputs = new ArrayList<>();
        for (Onnx.ValueInfoProto v : graph.getInputList()) {
            if (!initialisers.contains(v.getName())) {
                inputs.add(v);
            }
        }
        Onnx.ValueInfoProto input = pick(file, inputs, options.inputName(), "input", "input=NAME");
        long[] inShape = staticShape(input);
        if (inShape.length != 2) {
            throw new ModelImportException(file, "input '" + input.getName() + "' has rank " + inShape.length
                    + ", expected latents [N, d]", "give the latent input with input=NAME");
        }
        int latent = latentSize(file, input.getName(), inShape[1], options.latentSize());
        Onnx.ValueInfoProto output = pick(file, graph.getOutputList(), options.outputName(), "output", "output=NAME");
        long[] outShape = staticShape(output);
        if (outShape.length != 4) {
            throw new ModelImportException(file, "output '" + output.getName() + "' has rank " + outShape.length
                    + " " + describe(outShape) + ", not an image batch [N, C, H, W]", "give the image output with "
                    + "output=NAME");
        }
        ImageShape declared = options.shape();
        if (declared != null) {
            int[] want = declared.toArray();
            for (int i = 0; i < 3; i++) {
                if (outShape[i + 1] > 0 && outShape[i + 1] != want[i]) {
                    throw new ModelImportException(file, "output '" + output.getName() + "' is " + describe(outShape)
                            + ", declared images of " + declared, "declare the graph's shape or pick another output");
                }
            }
        } else if (outShape[1] > 0 && outShape[2] > 0 && outShape[3] > 0) {
            declared = new ImageShape((int) outShape[1], (int) outShape[2], (int) outShape[3]);
        }
        OnnxFrameworkImporter importer = QuietStdout.callSilenced(OnnxFrameworkImporter::new);
        Set<String> unsupported = new TreeSet<>();
        for (Onnx.NodeProto node : graph.getNodeList()) {
            if (!node.getOpType().equals("Constant") && !importer.getRegistry().hasMappingOpProcess(node.getOpType())) {
                unsupported.add(node.getOpType());
            }
        }
        if (!unsupported.isEmpty()) {
            throw new ModelImportException(file, "ops without a samediff-import-onnx 1.0.0-M2.1 mapping: "
                    + String.join(", ", unsupported), unsupported.contains("ConvTranspose")
                    ? "export upsampling as Resize (nearest) + Conv instead of ConvTranspose" : "re-export without them");
        }
        SameDiff sd = importGraph(file, importer, OnnxGraphRewriter.rewrite(model, file));
        return GraphGenerator.probe(file, sd, input.getName(), output.getName(), latent, declared, options.range());
    }

    private static Onnx.ModelProto parse(Path file) {
        if (!Files.exists(file)) {
            throw new SourceNotFoundException(file.toString(), file + " does not exist", "give the path of an .onnx "
                    + "file");
        }
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new CorruptDataException(file, -1, "file type", "not a regular file", "an ONNX model");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new CorruptDataException(file, -1, "size", Files.size(file) + " bytes", "at most " + MAX_BYTES);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataIoException(file, "read", e);
        }
        Onnx.ModelProto model;
        try {
            model = Onnx.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptDataException(file, -1, "ONNX protobuf", "unparseable (" + e.getMessage() + ")",
                    "an ONNX model; the file is truncated, damaged or of another format", e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0 || model.getGraph().getOutputCount() == 0) {
            throw new CorruptDataException(file, -1, "ONNX graph", "absent or empty", "an ONNX model with a graph "
                    + "(is this file of another format?)");
        }
        return model;
    }

    private static SameDiff importGraph(Path file, OnnxFrameworkImporter importer, Onnx.ModelProto model) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("lipschitz-w1-import", ".onnx");
            Files.write(tmp, model.toByteArray());
            String name = tmp.toString();
            return QuietStdout.callSilenced(() -> importer.runImport(name, Collections.emptyMap(), false));
        } catch (IOException e) {
            throw new DataIoException(tmp == null ? Path.of(System.getProperty("java.io.tmpdir")) : tmp,
                    "write a temporary copy of " + file, e);
        } catch (RuntimeException e) {
            throw new ModelImportException(file, "samediff-import-onnx failed: " + e.getMessage(),
                    "see docs/generators.md for the ops that import", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // A leftover temporary file in java.io.tmpdir is harmless; the import result stands.
                }
            }
        }
    }

    private static Onnx.ValueInfoProto pick(Path file, List<Onnx.ValueInfoProto> values, String name, String what,
                                            String how) {
        if (name != null) {
            for (Onnx.ValueInfoProto v : values) {
                if (v.getName().equals(name)) {
                    return v;
                }
            }
            throw new ModelImportException(file, "no graph " + what + " named '" + name + "' (has " + names(values)
                    + ")", "give one of them with " + how);
        }
        if (values.size() != 1) {
            throw new ModelImportException(file, "the graph has " + values.size() + " " + what + "s " + names(values)
                    + ", expected one", "choose with " + how);
        }
        return values.get(0);
    }

    private static String names(List<Onnx.ValueInfoProto> values) {
        return values.stream().map(Onnx.ValueInfoProto::getName).toList().toString();
    }

    /** The static dims of a value, −1 where symbolic or unknown; empty when the rank is unknown. */
    private static long[] staticShape(Onnx.ValueInfoProto v) {
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return new long[0];
        }
        return v.getType().getTensorType().getShape().getDimList().stream()
                .mapToLong(d -> d.hasDimValue() ? d.getDimValue() : -1).toArray();
    }

    private static int latentSize(Path file, String input, long fromGraph, Integer given) {
        if (given != null) {
            if (fromGraph > 0 && fromGraph != given) {
                throw new ModelImportException(file, "input '" + input + "' takes latents of size " + fromGraph
                        + ", given latent=" + given, "drop latent= or give " + fromGraph);
            }
            return given;
        }
        if (fromGraph <= 0) {
            throw new ModelImportException(file, "input '" + input + "' has no fixed latent size", "give latent=N");
        }
        return (int) fromGraph;
    }

    private static String describe(long[] shape) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "?" : String.valueOf(shape[i]));
        }
        return b.append(']').toString();
    }
}
