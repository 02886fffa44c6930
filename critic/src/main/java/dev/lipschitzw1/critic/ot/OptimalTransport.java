package dev.lipschitzw1.critic.ot;

/**
 * The exact optimal transport between two finite point sets under the Euclidean ground metric, primal and dual:
 * <pre>  W1 = Σ_ij π_ij ‖x_i − y_j‖₂ = Σ_i a_i f(x_i) − Σ_j b_j f(y_j)  </pre>
 * with π the sparse optimal plan (a permutation with masses 1/n for equal-size uniform sets, at most n + m − 1
 * entries otherwise; masses sum to 1 for uniform sets, to Σa for given weights) and f the optimal critic
 * ({@link KantorovichPotential}), both equalities holding up to rounding.
 *
 * @param result the value W1 and how it was obtained
 * @param plan   the optimal plan π, its cost equal to {@code result.value()} ({@code pivots} 0 for an assignment)
 * @param critic the optimal 1-Lipschitz critic on these samples
 */
public record OptimalTransport(ExactW1Result result, TransportPlan plan, KantorovichPotential critic) {
}
