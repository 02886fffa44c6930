package dev.lipschitzw1.errors;

/** A named data source that is not on this machine; the message says how to obtain it. */
public final class SourceNotFoundException extends W1Exception {
    private final String source;
    private final String howToObtain;

    public SourceNotFoundException(String source, String problem, String howToObtain) {
        super("source " + source + ": " + problem + "; " + howToObtain);
        this.source = source;
        this.howToObtain = howToObtain;
    }

    public String source() {
        return source;
    }

    public String howToObtain() {
        return howToObtain;
    }
}
