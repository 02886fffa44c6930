package dev.lipschitzw1.experiments.sweep;

/**
 * One (P, Q) pair of a sweep.
 *
 * @param pIndex     P's position in the spec (0-based)
 * @param qIndex     Q's position in the expanded Q list (checkpoint directories expanded)
 * @param p          P's source
 * @param q          Q's source
 * @param checkpoints the {@code checkpoints:DIR} entry Q comes from, or null for a source named directly
 * @param step       Q's training step when it comes from a checkpoint directory, else null
 */
public record SweepPair(int pIndex, int qIndex, String p, String q, String checkpoints, Long step) {
    /** "P vs Q" for tables. */
    public String label() {
        return p + " vs " + q;
    }
}
