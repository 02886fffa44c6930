package dev.lipschitzw1.errors;

/**
 * Root of the toolkit's typed errors. Every message says what failed, where, what was expected and what was found,
 * so that a user can act on the one line the runner prints.
 */
public class W1Exception extends RuntimeException {
    public W1Exception(String message) {
        super(message);
    }

    public W1Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
