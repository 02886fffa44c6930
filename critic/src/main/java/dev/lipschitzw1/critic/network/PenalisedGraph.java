package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.ShapeMismatchException;
import dev.lipschitzw1.errors.UnsupportedLayerException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * The training graph of a critic with a gradient penalty, built from the critic's layers:
 * <pre>
 *   x [N, C, H, W] → layers → f(x) [N]                                                  (forward, as Critic)
 *   g = ∇ₓ Σ_{n ∈ R} f(x_n) = J₁ᵀ(J₂ᵀ(… J_Lᵀ 1)) [|R|, C, H, W],  R = rows [from, to)  (layers' inputVjp, in reverse)
 *   ‖g_n‖ = √(Σ g_n² + ε);   pen_n = (‖g_n‖ − 1)²  (GP)   or   max(0, ‖g_n‖ − 1)²  (LP)   ({@link PenaltyTerms})
 *   dual = Σ_n w_n f(x_n);   penalty = Σ_{n ∈ R} p_n pen_n;   loss = dual + λ·penalty
 * </pre>
 * with the per-sample weights w [N] ({@value Critic#WEIGHTS}) and p [|R|] ({@value #PENALTY_WEIGHTS}) as
 * placeholders, so that real, fake and interpolated rows go through ONE forward pass (the trainer gives real rows
 * w = −1/n, fake rows +1/n, interpolates w = 0 and p = 1/n) while the input-gradient chain runs on the interpolate
 * rows only. Samples do not interact (no batch statistics), so row n of g is ∇f(x_n). SameDiff differentiates the
 * whole graph once, giving the penalty's parameter gradient without second-order ops. The rows R are fixed when the
 * graph is built (one graph per batch size).
 *
 * <p>The graph's parameters are the critic's own arrays ({@link #link}), so optimiser updates of the critic are seen
 * here without copying.
 */
final class PenalisedGraph {

    /** Per-sample penalty weights [N]. */
    static final String PENALTY_WEIGHTS = "penaltyWeights";
    /** The explicit input gradient [N, C, H, W]. */
    static final String INPUT_GRADIENT = "inputGradient";
    /** ‖∇ₓ f(x_n)‖₂ (with ε) [N]. */
    static final String NORMS = "gradientNorms";
    /** Σ w·f. */
    static final String DUAL = "dualLoss";
    /** Σ p·pen (without λ). */
    static final String PENALTY = "penalty";

    private PenalisedGraph() {
    }

    /**
     * Builds the graph for the layers of a critic with input shape {@code input} in {@code dataType}, the penalty on
     * the rows [from, to) of the input batch.
     *
     * @throws UnsupportedLayerException if a layer has no explicit input VJP
     */
    static SameDiff build(List<LipschitzLayer> layers, ImageShape input, DataType dataType, GradientPenalty penalty,
                          int from, int to) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder(Critic.INPUT, dataType, -1, input.channels(), input.height(), input.width());
        SDVariable g = forwardAndInputGradient(sd, layers, x, from, to);
        SDVariable score = sd.getVariable(Critic.SCORE);
        SDVariable w = sd.placeHolder(Critic.WEIGHTS, dataType, -1);
        SDVariable p = sd.placeHolder(PENALTY_WEIGHTS, dataType, to - from);
        SDVariable dual = sd.sum(DUAL, score.mul(w));
        SDVariable norms = PenaltyTerms.gradientNorms(sd, NORMS, g);
        SDVariable pen = sd.sum(PENALTY, PenaltyTerms.perSample(sd, norms, penalty.kind()).mul(p));
        sd.setLossVariables(sd.math().add(Critic.LOSS, dual, pen.mul(penalty.lambda())));
        return sd;
    }

    /**
     * Adds the forward pass ({@value Critic#SCORE} [N]) and the explicit input gradient ({@value #INPUT_GRADIENT},
     * [to − from, C, H, W]) of f at the rows [from, to) of x to {@code sd}. The VJP chain starts from u = 1 on those
     * rows and reads each layer's input restricted to them, so its cost (and that of its derivative) is that of
     * to − from rows, whatever N is.
     *
     * @throws UnsupportedLayerException if a layer has no explicit input VJP
     */
    static SDVariable forwardAndInputGradient(SameDiff sd, List<LipschitzLayer> layers, SDVariable x, int from,
                                              int to) {
        List<SDVariable> inputs = new ArrayList<>();
        SDVariable h = x;
        for (LipschitzLayer layer : layers) {
            inputs.add(h);
            h = layer.apply(sd, h);
        }
        sd.reshape(Critic.SCORE, h, -1);
        SDVariable u = new StopGradient(sd, sd.onesLike(rows(h, 2, from, to))).outputVariable();
        for (int i = layers.size() - 1; i >= 0; i--) {
            LipschitzLayer layer = layers.get(i);
            u = layer.inputVjp(sd, rows(inputs.get(i), layer.inputShape().length + 1, from, to), u);
        }
        return sd.identity(INPUT_GRADIENT, u);
    }

    /** Rows [from, to) of a rank-{@code rank} variable. */
    private static SDVariable rows(SDVariable v, int rank, int from, int to) {
        SDIndex[] idx = new SDIndex[rank];
        Arrays.fill(idx, SDIndex.all());
        idx[0] = SDIndex.interval(from, to);
        return v.get(idx);
    }

    /**
     * Makes every VARIABLE of {@code graph} use the array of the same-named variable of the critic's graph (the same
     * object, not a copy), unless it already does.
     */
    static void link(SameDiff graph, SameDiff critic) {
        for (SDVariable v : graph.variables()) {
            if (v.getVariableType() != VariableType.VARIABLE) {
                continue;
            }
            SDVariable own = critic.getVariable(v.name());
            if (own == null || own.getArr() == null) {
                throw new ShapeMismatchException("penalised graph: variable " + v.name() + " missing in the critic",
                        Arrays.stream(v.getArr().shape()).mapToInt(d -> (int) d).toArray(), new int[0]);
            }
            INDArray source = own.getArr();
            if (v.getArr() != source) {
                v.setArray(source);
            }
        }
    }
}
