package dev.lipschitzw1.critic.estimate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.GradientPenalty;
import dev.lipschitzw1.critic.network.GradientPenaltyTrainer;
import dev.lipschitzw1.critic.network.OptimiserConfig;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.json.JsonMappers;

/**
 * Settings of the dual W1 estimator (docs/estimator.md, "Protocol"). Per seed: a critic is trained for {@code epochs × itersPerEpoch}
 * steps on batches of {@code batchSize} from the training parts of P and Q, the learning rate decaying as
 * lr₀·γ^epoch; after each epoch it is scored on fixed validation samples ({@code validationSize} per side) and, with
 * {@code keepBest}, the best epoch's weights are kept; the kept critic is then scored once on untouched test samples
 * ({@code testSize} per side). {@code seeds} seeds are run from the root {@code seed}.
 *
 * <p>Acceptance (docs/decisions.md 33): a selected critic is certified when its bound in native pixels is
 * L ≤ a·(1 + 1e-4) ({@link #certifiedLimit()}), a the critic's {@link CriticConfig#architecturalFactor()} (its nearest
 * upsampling, 1 for none), and its estimate is then reported as raw / a in native pixels. What can be known before
 * training is checked before training ({@link #requireCertifiable()}).
 *
 * @param preset the name reports print ({@code quick}, {@code paper} or {@code custom})
 * @param sameDistributionFloor also run the protocol on two disjoint halves of P (its bias floor)
 * @param baselineReport report critics whose certified bound exceeds 1 + 1e-4 (as raw, L and raw / L) instead of
 *                       refusing them
 * @param penalty        the gradient penalty of each training step ({@link GradientPenaltyTrainer}); {@code null}
 *                       (or absent from JSON) means the critic variant's default, {@link GradientPenalty#defaultFor}:
 *                       WGAN-GP with λ = 10 for the GP critic, none for the others. A penalty other than NONE needs
 *                       the GP critic (the only one with explicit input VJPs). A penalised critic is a baseline: it
 *                       is refused like any critic certified above 1 + 1e-4 unless {@code baselineReport} is set.
 * @param derivedSizes   how {@code validationSize} and {@code testSize} were derived from a finite source too small
 *                       for the preset's ({@link DerivedSampleSizes#fit}); {@code null} (or absent from JSON) when
 *                       they are as configured: the preset's, or given explicitly. Reports and result.json say so.
 * @param untilConverged {@code null} (and absent from JSON, so configs written before it read and compare equal):
 *                       train the fixed schedule of {@code epochs} and judge convergence afterwards by
 *                       {@link ConvergenceRule#defaults}; otherwise train each run until this rule says its validation
 *                       objective converged, at most ⌊maxSteps / itersPerEpoch⌋ epochs ({@link #maxEpochs()}), and
 *                       {@code epochs} is not used
 */
public record EstimatorConfig(String preset, CriticConfig critic, OptimiserConfig optimiser, double lrDecay,
                              int epochs, int itersPerEpoch, int batchSize, int validationSize, int testSize,
                              int seeds, long seed, boolean keepBest, boolean sameDistributionFloor,
                              boolean baselineReport, GradientPenalty penalty, DerivedSampleSizes derivedSizes,
                              @JsonInclude(JsonInclude.Include.NON_NULL) ConvergenceRule untilConverged) {
    /** Largest certified bound accepted for an estimate (docs/estimator.md, "What the number means"). */
    public static final double CERTIFIED_LIMIT = 1 + 1e-4;
    /** The authors' per-epoch decay (ExponentialLR γ of their WDE runs). */
    public static final double PAPER_DECAY = 0.96235062639;

    private static final ObjectMapper JSON = JsonMappers.create()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public EstimatorConfig {
        InvalidConfigException.require(preset != null && !preset.isBlank(), "preset", preset, "a name");
        InvalidConfigException.require(critic != null, "critic", null, "a critic config");
        InvalidConfigException.require(optimiser != null, "optimiser", null, "an optimiser config");
        InvalidConfigException.require(lrDecay > 0 && lrDecay <= 1, "lrDecay", lrDecay, "in (0, 1]");
        InvalidConfigException.require(epochs >= 1, "epochs", epochs, "≥ 1");
        InvalidConfigException.require(itersPerEpoch >= 1, "itersPerEpoch", itersPerEpoch, "≥ 1");
        InvalidConfigException.require(batchSize >= 1, "batchSize", batchSize, "≥ 1");
        InvalidConfigException.require(validationSize >= 1, "validationSize", validationSize, "≥ 1");
        InvalidConfigException.require(testSize >= 2, "testSize", testSize, "≥ 2");
        InvalidConfigException.require(seeds >= 1, "seeds", seeds, "≥ 1");
        InvalidConfigException.require(seed >= 0, "seed", seed, "≥ 0");
        if (penalty == null) {
            penalty = GradientPenalty.defaultFor(critic.variant());
        }
        InvalidConfigException.require(penalty.kind() == GradientPenalty.Kind.NONE
                        || critic.variant() == CriticConfig.Variant.GP, "penalty.kind", penalty.kind(),
                "NONE for a " + critic.variant() + " critic (a gradient penalty needs the GP critic's explicit input "
                        + "gradient; use critic variant GP)");
        InvalidConfigException.require(untilConverged == null || untilConverged.maxSteps() >= itersPerEpoch,
                "convergence.maxSteps", untilConverged == null ? null : untilConverged.maxSteps(),
                "≥ itersPerEpoch = " + itersPerEpoch + " (training stops after whole epochs)");
    }

    /** The largest certified bound accepted for this config's critic: {@link #certifiedLimit(CriticConfig)}. */
    public double certifiedLimit() {
        return certifiedLimit(critic);
    }

    /**
     * The largest certified bound in native pixels accepted for a critic built as {@code c}:
     * <pre>  L ≤ a·(1 + 1e-4),   a = c.architecturalFactor()  </pre>
     * The fixed layers contribute exactly a, so this asks of the trained layers what {@link #CERTIFIED_LIMIT} asks of
     * a critic on native pixels; such a critic divided by a is (1 + 1e-4)-Lipschitz, and raw / a a certified lower
     * bound on W1 in native pixels.
     */
    public static double certifiedLimit(CriticConfig c) {
        return c.architecturalFactor() * CERTIFIED_LIMIT;
    }

    /**
     * Fails before any training when the critic's certificate cannot pass {@link #certifiedLimit()} and no baseline
     * report was asked for: a critic whose variant is not {@link CriticConfig.Variant#constrained() constrained} (GP)
     * would train and then be refused.
     *
     * @throws InvalidConfigException naming {@code baselineReport}
     */
    public void requireCertifiable() {
        InvalidConfigException.require(baselineReport || critic.variant().constrained(), "baselineReport", false,
                "true for a " + critic.variant() + " critic (--baseline-report): its layers are unconstrained, so its "
                        + "certified bound is never ≤ " + certifiedLimit() + " and the estimate would be refused after "
                        + "training");
    }

    /**
     * The rule each run's convergence is judged by: {@code untilConverged}, or for a fixed schedule
     * {@link ConvergenceRule#defaults} capped at that schedule.
     */
    public ConvergenceRule convergence() {
        return untilConverged != null ? untilConverged : ConvergenceRule.defaults(totalSteps());
    }

    /** The most epochs a run trains: {@code epochs}, or ⌊maxSteps / itersPerEpoch⌋ when training until converged. */
    public int maxEpochs() {
        return untilConverged == null ? epochs : (int) Math.min(Integer.MAX_VALUE,
                untilConverged.maxSteps() / itersPerEpoch);
    }

    /**
     * The CPU default, sized so the runner's default job ends in minutes on 2 cores: the quick critic of
     * {@link CriticConfig#quick}, RMSprop lr 2e-3 decaying by 0.8 per epoch, 10 epochs × 150 steps of batch 64, 1,000
     * validation and 2,000 test images per side, 3 seeds, keep-best, floor. (On the known-W1 translation of 3,000
     * MNIST images, 4 × 40 steps at this rate came within 1.8 % of the truth; docs/estimator.md.)
     */
    public static EstimatorConfig quick(ImageShape input) {
        return new EstimatorConfig("quick", CriticConfig.quick(input), OptimiserConfig.rmsprop(2e-3), 0.8, 10, 150, 64,
                1000, 2000, 3, 0, true, true, false, null, null, null);
    }

    /**
     * The authors' WDE protocol (docs/reproduce.md, "The protocol"): their critic, RMSprop lr 1e-4 (MaxMin), γ = 0.96235062639 per epoch,
     * 256 epochs × 100 steps of batch 64, 6,400 validation samples per side, 5 seeds. A GPU workload.
     */
    public static EstimatorConfig paper(ImageShape input) {
        return new EstimatorConfig("paper", CriticConfig.paper(input), OptimiserConfig.rmsprop(1e-4), PAPER_DECAY, 256,
                100, 64, 6400, 6400, 5, 0, true, true, false, null, null, null);
    }

    /** The most training steps a run takes: the fixed schedule's, or the step cap's in whole epochs. */
    public long totalSteps() {
        return (long) maxEpochs() * itersPerEpoch;
    }

    /**
     * This config with another critic. The penalty is kept when the critic variant stays the same, and becomes the new
     * variant's default otherwise (switching to GP turns on WGAN-GP with λ = 10, switching away turns it off).
     */
    public EstimatorConfig withCritic(CriticConfig c) {
        return new EstimatorConfig(preset, c, optimiser, lrDecay, epochs, itersPerEpoch, batchSize, validationSize,
                testSize, seeds, seed, keepBest, sameDistributionFloor, baselineReport,
                c.variant() == critic.variant() ? penalty : null, derivedSizes, untilConverged);
    }

    /** This config with another gradient penalty (GP critic only for GP and LP). */
    public EstimatorConfig withPenalty(GradientPenalty p) {
        return new EstimatorConfig(preset, critic, optimiser, lrDecay, epochs, itersPerEpoch, batchSize, validationSize,
                testSize, seeds, seed, keepBest, sameDistributionFloor, baselineReport, p,
                derivedSizes, untilConverged);
    }

    public EstimatorConfig withOptimiser(OptimiserConfig o) {
        return new EstimatorConfig(preset, critic, o, lrDecay, epochs, itersPerEpoch, batchSize, validationSize,
                testSize, seeds, seed, keepBest, sameDistributionFloor, baselineReport, penalty,
                derivedSizes, untilConverged);
    }

    public EstimatorConfig withSchedule(int newEpochs, int newIters, double decay) {
        return new EstimatorConfig(preset, critic, optimiser, decay, newEpochs, newIters, batchSize, validationSize,
                testSize, seeds, seed, keepBest, sameDistributionFloor, baselineReport, penalty,
                derivedSizes, untilConverged);
    }

    /** This config with sizes set by hand: nothing is derived any more ({@code derivedSizes} becomes null). */
    public EstimatorConfig withSamples(int newBatch, int newValidation, int newTest) {
        return new EstimatorConfig(preset, critic, optimiser, lrDecay, epochs, itersPerEpoch, newBatch, newValidation,
                newTest, seeds, seed, keepBest, sameDistributionFloor, baselineReport, penalty, null, untilConverged);
    }

    /** This config with validation and test sizes derived as {@code how} says ({@link DerivedSampleSizes#fit}). */
    public EstimatorConfig withDerivedSamples(int newValidation, int newTest, DerivedSampleSizes how) {
        return new EstimatorConfig(preset, critic, optimiser, lrDecay, epochs, itersPerEpoch, batchSize, newValidation,
                newTest, seeds, seed, keepBest, sameDistributionFloor, baselineReport, penalty, how, untilConverged);
    }

    public EstimatorConfig withSeeds(int count, long rootSeed) {
        return new EstimatorConfig(preset, critic, optimiser, lrDecay, epochs, itersPerEpoch, batchSize, validationSize,
                testSize, count, rootSeed, keepBest, sameDistributionFloor, baselineReport, penalty,
                derivedSizes, untilConverged);
    }

    public EstimatorConfig withFlags(boolean keep, boolean floor, boolean baseline) {
        return new EstimatorConfig(preset, critic, optimiser, lrDecay, epochs, itersPerEpoch, batchSize, validationSize,
                testSize, seeds, seed, keep, floor, baseline, penalty, derivedSizes, untilConverged);
    }

    /** This config training each run until {@code rule} says it converged ({@code null}: the fixed schedule). */
    public EstimatorConfig withUntilConverged(ConvergenceRule rule) {
        return new EstimatorConfig(preset, critic, optimiser, lrDecay, epochs, itersPerEpoch, batchSize, validationSize,
                testSize, seeds, seed, keepBest, sameDistributionFloor, baselineReport, penalty, derivedSizes, rule);
    }

    public EstimatorConfig withPreset(String name) {
        return new EstimatorConfig(name, critic, optimiser, lrDecay, epochs, itersPerEpoch, batchSize, validationSize,
                testSize, seeds, seed, keepBest, sameDistributionFloor, baselineReport, penalty,
                derivedSizes, untilConverged);
    }

    /** Every field as JSON; {@link #fromJson} reads it back to an equal config. */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + this, e);
        }
    }

    /** @throws InvalidConfigException if the text is not an estimator config written by {@link #toJson} */
    public static EstimatorConfig fromJson(String json) {
        try {
            return JSON.readValue(json, EstimatorConfig.class);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException("estimator config", e.getOriginalMessage(),
                    "an estimator config as written by toJson()");
        }
    }
}
