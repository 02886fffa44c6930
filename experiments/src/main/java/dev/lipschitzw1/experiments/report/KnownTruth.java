package dev.lipschitzw1.experiments.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.datasets.synthetic.FunnelPair;
import dev.lipschitzw1.datasets.synthetic.FunnelReferenceGains;
import dev.lipschitzw1.json.JsonMappers;
import java.util.Locale;
import java.util.Optional;

/**
 * The exact W1 of a pair whose distance is known in closed form (a funnel pair: {@code --q funnel-easy:SET} with
 * {@code --p SET}), next to which a report places each estimate, as its relative error
 * <pre>  error = (estimate − W1) / W1  </pre>
 * negative for a certified critic that has not found the optimum; positive only for an uncertified (penalised) critic
 * or within the estimate's sampling noise. A funnel pair also carries its yardsticks ({@link FunnelReferenceGains}:
 * what the best linear critic and the best critic with one affine piece per funnel can gain), so that a report can
 * say how far below the truth a critic is expected to stop.
 *
 * @param exactW1    W1(P, Q)
 * @param reason     why it is exact, in one sentence
 * @param references the funnel pair's yardsticks, or null for a pair without them
 */
public record KnownTruth(double exactW1, String reason, FunnelReferenceGains references) {

    /** The truth of a funnel pair, with its yardsticks. */
    public static KnownTruth of(FunnelPair pair) {
        return new KnownTruth(pair.pair().exactW1(), pair.pair().reason(), pair.referenceGains());
    }

    /**
     * "Yardsticks: the best linear critic gains 77.3 % of the exact W1, a critic with one affine piece per funnel at
     * most 88.9 % (…).", or empty for a pair without them.
     */
    public Optional<String> yardsticks() {
        return Optional.ofNullable(references).map(r -> String.format(Locale.ROOT, "Yardsticks: the best linear "
                + "critic gains %.1f %% of the exact W1, a critic with one affine piece per funnel at most %.1f %% "
                + "(closer needs a critic that bends inside each funnel's cell).", 100 * r.linearShare(),
                100 * r.perFunnelAffineShare()));
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
        if (references != null) {
            o.set("references", JsonMappers.create().valueToTree(references));
        }
        return o;
    }
}
