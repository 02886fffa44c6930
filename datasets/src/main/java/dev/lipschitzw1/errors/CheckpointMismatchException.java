package dev.lipschitzw1.errors;

import java.nio.file.Path;

/**
 * A checkpoint that cannot be continued with the data given: a source's digest differs from the one the checkpoint
 * was started on. The checkpoint itself is intact and is never deleted because of this error: the user restores the
 * data (and resumes) or deletes the checkpoint (and starts afresh).
 */
public final class CheckpointMismatchException extends W1Exception {
    private final Path checkpoint;
    private final String source;

    /**
     * @param checkpoint the checkpoint directory
     * @param source     the source's name
     * @param found      what the source is now (its digest)
     * @param expected   what the checkpoint was started on
     */
    public CheckpointMismatchException(Path checkpoint, String source, String found, String expected) {
        super("checkpoint " + checkpoint + ", source " + source + ": found " + found + ", expected " + expected
                + "; the checkpoint is kept: resume with the data it was started on, or delete it to start afresh");
        this.checkpoint = checkpoint;
        this.source = source;
    }

    /** The checkpoint directory. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** The source whose data changed. */
    public String source() {
        return source;
    }
}
