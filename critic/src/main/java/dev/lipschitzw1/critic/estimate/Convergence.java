package dev.lipschitzw1.critic.estimate;

import java.util.Locale;

/**
 * Whether one run's validation objective had stopped improving when its training ended, as {@link ConvergenceRule}
 * decides it from the learning curve:
 * <pre>  g = (B_n − B_{n−k}) / |B_{n−k}|,   converged ⇔ n &gt; k and g ≤ relativeTolerance  </pre>
 * with B_m the best validation objective of the first m epochs.
 *
 * @param converged         the rule held after the last epoch
 * @param relativeGain      g, the relative gain of the best validation objective over the last k epochs; NaN when
 *                          n ≤ k (too few epochs to judge) or when it rose from exactly 0
 * @param patienceEpochs    k
 * @param relativeTolerance the largest g that counts as converged
 * @param epochs            n, the epochs the run trained
 */
public record Convergence(boolean converged, double relativeGain, int patienceEpochs, double relativeTolerance,
                          int epochs) {
    /** One phrase for reports, e.g. "converged: best validation +0.31 % over the last 3 epochs (≤ 1.00 %)". */
    public String describe() {
        return (converged ? "converged: " : "NOT converged: ") + reason();
    }

    /**
     * What the decision rests on: "best validation +0.31 % over the last 3 epochs (≤ 1.00 %)", "2 epochs, too few
     * to judge a gain over the last 3", or "best validation rose from 0 over the last 3 epochs".
     */
    public String reason() {
        if (epochs <= patienceEpochs) {
            return String.format(Locale.ROOT, "%d epochs, too few to judge a gain over the last %d", epochs,
                    patienceEpochs);
        }
        String gain = Double.isNaN(relativeGain) ? "rose from 0"
                : String.format(Locale.ROOT, "%+.2f %%", 100 * relativeGain);
        return String.format(Locale.ROOT, "best validation %s over the last %d epochs (%s %.2f %%)", gain,
                patienceEpochs, converged ? "≤" : ">", 100 * relativeTolerance);
    }
}
