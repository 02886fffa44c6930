package dev.lipschitzw1.dl4j.conf;

import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import java.io.Serializable;
import java.util.Objects;

/**
 * {@link BjorckConfig} as a JSON bean inside a DL4J configuration (DL4J's mapper writes fields and needs a no-argument
 * constructor, which a record does not offer; it finds the properties through their getters): iterations, β, pre-scale,
 * power iterations, margin.
 */
public final class BjorckSettings implements Serializable {

    private int iterations;
    private double beta;
    private BjorckConfig.Prescale prescale;
    private int powerIterations;
    private double margin;

    /** For JSON. */
    private BjorckSettings() {
    }

    /** The settings of {@code c}. */
    public static BjorckSettings of(BjorckConfig c) {
        BjorckSettings s = new BjorckSettings();
        s.iterations = c.iterations();
        s.beta = c.beta();
        s.prescale = c.prescale();
        s.powerIterations = c.powerIterations();
        s.margin = c.margin();
        return s;
    }

    public int getIterations() {
        return iterations;
    }

    public double getBeta() {
        return beta;
    }

    public BjorckConfig.Prescale getPrescale() {
        return prescale;
    }

    public int getPowerIterations() {
        return powerIterations;
    }

    public double getMargin() {
        return margin;
    }

    /** Back to the engine's record (validated there). */
    public BjorckConfig toConfig() {
        return new BjorckConfig(iterations, beta, prescale, powerIterations, margin);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BjorckSettings s && iterations == s.iterations && beta == s.beta && prescale == s.prescale
                && powerIterations == s.powerIterations && margin == s.margin;
    }

    @Override
    public int hashCode() {
        return Objects.hash(iterations, beta, prescale, powerIterations, margin);
    }
}
