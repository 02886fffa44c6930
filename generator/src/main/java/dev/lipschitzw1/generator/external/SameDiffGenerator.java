package dev.lipschitzw1.generator.external;

import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.SourceNotFoundException;
import dev.lipschitzw1.files.AtomicFiles;
import dev.lipschitzw1.generator.DcganGenerator;
import dev.lipschitzw1.generator.LatentModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.Variable;

/**
 * A user's generator saved in SameDiff's own file format ({@code SameDiff.save(file, false)}, FlatBuffers), loaded
 * with {@code SameDiff.load}. Expected layout, as {@link #save} writes it:
 * <pre>
 *   placeholder  z       float32 [-1, d]          latents z ~ N(0, I_d)   (any name if it is the only placeholder)
 *   variable     images  float32 [-1, C, H, W]    pixel values in [0, 1] or [−1, 1]
 * </pre>
 * The input is the graph's only placeholder (or {@code input=NAME}); the output is the variable {@code images}, else
 * the only computed variable that no op consumes (or {@code output=NAME}). The output is checked and mapped as for
 * ONNX ({@link GraphGenerator}, {@link OutputRange}).
 */
public final class SameDiffGenerator {
    /** The output name looked for first. */
    public static final String DEFAULT_OUTPUT = DcganGenerator.OUTPUT;

    private SameDiffGenerator() {
    }

    /**
     * Loads and probes a SameDiff generator.
     *
     * @throws SourceNotFoundException if the file does not exist
     * @throws CorruptDataException if SameDiff cannot read it (truncated, damaged, another format)
     * @throws ModelImportException if it is a graph but not a usable generator
     */
    public static LatentModel load(Path file, ImportOptions options) {
        if (!Files.exists(file)) {
            throw new SourceNotFoundException(file.toString(), file + " does not exist",
                    "give the path of a file written by SameDiff.save(file, false)");
        }
        if (!Files.isRegularFile(file)) {
            throw new CorruptDataException(file, -1, "file type", "not a regular file", "a SameDiff model file");
        }
        SameDiff sd;
        try {
            sd = SameDiff.load(file.toFile(), false);
        } catch (RuntimeException | AssertionError e) {
            throw new CorruptDataException(file, -1, "SameDiff FlatBuffers model", "unreadable (" + e + ")",
                    "a file written by SameDiff.save(file, false); it is truncated, damaged or of another format", e);
        }
        if (sd == null || sd.variables().isEmpty()) {
            throw new CorruptDataException(file, -1, "SameDiff graph", "empty", "a SameDiff model with variables");
        }
        List<String> placeholders = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.PLACEHOLDER) {
                placeholders.add(v.name());
            }
        }
        String input = options.inputName();
        if (input == null) {
            if (placeholders.size() != 1) {
                throw new ModelImportException(file, "the graph has " + placeholders.size() + " placeholders "
                        + placeholders + ", expected one latent input", "choose with input=NAME");
            }
            input = placeholders.get(0);
        } else if (!placeholders.contains(input)) {
            throw new ModelImportException(file, "no placeholder named '" + input + "' (has " + placeholders + ")",
                    "give one of them with input=NAME");
        }
        long[] inShape = sd.getVariable(input).getShape();
        if (inShape == null || inShape.length != 2) {
            throw new ModelImportException(file, "placeholder '" + input + "' has shape " + java.util.Arrays.toString(
                    inShape) + ", expected latents [-1, d]", "give the latent input with input=NAME");
        }
        int latent;
        if (options.latentSize() != null) {
            if (inShape[1] > 0 && inShape[1] != options.latentSize()) {
                throw new ModelImportException(file, "placeholder '" + input + "' takes latents of size " + inShape[1]
                        + ", given latent=" + options.latentSize(), "drop latent= or give " + inShape[1]);
            }
            latent = options.latentSize();
        } else if (inShape[1] > 0) {
            latent = (int) inShape[1];
        } else {
            throw new ModelImportException(file, "placeholder '" + input + "' has no fixed latent size",
                    "give latent=N");
        }
        return GraphGenerator.probe(file, sd, input, output(file, sd, options.outputName()), latent, options.shape(),
                options.range());
    }

    private static String output(Path file, SameDiff sd, String given) {
        if (given != null) {
            if (!sd.hasVariable(given)) {
                throw new ModelImportException(file, "no variable named '" + given + "'", "give output=NAME of the "
                        + "image variable");
            }
            return given;
        }
        if (sd.hasVariable(DEFAULT_OUTPUT)) {
            return DEFAULT_OUTPUT;
        }
        List<String> leaves = new ArrayList<>();
        for (Variable v : sd.getVariables().values()) {
            boolean computed = v.getVariable().getVariableType() == VariableType.ARRAY;
            boolean consumed = v.getInputsForOp() != null && !v.getInputsForOp().isEmpty();
            if (computed && !consumed) {
                leaves.add(v.getName());
            }
        }
        if (leaves.size() != 1) {
            throw new ModelImportException(file, "no variable '" + DEFAULT_OUTPUT + "' and " + leaves.size()
                    + " unconsumed outputs " + leaves, "choose the image output with output=NAME");
        }
        return leaves.get(0);
    }

    /** Saves a DCGAN generator in the layout {@link #load} expects (placeholder {@code z}, output {@code images}). */
    public static void save(DcganGenerator generator, Path file) {
        SameDiff sd = generator.toSameDiff();
        AtomicFiles.write(file, tmp -> sd.save(tmp.toFile(), false));
    }
}
