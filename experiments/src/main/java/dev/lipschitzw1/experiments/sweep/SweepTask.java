package dev.lipschitzw1.experiments.sweep;

import java.util.Locale;

/**
 * One estimator run of a sweep: seed {@code seedIndex} of critic {@code critic} on {@code pair}. Its id,
 * {@code p<i>-q<j>-<critic>-s<k>} (1-based, zero-padded), names its directory {@code OUT/tasks/<id>} and is stable
 * for an unchanged spec (the spec is saved with the sweep, and a resumed sweep reads it back).
 *
 * @param pair      the (P, Q) pair
 * @param critic    the critic's name ({@code CriticKind.id()})
 * @param seedIndex the seed, 0-based: seed k of the estimate with the spec's seeds and root seed
 */
public record SweepTask(SweepPair pair, String critic, int seedIndex) {
    /** The stable id, e.g. {@code p01-q003-bcop-s02}. */
    public String id() {
        return String.format(Locale.ROOT, "p%02d-q%03d-%s-s%02d", pair.pIndex() + 1, pair.qIndex() + 1, critic,
                seedIndex + 1);
    }
}
