package dev.lipschitzw1.generator.external;

/**
 * How an imported generator's raw output y is mapped to pixel values in [0, 1]:
 * <pre>  UNIT:  x = y             (sigmoid-style output, y ∈ [0, 1])
 *   TANH:  x = (y + 1) / 2   (tanh-style output, y ∈ [−1, 1])
 *   AUTO:  decided once from a probe batch of {@link #PROBE_SIZE} latents (seeded): UNIT when every probe value lies
 *          in [−τ, 1 + τ]; else TANH when every value lies in [−1 − τ, 1 + τ]; else the import fails.  </pre>
 * τ = {@link #TOLERANCE}. After mapping, every value of every batch must lie in [−τ, 1 + τ] and is then clamped to
 * [0, 1]; a value further out (or NaN) fails sampling with a typed error, so a mis-detected range cannot pass
 * silently. AUTO can only see the probe: a generator whose outputs are all non-negative but meant as tanh-range would
 * be taken as UNIT; state the range explicitly ({@code range=tanh}) when it matters.
 */
public enum OutputRange {
    /** Decide from the probe batch (see the class comment). */
    AUTO,
    /** Identity: the model outputs [0, 1]. */
    UNIT,
    /** (y + 1)/2: the model outputs [−1, 1]. */
    TANH;

    /** Slack τ on the range checks: 1e-4 (float32 rounding of sigmoid/tanh outputs stays far below). */
    public static final double TOLERANCE = 1e-4;
    /** Latents in the probe batch: 64. */
    public static final int PROBE_SIZE = 64;

    /** The detected range of raw values [min, max] under AUTO, or null when neither rule fits. */
    static OutputRange detect(double min, double max) {
        if (min >= -TOLERANCE && max <= 1 + TOLERANCE) {
            return UNIT;
        }
        if (min >= -1 - TOLERANCE && max <= 1 + TOLERANCE) {
            return TANH;
        }
        return null;
    }
}
