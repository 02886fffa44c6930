package dev.lipschitzw1.experiments.cli;

import dev.lipschitzw1.critic.estimate.EpochRecord;
import dev.lipschitzw1.critic.estimate.ProgressListener;
import dev.lipschitzw1.experiments.backend.MemoryPolicy;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long run on the terminal: one progress bar over the training steps of all runs of an estimate (seeds
 * and the floor, however many workers train them at once), with its ETA, when stderr is a terminal; plain lines (one
 * per epoch and run) when it is not (logs, CI); nothing with {@code --quiet}. Thread-safe: workers report
 * concurrently.
 */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private final Map<String, Long> latest = new HashMap<>();
    private ProgressBar bar;
    private long doneSteps;
    private long reported;

    /** Silent when {@code quiet}; otherwise a bar when a terminal is attached, plain lines when not. */
    ConsoleProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = System.console() != null;
    }

    @Override
    public synchronized void started(int runs, int workers, long totalSteps, long done) {
        MemoryPolicy.trim();
        if (quiet) {
            return;
        }
        close();
        latest.clear();
        doneSteps = done;
        reported = 0;
        String what = "training " + runs + (runs == 1 ? " run" : " runs") + " on " + workers
                + (workers == 1 ? " worker" : " workers");
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(what).setInitialMax(totalSteps).startsFrom(done,
                    java.time.Duration.ZERO).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build();
        } else {
            err.println(what + (done > 0 ? " (" + done + " of " + totalSteps + " steps done earlier)" : ""));
            err.flush();
        }
    }

    @Override
    public synchronized void step(String run, long step, long totalSteps) {
        if (quiet || bar == null) {
            return;
        }
        Long before = latest.put(run, step);
        reported += step - (before == null ? step - 1 : before);
        bar.stepTo(doneSteps + reported);
    }

    @Override
    public synchronized void epoch(String run, EpochRecord r) {
        MemoryPolicy.trimIfDue();
        if (quiet) {
            return;
        }
        if (bar != null) {
            bar.setExtraMessage(String.format("%s val %.4f", run, r.validationObjective()));
            return;
        }
        err.printf("%s: epoch %d, lr %.3g, training objective %.5f, validation %.5f%n", run, r.epoch() + 1,
                r.learningRate(), r.trainObjective(), r.validationObjective());
        err.flush();
    }

    @Override
    public synchronized void message(String text) {
        if (quiet) {
            return;
        }
        // Above an active bar: return to the line start and clear it; the bar redraws below at its next update.
        err.println(bar != null ? "\r" + text + " ".repeat(Math.max(0, 100 - text.length())) : text);
        err.flush();
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
