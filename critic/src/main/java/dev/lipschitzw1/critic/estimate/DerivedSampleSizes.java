package dev.lipschitzw1.critic.estimate;

import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.List;
import java.util.Locale;

/**
 * How an estimator config's validation and test sizes (per side) were derived from a finite source too small for the
 * preset's sizes (docs/decisions.md, 20). With n the size of the smallest finite source ({@link ImageSet}) among P and
 * Q and v₀, t₀ the preset's sizes:
 * <pre>
 *   S = v₀ + t₀
 *   2·S ≤ n:   v = v₀,  t = t₀                            the preset's sizes fit, half of the set or more left
 *   2·S > n:   v = ⌊v₀·n / (2S)⌋,  t = ⌊t₀·n / (2S)⌋      scaled: v + t ≤ n / 2, the rest for training
 *              each derived size ≥ {@link #MINIMUM} = 50, else InvalidConfigException naming the source and n
 * </pre>
 * A size given explicitly is used as given (only the other one is derived); a sampleable model never constrains the
 * sizes. For the quick preset (1,000 / 2,000) a source of fewer than 6,000 images gets derived sizes (400 images:
 * 66 / 133) and the smallest accepted is 300 images (50 / 100); for the paper preset (6,400 / 6,400), fewer than 25,600
 * (10,000: 2,500 / 2,500), at least 200. The same-distribution floor halves P and the sizes, so it fits too:
 * v / 2 + t / 2 + 2 ≤ n / 4 + 2 ≤ n_P / 2 for n ≥ 8.
 *
 * @param source           the name of the smallest finite source
 * @param sourceSize       its number of images n
 * @param presetValidation v₀, the preset's validation size
 * @param presetTest       t₀, the preset's test size
 * @param validation       whether validationSize was derived (false: given explicitly)
 * @param test             whether testSize was derived (false: given explicitly)
 */
public record DerivedSampleSizes(String source, int sourceSize, int presetValidation, int presetTest,
                                 boolean validation, boolean test) {
    /**
     * The smallest derived validation or test size: below it the held-out estimate's sampling noise, about
     * σ_f·√(2 / t), is a large part of any W1 worth measuring (docs/estimator.md), and selection is noise.
     */
    public static final int MINIMUM = 50;

    public DerivedSampleSizes {
        InvalidConfigException.require(source != null && !source.isBlank(), "derivedSizes.source", source, "a name");
        InvalidConfigException.require(validation || test, "derivedSizes", "nothing derived",
                "validation or test derived (null when neither is)");
        InvalidConfigException.require(sourceSize >= 1, "derivedSizes.sourceSize", sourceSize, "≥ 1");
        InvalidConfigException.require(presetValidation >= 1 && presetTest >= 1, "derivedSizes.preset",
                presetValidation + " / " + presetTest, "sizes ≥ 1");
    }

    /**
     * {@code preset} with its validation and test sizes fitted to {@code sources} by the rule above; {@code validation}
     * and {@code test} are the sizes given explicitly, {@code null} where none was given. The result's
     * {@link EstimatorConfig#derivedSizes()} says what was derived, null when nothing was.
     *
     * @param preset the preset (with any other overrides): its sizes are v₀ and t₀
     * @throws InvalidConfigException if a derived size would be below {@link #MINIMUM}, naming the source, its size
     *                                and the smallest size that works
     */
    public static EstimatorConfig fit(EstimatorConfig preset, Integer validation, Integer test,
                                      List<ImageDistribution> sources) {
        int v0 = preset.validationSize();
        int t0 = preset.testSize();
        EstimatorConfig asGiven = preset.withSamples(preset.batchSize(), validation != null ? validation : v0,
                test != null ? test : t0);
        ImageSet smallest = null;
        for (ImageDistribution d : sources) {
            if (d instanceof ImageSet set && (smallest == null || set.size() < smallest.size())) {
                smallest = set;
            }
        }
        long s = (long) v0 + t0;
        if (smallest == null || (validation != null && test != null) || 2 * s <= smallest.size()) {
            return asGiven;
        }
        int n = smallest.size();
        int v = validation != null ? validation : scaled(v0, n, s);
        int t = test != null ? test : scaled(t0, n, s);
        if ((validation == null && v < MINIMUM) || (test == null && t < MINIMUM)) {
            long needed = Math.min(2 * s, Math.max(validation == null ? ceilDiv(2L * MINIMUM * s, v0) : 0,
                    test == null ? ceilDiv(2L * MINIMUM * s, t0) : 0));
            throw new InvalidConfigException("samples of " + smallest.name(), n + " images", String.format(Locale.ROOT,
                    "at least %d images, so that the validation and test sizes derived from it (the preset's %d / %d "
                            + "per side scaled to leave half of it for training: here %d / %d) are ≥ %d each; or "
                            + "give --validation-size and --test-size", needed, v0, t0, v, t, MINIMUM));
        }
        return asGiven.withDerivedSamples(v, t, new DerivedSampleSizes(smallest.name(), n, v0, t0,
                validation == null, test == null));
    }

    /** ⌊size·n / (2S)⌋ in exact integer arithmetic. */
    private static int scaled(int size, int n, long s) {
        return (int) ((long) size * n / (2 * s));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** One sentence for reports: the sizes used, which were derived and from what. */
    public String describe(int validationSize, int testSize) {
        String which = validation && test ? "both" : validation ? "the validation size" : "the test size";
        return String.format(Locale.ROOT, "Validation %d / test %d images per side: %s derived from the smallest "
                        + "finite source %s (%d images), the preset's %d / %d scaled to leave half of it for training "
                        + "(docs/estimator.md; --validation-size / --test-size override).", validationSize, testSize,
                which, source, sourceSize, presetValidation, presetTest);
    }
}
