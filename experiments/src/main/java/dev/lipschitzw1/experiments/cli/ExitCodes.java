package dev.lipschitzw1.experiments.cli;

/**
 * The runner's exit codes (documented in README.md, docs/decisions.md and {@code --help}).
 * <pre>
 *   0  success
 *   1  the run failed (numerical failure, I/O error while writing results, an unexpected error)
 *   2  invalid command line or configuration (picocli's usage errors included)
 *   3  data missing or corrupt (a source not found, a malformed file)
 *   4  the critic is not certified 1-Lipschitz and no baseline report was asked for
 *   5  a sweep ended with some tasks failed (the others' results and the report are written)
 * </pre>
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int DATA = 3;
    public static final int NOT_CERTIFIED = 4;
    public static final int SWEEP_INCOMPLETE = 5;

    /** The heading of the exit-code footer of every command's {@code --help} (picocli format string). */
    static final String HELP_HEADING = "%nExit codes:%n";
    /** The footer lines of every command's {@code --help}, as this class lists the codes. */
    static final String[] HELP_FOOTER = {"  0 success, 1 run failed, 2 invalid command line or configuration,",
        "  3 data missing or corrupt, 4 critic not certified (see --baseline-report),",
        "  5 sweep finished with some tasks failed"};

    private ExitCodes() {
    }
}
