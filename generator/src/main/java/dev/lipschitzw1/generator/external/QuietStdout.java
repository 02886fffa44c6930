package dev.lipschitzw1.generator.external;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Runs a call of the ONNX importer with standard output discarded: samediff-import-onnx 1.0.0-M2.1 prints its
 * registry and the whole imported graph with {@code System.out}, diagnostics meant for its developers, and library
 * code of this project must not print. Standard error is untouched. {@code System.out} is process-wide, so calls are
 * serialised on one lock and the original stream is restored whatever happens.
 */
final class QuietStdout {
    private static final Object LOCK = new Object();

    private QuietStdout() {
    }

    /** {@code action}'s result, with everything it writes to {@code System.out} dropped. */
    static <T> T callSilenced(Supplier<T> action) {
        synchronized (LOCK) {
            PrintStream original = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream(), true));
            try {
                return action.get();
            } finally {
                System.setOut(original);
            }
        }
    }
}
