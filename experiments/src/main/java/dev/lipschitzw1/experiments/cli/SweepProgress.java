package dev.lipschitzw1.experiments.cli;

import dev.lipschitzw1.experiments.sweep.SweepListener;
import dev.lipschitzw1.experiments.sweep.TaskOutcome;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a sweep on the terminal: a bar over its tasks with the ETA (from the tasks finished in this session)
 * when stderr is a terminal, one line per finished task when not, nothing with {@code --quiet}; a failed task is
 * always named with its error.
 */
final class SweepProgress implements SweepListener, AutoCloseable {
    private final PrintWriter err;
    private final boolean quiet;
    private ProgressBar bar;

    SweepProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void started(int total, int done) {
        if (quiet) {
            return;
        }
        String what = "sweep: " + total + " tasks" + (done > 0 ? ", " + done + " finished earlier" : "");
        if (System.console() != null) {
            bar = new ProgressBarBuilder().setTaskName("sweep").setInitialMax(total).startsFrom(done, Duration.ZERO)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).build();
        } else {
            err.println(what);
            err.flush();
        }
    }

    @Override
    public void finished(TaskOutcome o, int done, int total) {
        if (!o.succeeded()) {
            String line = "task " + o.taskId() + " failed: " + o.error();
            err.println(bar != null ? "\r" + line : line);
        } else if (!quiet && bar == null) {
            err.printf("task %s done (%d/%d): W1 ≥ %.4f%n", o.taskId(), done, total, o.estimate().value());
        }
        err.flush();
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
