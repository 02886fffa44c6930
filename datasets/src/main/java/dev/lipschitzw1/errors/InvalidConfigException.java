package dev.lipschitzw1.errors;

/** A configuration value outside its valid range: names the key, the value found and what was expected. */
public final class InvalidConfigException extends W1Exception {
    private final String key;
    private final transient Object found;
    private final String expected;

    public InvalidConfigException(String key, Object found, String expected) {
        super(key + " = " + found + ": expected " + expected);
        this.key = key;
        this.found = found;
        this.expected = expected;
    }

    /** Throws unless {@code condition} holds; use at public entry points instead of {@code assert}. */
    public static void require(boolean condition, String key, Object found, String expected) {
        if (!condition) {
            throw new InvalidConfigException(key, found, expected);
        }
    }

    public String key() {
        return key;
    }

    public Object found() {
        return found;
    }

    public String expected() {
        return expected;
    }
}
