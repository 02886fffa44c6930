package dev.lipschitzw1.experiments.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.datasets.synthetic.KnownW1Pair;
import dev.lipschitzw1.json.JsonMappers;

/**
 * The exact W1 of a pair whose distance is known in closed form (a funnel pair: {@code --q funnel-easy:SET} with
 * {@code --p SET}), next to which a report places each estimate, as its relative error
 * <pre>  error = (estimate − W1) / W1  </pre>
 * negative for a certified critic that has not found the optimum; positive only for an uncertified (penalised) critic
 * or within the estimate's sampling noise.
 *
 * @param exactW1 W1(P, Q)
 * @param reason  why it is exact, in one sentence
 */
public record KnownTruth(double exactW1, String reason) {

    /** The truth of a known pair. */
    public static KnownTruth of(KnownW1Pair pair) {
        return new KnownTruth(pair.exactW1(), pair.reason());
    }

    /** (estimate − W1) / W1. */
    public double relativeError(double estimate) {
        return (estimate - exactW1) / exactW1;
    }

    /** "exact W1 = 2.32748 (reason); the estimate is 11.6 % below it". */
    public String sentence(double estimate) {
        double e = relativeError(estimate);
        return String.format("exact W1(P, Q) = %.5f (%s); the estimate is %.1f %% %s it", exactW1, reason,
                Math.abs(100 * e), e <= 0 ? "below" : "above");
    }

    /** {"value", "reason", "relativeError"} for a result file. */
    public ObjectNode json(double estimate) {
        ObjectNode o = JsonMappers.create().createObjectNode();
        o.put("value", exactW1);
        o.put("reason", reason);
        o.put("relativeError", relativeError(estimate));
        return o;
    }
}
