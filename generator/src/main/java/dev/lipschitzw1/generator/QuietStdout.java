package dev.lipschitzw1.generator;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs an action with SameDiff's "Added differentiated op …" lines kept off standard output. SameDiff 1.0.0-M2.1
 * prints one such line per op with {@code System.out.println} while it builds a gradient function (DESIGN §9); this
 * swaps {@code System.out} for a filter that drops exactly those lines and passes every other line through, then
 * restores the original stream. Calls are serialised on one lock, since {@code System.out} is process-wide.
 */
public final class QuietStdout {
    private static final Object LOCK = new Object();
    private static final String SAMEDIFF_LINE = "Added differentiated op";

    private QuietStdout() {
    }

    /** Runs {@code action} with SameDiff's gradient-building lines filtered out of {@code System.out}. */
    public static <T> T call(Supplier<T> action) {
        return call(action, line -> line.startsWith(SAMEDIFF_LINE));
    }

    /**
     * Runs {@code action} with every standard-output line dropped, for library calls that print diagnostics meant
     * for their developers (samediff-import-onnx prints the whole imported graph). Standard error is untouched.
     */
    public static <T> T callSilenced(Supplier<T> action) {
        return call(action, line -> true);
    }

    private static <T> T call(Supplier<T> action, Predicate<String> drop) {
        synchronized (LOCK) {
            PrintStream original = System.out;
            LineFilter filter = new LineFilter(original, drop);
            System.setOut(new PrintStream(filter, true, StandardCharsets.UTF_8));
            try {
                return action.get();
            } finally {
                System.out.flush();
                filter.flushPartialLine();
                System.setOut(original);
            }
        }
    }

    /** As {@link #call} for an action without a result. */
    public static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** Buffers one line at a time and forwards it unless it is a SameDiff gradient-building line. */
    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final Predicate<String> drop;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target, Predicate<String> drop) {
            this.target = target;
            this.drop = drop;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        void flushPartialLine() {
            if (line.size() > 0) {
                emit();
            }
        }

        private void emit() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!drop.test(text)) {
                target.print(text);
                target.flush();
            }
        }
    }
}
