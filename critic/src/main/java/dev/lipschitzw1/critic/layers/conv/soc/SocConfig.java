package dev.lipschitzw1.critic.layers.conv.soc;

import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * Settings of a skew-orthogonal convolution ({@link SocConv2d}): the number of Taylor terms of exp(L) in training and
 * in evaluation (and export), and the norm the skew kernel is scaled to.
 *
 * @param trainTerms T during training steps
 * @param evalTerms  T for evaluation, export and certification
 * @param correction κ: L is scaled so that its ℓ1 operator norm, an upper bound of ‖L‖₂, is κ
 */
public record SocConfig(int trainTerms, int evalTerms, double correction) {

    /**
     * The authors' defaults (Singla &amp; Feizi's {@code SOC}: 5 training terms, 12 evaluation terms, correction 0.7).
     * With ‖L‖₂ ≤ 0.7 the evaluation series' tail is below 0.7¹³/13!·e^0.7 ≈ 3e-12.
     */
    public static final SocConfig DEFAULT = new SocConfig(5, 12, 0.7);

    /** @throws InvalidConfigException naming the first field out of range */
    public SocConfig {
        InvalidConfigException.require(trainTerms >= 1 && trainTerms <= 30, "soc.trainTerms", trainTerms, "in 1…30");
        InvalidConfigException.require(evalTerms >= 1 && evalTerms <= 30, "soc.evalTerms", evalTerms, "in 1…30");
        InvalidConfigException.require(correction > 0 && correction <= 1, "soc.correction", correction, "in (0, 1]");
    }

    /** These settings with T terms in training and in evaluation. */
    public SocConfig withTerms(int terms) {
        return new SocConfig(terms, terms, correction);
    }
}
