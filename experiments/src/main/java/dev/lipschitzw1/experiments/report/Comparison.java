package dev.lipschitzw1.experiments.report;

import java.util.List;

/**
 * Several critics' estimates on the same pair, seeds and splits ({@code w1 compare}, {@code w1 reproduce}).
 *
 * @param title     the report's heading
 * @param space     the space the numbers are in (distance, pixel range, upsampling)
 * @param rows      one per critic, in the order they ran
 * @param published published numbers for the same protocol, empty when there are none
 * @param notes     sentences the report prints under the table (protocol deviations, data used)
 * @param upsample  the critics' nearest-upsampling factor u (1 for none): every estimate is in native pixels (raw / u)
 *                  and the tables add the ×u upsampled space's values (raw), where published numbers are
 * @param truth     the pair's exact W1 when it is known (a funnel pair), else null: the tables add each critic's
 *                  relative error
 */
public record Comparison(String schema, String title, String pName, String qName, String preset, String space,
                         List<ComparisonRow> rows, List<PublishedResult> published, List<String> notes,
                         double wallSeconds, int upsample, KnownTruth truth) {
    public Comparison {
        rows = List.copyOf(rows);
        published = List.copyOf(published);
        notes = List.copyOf(notes);
    }

    /** The published result for {@code critic}, or null. */
    public PublishedResult publishedFor(String critic) {
        return published.stream().filter(p -> p.critic().equalsIgnoreCase(critic)).findFirst().orElse(null);
    }

    /** The row of {@code critic}, or null. */
    public ComparisonRow row(String critic) {
        return rows.stream().filter(r -> r.critic().equalsIgnoreCase(critic)).findFirst().orElse(null);
    }

    /**
     * Whether the paper's ordering BCOP &gt; RKO &gt; OSSN holds for the mean estimates ({@code lowerBounds} false) or
     * for the valid lower bounds; null unless all three critics ran.
     */
    public Boolean paperOrdering(boolean lowerBounds) {
        ComparisonRow b = row("bcop");
        ComparisonRow r = row("rko");
        ComparisonRow o = row("ossn");
        if (b == null || r == null || o == null) {
            return null;
        }
        return lowerBounds ? b.estimate().lowerBound() > r.estimate().lowerBound()
                && r.estimate().lowerBound() > o.estimate().lowerBound()
                : b.estimate().value() > r.estimate().value() && r.estimate().value() > o.estimate().value();
    }
}
