package dev.lipschitzw1.experiments.cli;

import dev.lipschitzw1.critic.estimate.EpochRecord;
import dev.lipschitzw1.critic.estimate.ProgressListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long run on the terminal: a progress bar per training run when stderr is a terminal, plain lines
 * (one per epoch) when it is not (logs, CI), nothing with {@code --quiet}.
 */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private ProgressBar bar;
    private String barRun;

    /** Silent when {@code quiet}; otherwise a bar when a terminal is attached, plain lines when not. */
    ConsoleProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = System.console() != null;
    }

    @Override
    public void step(String run, long step, long totalSteps) {
        if (quiet || !terminal) {
            return;
        }
        if (!run.equals(barRun)) {
            close();
            bar = new ProgressBarBuilder().setTaskName(run).setInitialMax(totalSteps)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build();
            barRun = run;
        }
        bar.stepTo(step);
    }

    @Override
    public void epoch(String run, EpochRecord r) {
        if (quiet) {
            return;
        }
        if (terminal && bar != null) {
            bar.setExtraMessage(String.format("val %.4f", r.validationObjective()));
            return;
        }
        err.printf("%s: epoch %d, lr %.3g, training objective %.5f, validation %.5f%n", run, r.epoch() + 1,
                r.learningRate(), r.trainObjective(), r.validationObjective());
        err.flush();
    }

    @Override
    public void message(String text) {
        if (quiet) {
            return;
        }
        close();
        err.println(text);
        err.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
            barRun = null;
        }
    }
}
