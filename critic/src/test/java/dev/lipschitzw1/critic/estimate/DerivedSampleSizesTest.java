package dev.lipschitzw1.critic.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sample-size rule of {@link DerivedSampleSizes#fit} as a pure function. Oracles: the closed form
 * v = ⌊v₀·n / (2S)⌋, t = ⌊t₀·n / (2S)⌋ worked by hand for the quick preset (v₀ = 1,000, t₀ = 2,000, S = 3,000), and
 * the estimator's own split ({@link SampleSplits#of}), which refuses the preset's sizes on these sets and accepts the
 * derived ones.
 */
class DerivedSampleSizesTest {
    private static final EstimatorConfig QUICK = EstimatorConfig.quick(EstimatorTestData.SMALL);
    private static final ImageSet P400 = EstimatorTestData.randomImages("p400", 400, 0, 1);
    private static final ImageSet Q400 = EstimatorTestData.randomImages("q400", 400, 60, 2);

    /** A sampleable model: never constrains the sizes (its sample is never drawn here). */
    private static final ImageDistribution MODEL = new ImageDistribution() {
        @Override
        public ImageShape shape() {
            return EstimatorTestData.SMALL;
        }

        @Override
        public INDArray sample(int n, SplittableRandom rng) {
            throw new AssertionError("not sampled by fit");
        }

        @Override
        public String name() {
            return "model";
        }
    };

    @Test
    void fit_400ImagesPerSide_quickPreset_derives66And133_whichTheSplitAccepts() {
        assertThrows(InvalidConfigException.class, () -> SampleSplits.of(P400, QUICK.validationSize(),
                QUICK.testSize(), 5), "the preset's 1,000 / 2,000 do not fit 400 images");
        EstimatorConfig c = DerivedSampleSizes.fit(QUICK, null, null, List.of(P400, Q400));
        assertEquals(66, c.validationSize(), "⌊1000·400 / 6000⌋");
        assertEquals(133, c.testSize(), "⌊2000·400 / 6000⌋");
        assertEquals(new DerivedSampleSizes("p400", 400, 1000, 2000, true, true), c.derivedSizes());
        for (ImageSet side : List.of(P400, Q400)) {
            SampleSplits s = SampleSplits.of(side, c.validationSize(), c.testSize(), 5);
            assertEquals(400 - 66 - 133, s.trainSize(), side.name() + ": the rest is for training");
            assertTrue(s.trainSize() >= 200, "at least half of the set is left for training");
        }
        ImageSet.Split halves = P400.split(0.5, 3);
        SampleSplits.of(halves.train(), c.validationSize() / 2, c.testSize() / 2, 4);   // the floor's halves fit
        assertEquals(c, EstimatorConfig.fromJson(c.toJson()), "the derivation round-trips through the config JSON");
    }

    @Test
    void fit_smallestFiniteSourceDecides_andModelsNeverConstrain() {
        ImageSet big = EstimatorTestData.randomImages("big", 6000, 0, 3);
        EstimatorConfig c = DerivedSampleSizes.fit(QUICK, null, null, List.of(big, Q400));
        assertEquals("q400", c.derivedSizes().source(), "derived from the smaller side");
        assertEquals(List.of(66, 133), List.of(c.validationSize(), c.testSize()));
        EstimatorConfig withModel = DerivedSampleSizes.fit(QUICK, null, null, List.of(MODEL, P400));
        assertEquals("p400", withModel.derivedSizes().source(), "a model does not count as a size");
        EstimatorConfig models = DerivedSampleSizes.fit(QUICK, null, null, List.of(MODEL, MODEL));
        assertEquals(List.of(1000, 2000), List.of(models.validationSize(), models.testSize()), "models: the preset's");
        assertNull(models.derivedSizes());
    }

    /** Oracle: the boundary 2S = 6,000 images, where the preset's sizes leave exactly half for training. */
    @Test
    void fit_atTwiceThePresetSizes_keepsThePreset_oneImageFewerDerives() {
        ImageSet exact = EstimatorTestData.randomImages("n6000", 6000, 0, 4);
        EstimatorConfig kept = DerivedSampleSizes.fit(QUICK, null, null, List.of(exact));
        assertEquals(List.of(1000, 2000), List.of(kept.validationSize(), kept.testSize()));
        assertNull(kept.derivedSizes(), "nothing derived");
        ImageSet fewer = EstimatorTestData.randomImages("n5999", 5999, 0, 4);
        EstimatorConfig derived = DerivedSampleSizes.fit(QUICK, null, null, List.of(fewer));
        assertEquals(List.of(999, 1999), List.of(derived.validationSize(), derived.testSize()),
                "⌊1000·5999 / 6000⌋, ⌊2000·5999 / 6000⌋");
    }

    @Test
    void fit_explicitSizesWin_andOnlyTheOtherIsDerived() {
        EstimatorConfig v = DerivedSampleSizes.fit(QUICK, 30, null, List.of(P400, Q400));
        assertEquals(List.of(30, 133), List.of(v.validationSize(), v.testSize()));
        assertEquals(new DerivedSampleSizes("p400", 400, 1000, 2000, false, true), v.derivedSizes());
        assertTrue(v.derivedSizes().describe(30, 133).startsWith("Validation 30 / test 133 images per side: the test "
                + "size derived from the smallest finite source p400 (400 images)"), "the report sentence");
        EstimatorConfig both = DerivedSampleSizes.fit(QUICK, 20, 10, List.of(P400, Q400));
        assertEquals(List.of(20, 10), List.of(both.validationSize(), both.testSize()));
        assertNull(both.derivedSizes(), "both given: nothing derived");
        EstimatorConfig tiny = DerivedSampleSizes.fit(QUICK, 5, 5, List.of(EstimatorTestData.randomImages("t", 20, 0,
                5)));
        assertEquals(List.of(5, 5), List.of(tiny.validationSize(), tiny.testSize()), "explicit: no minimum applies");
    }

    /** Oracle: ⌊1000·n / 6000⌋ ≥ 50 ⇔ n ≥ 300 for the quick preset. */
    @Test
    void fit_belowTheMinimum_isATypedErrorNamingSourceAndSize_300IsTheSmallestAccepted() {
        EstimatorConfig at = DerivedSampleSizes.fit(QUICK, null, null,
                List.of(EstimatorTestData.randomImages("n300", 300, 0, 6)));
        assertEquals(List.of(50, 100), List.of(at.validationSize(), at.testSize()), "the smallest set accepted");
        ImageSet small = EstimatorTestData.randomImages("n299", 299, 0, 6);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> DerivedSampleSizes.fit(QUICK, null, null, List.of(small)));
        assertEquals("samples of n299", e.key(), "names the source");
        assertEquals("299 images", e.found(), "and its size");
        assertTrue(e.expected().contains("at least 300 images") && e.expected().contains("49 / 99")
                && e.expected().contains("--validation-size"), e.expected());
        EstimatorConfig given = DerivedSampleSizes.fit(QUICK, 10, 10, List.of(small));
        assertNull(given.derivedSizes(), "explicit sizes bypass the minimum");
    }
}
