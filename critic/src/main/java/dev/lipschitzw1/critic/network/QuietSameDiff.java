package dev.lipschitzw1.critic.network;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Keeps SameDiff's "Added differentiated op …" lines out of user output. ND4J 1.0.0-M2.1 prints one such line per op
 * with {@code System.out.println} (not a logger) when it builds a graph's gradient function, which happens on the
 * first gradient call of a graph. {@link #call} runs an action with {@code System.out} replaced by a line filter that
 * drops exactly those lines and forwards every other line unchanged; the original stream is restored afterwards.
 * Calls are serialised on this class.
 */
final class QuietSameDiff {

    private static final String NOISE = "Added differentiated op";

    private QuietSameDiff() {
    }

    static synchronized <T> T call(Supplier<T> action) {
        PrintStream original = System.out;
        LineFilter filter = new LineFilter(original);
        System.setOut(new PrintStream(filter, true, StandardCharsets.UTF_8));
        try {
            return action.get();
        } finally {
            System.out.flush();
            filter.flushPartial();
            System.setOut(original);
        }
    }

    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        void flushPartial() {
            if (line.size() > 0) {
                emit();
            }
        }

        private void emit() {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!s.startsWith(NOISE)) {
                target.print(s);
                target.flush();
            }
        }
    }
}
