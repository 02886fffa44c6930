package dev.lipschitzw1.experiments.sweep;

import dev.lipschitzw1.critic.estimate.SeedEstimate;
import dev.lipschitzw1.critic.estimate.W1Estimate;
import dev.lipschitzw1.experiments.cli.CriticKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sweep's results: every task's outcome and one {@link SweepRow} per (pair, critic), in the spec's order.
 *
 * @param spec     the spec
 * @param outcomes every task's outcome, in task order
 * @param rows     the table
 */
public record SweepSummary(SweepSpec spec, List<TaskOutcome> outcomes, List<SweepRow> rows) {
    public SweepSummary {
        outcomes = List.copyOf(outcomes);
        rows = List.copyOf(rows);
    }

    /**
     * Aggregates {@code outcomes} (one per task of {@code tasks}, same order) into rows; {@code exact} maps a pair's
     * (pIndex, qIndex) key {@link #pairKey} to its exact W1 (absent: not computed).
     */
    public static SweepSummary of(SweepSpec spec, List<SweepTask> tasks, List<TaskOutcome> outcomes,
                                  Map<String, Double> exact) {
        Map<String, List<Integer>> byRow = new java.util.LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            SweepTask t = tasks.get(i);
            byRow.computeIfAbsent(pairKey(t.pair()) + "/" + t.critic(), k -> new ArrayList<>()).add(i);
        }
        List<SweepRow> rows = new ArrayList<>();
        for (List<Integer> members : byRow.values()) {
            SweepTask first = tasks.get(members.get(0));
            List<Double> v = new ArrayList<>();
            List<Double> l = new ArrayList<>();
            List<Double> r = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            boolean certified = true;
            for (int i : members) {
                TaskOutcome o = outcomes.get(i);
                if (!o.succeeded()) {
                    failed.add(o.taskId());
                    continue;
                }
                W1Estimate e = o.estimate();
                SeedEstimate s = e.perSeed().get(0);
                v.add(e.value());
                l.add(s.certifiedLipschitz());
                r.add(s.lowerBound());
                certified &= e.certified();
            }
            rows.add(SweepRow.of(first.pair(), first.critic(), CriticKind.parse(first.critic(), "critic").penalised(),
                    members.size(), unbox(v), unbox(l), unbox(r), certified, failed,
                    exact.getOrDefault(pairKey(first.pair()), Double.NaN)));
        }
        return new SweepSummary(spec, outcomes, rows);
    }

    /** The key of a pair in the exact-W1 map: "pIndex/qIndex". */
    public static String pairKey(SweepPair pair) {
        return pair.pIndex() + "/" + pair.qIndex();
    }

    /** Whether every task succeeded. */
    public boolean allSucceeded() {
        return outcomes.stream().allMatch(TaskOutcome::succeeded);
    }

    /** The failed tasks' outcomes. */
    public List<TaskOutcome> failures() {
        return outcomes.stream().filter(o -> !o.succeeded()).toList();
    }

    private static double[] unbox(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Rows grouped by P and checkpoint directory (for the W1-against-step plots), only pairs that have a step. */
    Map<String, List<SweepRow>> checkpointCurves() {
        Map<String, List<SweepRow>> curves = new java.util.LinkedHashMap<>();
        for (SweepRow row : rows) {
            if (row.pair().step() != null) {
                curves.computeIfAbsent(row.pair().p() + " vs " + row.pair().checkpoints(), k -> new ArrayList<>())
                        .add(row);
            }
        }
        return curves;
    }
}
