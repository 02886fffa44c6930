package dev.lipschitzw1.generator.external;

import dev.lipschitzw1.errors.W1Exception;
import java.nio.file.Path;

/**
 * A model file that could be read but is not a usable generator: an op the importer cannot map, no latent input, an
 * output that is not an image of the declared shape, values outside both accepted ranges. The message reads
 * {@code FILE: PROBLEM; WHAT TO DO}.
 */
public final class ModelImportException extends W1Exception {
    private final transient Path file;
    private final String problem;

    public ModelImportException(Path file, String problem, String advice) {
        this(file, problem, advice, null);
    }

    public ModelImportException(Path file, String problem, String advice, Throwable cause) {
        super(file + ": " + problem + (advice == null || advice.isEmpty() ? "" : "; " + advice), cause);
        this.file = file;
        this.problem = problem;
    }

    /** The model file. */
    public Path file() {
        return file;
    }

    /** What is wrong, without the file name and the advice. */
    public String problem() {
        return problem;
    }
}
