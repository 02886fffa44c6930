package dev.lipschitzw1.critic.estimate;

import dev.lipschitzw1.critic.certify.LayerCertificate;
import java.util.List;

/**
 * The result of one seed: the held-out estimate mean f(P_test) − mean f(Q_test) of the selected critic, the
 * validation value that selected it (epoch {@code bestEpoch}), its certified Lipschitz bound L and worst layer, the
 * per-layer certificates, the learning curve, the selected critic's gradient norms and whether the validation
 * objective had converged ({@link Convergence}; both {@code null} in checkpoints written before they were recorded).
 * {@code estimate} is the critic's raw objective, in the critic's input space (for a critic that upsamples ×a, the
 * ×a space; {@link W1Estimate} divides by a for native pixels). {@code lowerBound} = estimate / max(1, L) is a valid
 * lower bound on W1 in native pixels whatever L is.
 */
public record SeedEstimate(int seedIndex, long seed, double estimate, double bestValidation, int bestEpoch,
                           double certifiedLipschitz, String worstLayer, List<LayerCertificate> layers,
                           List<EpochRecord> curve, GradientNorms gradientNorms, Convergence convergence) {
    public SeedEstimate {
        layers = List.copyOf(layers);
        curve = List.copyOf(curve);
    }

    /** The estimate divided by max(1, L): a valid lower bound on W1 even for an uncertified critic. */
    public double lowerBound() {
        return estimate / Math.max(1, certifiedLipschitz);
    }
}
